"""In real headless Chromium: a client whose referral was sent and booked checks in through their link, says
they went and rates it 4 with a comment; another client signs in with reference and secret and says they have
not heard; staff see both answers by the actor "Client" on the records. axe-core on every check-in page,
with and without errors."""
from __future__ import annotations

import pytest

from tests.app.test_browser import live_app  # noqa: F401  (the app served on 127.0.0.1 in a thread)
from tests.checkins.conftest import add_referral, issue_link
from tests.checkins.test_pages import state
from tests.staff.conftest import add_user
from tests.staff.test_browser import sign_in

pytestmark = pytest.mark.browser
PROVIDER_NAME = "Cedar Falls Family Health Team"


def history_rows(page) -> list[str]:
    return page.locator("#history-heading + table tbody tr").all_inner_texts()


def test_clients_check_in_by_link_and_by_codes_and_staff_see_it(live_app, page, browser, axe):  # noqa: F811
    app, base = live_app, live_app.config["TEST_URL"]
    booked = add_referral(app, "appointment_booked", client_name="Harper Booked")
    waiting = add_referral(app, "sent_to_provider", client_name="Jordan Waiting")
    token = issue_link(app, booked.id)

    client = browser.new_context().new_page()  # the first client, at home, from the check-in email
    client.goto(f"{base}/check-in/{token}")
    assert client.get_by_role("heading", name="Your referral").is_visible()
    assert client.locator("#referral-status").inner_text() == "An appointment has been booked."
    assert client.get_by_role("heading", name=PROVIDER_NAME).is_visible()
    assert axe(client) == []
    client.get_by_role("button", name="Send").click()  # nothing chosen
    assert client.get_by_role("alert").filter(has_text="Choose what you would like to tell us").is_visible()
    assert axe(client) == []
    client.get_by_label("I went, and I can tell you how much it helped").check()
    client.get_by_role("button", name="Send").click()  # no rating
    assert client.get_by_role("alert").filter(has_text="Choose how much it helped").is_visible()
    assert axe(client) == []
    client.get_by_label("4", exact=True).check()
    client.get_by_label("Anything you would like to tell us about it (optional)").fill("Warm welcome, clear plan.")
    client.get_by_role("button", name="Send").click()
    assert client.get_by_role("heading", name="Thank you: we have your answer").is_visible()
    assert client.url == f"{base}/check-in/thanks"
    assert PROVIDER_NAME not in client.content() and "Harper" not in client.content()
    assert axe(client) == []
    client.goto(f"{base}/check-in/not-a-real-link")
    assert client.get_by_role("heading", name="This link does not work").is_visible()
    assert axe(client) == []

    other = browser.new_context().new_page()  # the second client, with the codes from their confirmation
    other.goto(f"{base}/check-in")
    assert other.get_by_role("heading", name="Check in on your referral").is_visible()
    assert axe(other) == []
    other.get_by_label("Reference code").fill(waiting.reference)
    other.get_by_label("Secret").fill("WXYZ-2345-ABCD-6789")
    other.get_by_role("button", name="Check in").click()
    assert other.get_by_role("alert").filter(has_text="We could not match that reference code").is_visible()
    assert axe(other) == []
    other.get_by_label("Secret").fill(waiting.secret)
    other.get_by_role("button", name="Check in").click()
    assert other.url == f"{base}/check-in/referral"  # the codes are in no URL
    assert "We have sent your referral to " + PROVIDER_NAME in other.locator("#referral-status").inner_text()
    assert axe(other) == []
    other.get_by_label("I booked an appointment").check()
    other.get_by_role("button", name="Send").click()  # no date
    assert other.get_by_role("alert").filter(has_text="Enter the date of your appointment").is_visible()
    assert axe(other) == []
    other.get_by_label("I have not heard from them yet").check()
    other.get_by_role("button", name="Send").click()
    assert other.get_by_role("heading", name="Thank you: we have your answer").is_visible()

    add_user(app, "sam.staff")
    sign_in(page, base)
    page.goto(f"{base}/staff/referrals/{booked.id}")
    last = history_rows(page)[-1]
    assert "Seen" in last and "Client" in last
    page.goto(f"{base}/staff/referrals/{waiting.id}")
    last = history_rows(page)[-1]
    assert "Has not heard yet (still sent to provider)" in last and "Client" in last  # said, not a move
    assert state(app, booked.id).outcome == (None, 4, "Warm welcome, clear plan.")
    assert state(app, waiting.id).last == ("sent_to_provider", "not_heard", "client")
