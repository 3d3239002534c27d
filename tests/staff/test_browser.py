"""A staff member in real headless Chromium: sign in, find the new urgent request first, send it, print the
letter; axe-core on the queue, the record, the letter and the report."""
from __future__ import annotations

import pytest

from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Referral
from tests.app.test_browser import live_app  # noqa: F401  (the app served on 127.0.0.1 in a thread)
from tests.staff.conftest import PASSWORD, add_referral, add_user, days_ago

pytestmark = pytest.mark.browser


@pytest.fixture
def workspace(live_app):  # noqa: F811
    add_user(live_app, "sam.staff")
    add_referral(live_app, client_name="Older Routine-Request", created=days_ago(3), shared=("contact_details",))
    urgent = add_referral(live_app, client_name="Avery Urgent-Case", urgent=True, created=days_ago(0),
                          shared=("contact_details", "reason"))
    add_referral(live_app, client_name="Booked Already", status="appointment_booked", created=days_ago(9))
    return live_app, urgent


def sign_in(page, base: str, username: str = "sam.staff") -> None:
    page.goto(f"{base}/staff/")
    assert "/account/login" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def fill_consent(page, name: str, *shared: str) -> None:
    """Fill a consent form (in person or on a link) as the client signing for themselves; `shared`: the labels
    of what they agree to share."""
    for label in shared:
        page.get_by_label(label).check()
    page.get_by_label("I understand I can take back").check()
    page.get_by_label("I understand that my care does not depend").check()
    page.get_by_label("I understand the provider could share").check()
    page.get_by_label("I am the person this request is for").check()
    page.get_by_label("Type your full name to sign").fill(name)


def move_to(page, label: str, note: str = "") -> None:
    page.get_by_label("Move to").select_option(label=label)
    if note:
        page.get_by_label("Note (optional)").fill(note)
    page.get_by_role("button", name="Change status").click()
    assert page.get_by_role("status").filter(has_text=f"Moved to “{label}”.").is_visible()


def test_staff_sends_the_urgent_request_and_prints_the_letter(workspace, page, axe):
    app, urgent_id = workspace
    base = app.config["TEST_URL"]
    sign_in(page, base)
    assert page.get_by_role("heading", name="Referral queue").is_visible()
    first_row = page.locator("table tbody tr").first
    assert "Avery Urgent-Case" in first_row.inner_text() and "URGENT" in first_row.inner_text().upper()
    assert axe(page) == []

    first_row.get_by_role("link").click()
    assert page.get_by_role("heading", name="Referral").first.is_visible()
    assert axe(page) == []
    move_to(page, "Consent checked", "Consent read back to the client by phone.")
    move_to(page, "Sent to provider")
    assert "Status: Sent to provider" in page.locator(".lead").inner_text()

    page.get_by_role("link", name="Open the referral letter").click()
    letter = page.locator("article.letter")
    assert "Avery Urgent-Case" in letter.inner_text() and "Low mood for months" in letter.inner_text()
    assert axe(page) == []
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print the letter").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert letter.is_visible() and not page.locator(".staff-header").is_visible()
    assert not page.get_by_role("button", name="Print the letter").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")

    page.emulate_media(media="screen")
    page.goto(f"{base}/staff/report")
    assert page.get_by_role("heading", name="Network report").is_visible()
    assert axe(page) == []

    with app.app_context():
        referral = get_session().get(Referral, urgent_id)
        assert [e.status for e in referral.events] == ["received", "consent_checked", "sent_to_provider"]


def test_sign_in_follow_up_and_error_states_pass_axe(workspace, page, axe):
    app, urgent_id = workspace
    base = app.config["TEST_URL"]
    page.goto(f"{base}/account/login")
    page.get_by_role("button", name="Sign in").click()  # empty: the error state must pass too
    assert page.get_by_text("Enter your username").first.is_visible()
    assert axe(page) == []
    sign_in(page, base)
    page.goto(f"{base}/staff/follow-up")
    assert axe(page) == []
    page.goto(f"{base}/staff/referrals/{urgent_id}")
    page.get_by_role("button", name="Save the outcome").click()  # nothing entered
    assert page.get_by_role("link", name="Enter at least one part of the outcome").is_visible()
    assert axe(page) == []


def test_admin_pages_pass_axe(workspace, page, axe):
    app, _ = workspace
    base = app.config["TEST_URL"]
    add_user(app, "ada.admin", "admin")
    sign_in(page, base, "ada.admin")
    for path, heading in (("/staff/users", "Staff accounts"), ("/staff/audit", "Audit log")):
        page.goto(base + path)
        assert page.get_by_role("heading", name=heading).is_visible()
        assert axe(page) == []
