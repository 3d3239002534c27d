"""In real headless Chromium: staff send a referral; the provider opens its link in another browser, reads the
letter, accepts (after meeting the form's errors), then books a date; staff see the whole history with who acted;
the client takes back their consent and the provider's link stops working. axe-core on every new page."""
from __future__ import annotations

import secrets
import threading
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from werkzeug.serving import make_server

from intake_app import create_app
from intake_app.infrastructure.db import database, get_session
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals.submissions import store
from tests.app.fixtures import TEST_PROVIDERS, TEST_SECRET_KEY, make_referral
from tests.outbox.conftest import free_port
from tests.staff.conftest import add_user
from tests.staff.test_browser import move_to, sign_in

pytestmark = pytest.mark.browser
CEDAR = "Cedar Falls Family Health Team"


@pytest.fixture
def live(tmp_path):
    """The app on the test providers in a thread; APP_URL is its own address, so links in it open here."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET_KEY, "PROVIDERS_DIR": str(TEST_PROVIDERS),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite'}", "RATELIMIT_ENABLED": False,
                      "ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": secrets.token_hex(32),
                      "APP_URL": base + "/", "STAFF_ALERT_EMAIL": "alerts@intake.example"})
    upgrade(app)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    add_user(app, "sam.staff")
    yield app, base
    server.shutdown()
    thread.join(5)
    database(app).engine.dispose()


def test_the_provider_answers_on_its_link_until_the_consent_is_revoked(live, page, browser, axe):
    app, base = live
    with app.app_context():
        receipt = store(get_session(), *make_referral(client_name="Avery Linkperson",
                                                      shared=("contact_details", "reason")))
    sign_in(page, base)
    page.goto(f"{base}/staff/referrals/{receipt.referral_id}")
    move_to(page, "Consent checked")
    move_to(page, "Sent to provider")
    assert page.get_by_role("heading", name="The provider's link, shown only now").is_visible()
    assert axe(page) == []
    link = page.locator("#provider-link").get_attribute("href")
    assert link.startswith(f"{base}/provider/") and "Avery" not in link and "cedar" not in link.lower()
    page.reload()
    assert page.locator("#provider-link").count() == 0  # shown once

    provider = browser.new_context().new_page()  # the provider's office: no account, only the link
    provider.goto(link)
    letter = provider.locator("article.letter")
    assert "Avery Linkperson" in letter.inner_text() and "Low mood for months" in letter.inner_text()
    assert axe(provider) == []
    provider.get_by_role("button", name="Send your answer").click()  # nothing chosen
    assert provider.get_by_role("alert").filter(has_text="Choose your answer").is_visible()
    assert axe(provider) == []
    provider.get_by_label("We accept this referral").check()
    provider.get_by_role("button", name="Send your answer").click()
    assert provider.get_by_role("status").filter(has_text="“Accepted by provider” is recorded").is_visible()
    assert axe(provider) == []
    provider.get_by_label("An appointment is offered or booked").check()
    provider.get_by_role("button", name="Send your answer").click()  # no date
    assert provider.get_by_role("alert").filter(has_text="Enter the date of the appointment").is_visible()
    assert axe(provider) == []
    day = date.today() + timedelta(days=12)
    provider.get_by_label("An appointment is offered or booked").check()
    provider.get_by_label("Date of the appointment").fill(day.isoformat())
    provider.get_by_role("button", name="Send your answer").click()
    assert provider.get_by_role("status").filter(has_text="“Appointment booked” is recorded").is_visible()

    page.goto(f"{base}/staff/referrals/{receipt.referral_id}")
    rows = [row.inner_text() for row in page.locator("section[aria-labelledby=history-heading] tbody tr").all()]
    assert ["Received", "Consent checked", "Sent to provider", "Accepted by provider", "Appointment booked"] == [
        row.split("\t")[1] for row in rows]
    assert [row.split("\t")[2] for row in rows] == ["Client (online request)", "Staff (sam.staff)",
                                                   "Staff (sam.staff)", "Provider", "Provider"]
    assert page.get_by_label("Date of the first appointment").input_value() == day.isoformat()
    assert axe(page) == []

    client = browser.new_context().new_page()  # the client takes back their permission
    client.goto(f"{base}/revoke")
    client.get_by_label("Reference code").fill(receipt.reference)
    client.get_by_label("Secret").fill(receipt.secret)
    client.get_by_label("I want to take back my permission").check()
    client.get_by_role("button", name="Take back my permission").click()
    assert client.get_by_role("heading", name="Your permission has been taken back").is_visible()

    provider.goto(link)
    assert provider.get_by_role("heading", name="This link no longer works").is_visible()
    assert "Avery" not in provider.content() and CEDAR not in provider.content()
    assert axe(provider) == []


def test_a_provider_that_declines_is_thanked_and_the_link_closes(live, page, browser, axe):
    app, base = live
    with app.app_context():
        referral_id = store(get_session(), *make_referral(client_name="Blake Declined")).referral_id
    sign_in(page, base)
    page.goto(f"{base}/staff/referrals/{referral_id}")
    move_to(page, "Consent checked")
    move_to(page, "Sent to provider")
    link = page.locator("#provider-link").get_attribute("href")

    provider = browser.new_context().new_page()
    provider.goto(link)
    provider.get_by_label("We decline for another reason").check()
    provider.get_by_role("button", name="Send your answer").click()  # no reason given
    assert provider.get_by_role("alert").filter(has_text="Say briefly why you decline").is_visible()
    provider.get_by_label("We decline for another reason").check()
    provider.get_by_label("Note for the referring clinician").fill("We only see rostered patients.")
    provider.get_by_role("button", name="Send your answer").click()
    assert provider.get_by_role("heading", name="Thank you: your answer is recorded").is_visible()
    assert axe(provider) == []
    provider.goto(link)
    assert provider.get_by_role("heading", name="This link no longer works").is_visible()

    page.goto(f"{base}/staff/referrals/{referral_id}")
    last = page.locator("section[aria-labelledby=history-heading] tbody tr").last.inner_text()
    assert "Declined by provider" in last and "Provider" in last and "We only see rostered patients." in last
