"""Closing the loop in real headless Chromium: the follow-up list with check-ins due (one checked in), the
practice steps on a record (an error first), the network report, a provider's page with a relationship-log
entry (an error first), and the queue marking a revoked consent; axe-core on each."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals.models import Consent
from tests.app.fixtures import PROVIDER
from tests.app.test_browser import live_app  # noqa: F401  (the app served on 127.0.0.1 in a thread)
from tests.staff.conftest import add_referral, add_user, days_ago
from tests.staff.test_browser import sign_in
from tests.staff.test_follow_up import NOT_HEARD, history

pytestmark = pytest.mark.browser


@pytest.fixture
def network(live_app):  # noqa: F811
    add_user(live_app, "sam.staff")
    far = date.today() + timedelta(days=60)
    history(live_app, "Hana Not-Heard", [("sent_to_provider", 2), ("sent_to_provider", 1, *NOT_HEARD)], expected=far)
    history(live_app, "Ivo No-Answer", [("sent_to_provider", 9)], expected=far)
    revoked = add_referral(live_app, client_name="Rui Revoked", created=days_ago(4))
    seen = add_referral(live_app, client_name="Pia Practice", status="seen", created=days_ago(20))
    with live_app.app_context():
        session = get_session()
        session.execute(update(Consent).where(Consent.referral_id == revoked).values(revoked_at=utcnow()))
        session.commit()
    return live_app, seen


def test_follow_up_steps_network_and_queue_marks(network, page, axe):
    app, seen = network
    base = app.config["TEST_URL"]
    sign_in(page, base)
    row = page.locator("table tbody tr").filter(has_text="Rui Revoked")
    assert "CONSENT REVOKED" in row.inner_text().upper()  # the tag is set in capitals
    assert axe(page) == []

    page.goto(f"{base}/staff/follow-up")
    due = page.locator("table").first
    assert page.get_by_role("heading", name="Check-ins due").is_visible()
    assert "Hana Not-Heard" in due.locator("tbody tr").first.inner_text()
    assert "The client says they have not heard" in due.inner_text()
    assert "No answer from the provider since it was sent on" in due.inner_text()
    assert axe(page) == []
    due.locator("tbody tr").first.get_by_role("button", name="Checked in").click()  # called Hana back
    assert page.get_by_role("status").filter(has_text="Check-in recorded for").is_visible()
    assert "Hana Not-Heard" not in page.locator("table").first.inner_text()

    page.goto(f"{base}/staff/referrals/{seen}")
    page.get_by_label("Letter read to the client").check()
    page.get_by_label("Date the letter was read").fill((date.today() + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Save the steps").click()
    assert page.get_by_role("link", name="The date the letter was read cannot be in the future").is_visible()
    assert axe(page) == []
    page.get_by_label("Date the letter was read").fill(date.today().isoformat())
    page.get_by_label("Address, contact and timeframe explained").check()
    page.get_by_role("button", name="Save the steps").click()
    assert page.get_by_role("status").filter(has_text="Steps saved.").is_visible()
    assert page.get_by_label("Letter read to the client").is_checked()
    assert page.get_by_text("Recorded by sam.staff").count() == 2
    assert axe(page) == []

    page.goto(f"{base}/staff/report")
    assert page.get_by_role("heading", name="Network report").is_visible()
    assert axe(page) == []
    page.goto(f"{base}/staff/network/{PROVIDER}")
    page.get_by_role("button", name="Add to the log").click()  # nothing entered
    assert page.get_by_role("link", name="Choose what happened").is_visible()
    assert axe(page) == []
    page.get_by_label("Date").first.fill(date.today().isoformat())
    page.get_by_label("Meeting").check()
    page.get_by_label("Contact person (optional)").fill("Intake coordinator")
    page.get_by_label("Notes (optional)").fill("Brought leaflets; they take walk-ins on Tuesdays.")
    page.get_by_role("button", name="Add to the log").click()
    log = page.locator("table").filter(has_text="Intake coordinator")
    assert "Brought leaflets" in log.inner_text() and "sam.staff" in log.inner_text()
    assert axe(page) == []
