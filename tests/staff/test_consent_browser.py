"""In real headless Chromium: a "help me choose" request is completed by a clinician, who assesses the
client's needs, chooses a provider with them and prints a one-time consent link; the client opens it in
another browser and signs; then the referral can be sent. axe-core on every new page."""
from __future__ import annotations

import pytest

from intake_app.infrastructure.db import get_session
from intake_app.referrals.submissions import store
from tests.app.fixtures import make_referral
from tests.staff.test_assessment_browser import PHYSIO, live_samples  # noqa: F401  (fixture)
from tests.staff.test_browser import fill_consent, sign_in

pytestmark = pytest.mark.browser


def test_help_me_choose_ends_with_the_client_signing_on_a_one_time_link(live_samples, page, browser, axe):  # noqa: F811
    app, base = live_samples, live_samples.config["TEST_URL"]
    with app.app_context():
        referral_id = store(get_session(), *make_referral(None, client_name="Robin Helpme")).referral_id
    sign_in(page, base)
    page.goto(f"{base}/staff/referrals/{referral_id}")
    page.get_by_role("button", name="Assess needs and choose a provider").click()
    assert page.get_by_role("heading", name="Needs assessment").is_visible()
    page.get_by_label("Physical pain or injury").first.check()
    page.get_by_role("button", name="Save and see matching providers").click()
    page.get_by_label("Physical pain or injury: in the client's own words").fill("My knee hurts on stairs")
    page.get_by_label("Physical pain or injury", exact=True).last.check()
    page.get_by_label("Within four weeks").check()
    page.get_by_label("Area").select_option("Riverside")
    page.get_by_label("What would you like the provider to do or answer?").fill("Please assess the left knee")
    page.get_by_role("button", name="Save and see matching providers").click()
    page.locator("li.proposal").first.get_by_role("checkbox").check()
    page.get_by_role("button", name="Compare the ticked providers (up to 3)").click()
    page.get_by_role("button", name=f"Choose {PHYSIO}").click()

    page.get_by_role("link", name=f"Get consent for {PHYSIO}").click()
    assert page.get_by_role("heading", name=f"Consent for {PHYSIO}").is_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Create a one-time consent link").click()
    assert page.get_by_role("heading", name="One-time consent link").is_visible()
    assert axe(page) == []
    link = page.locator("#consent-link").get_attribute("href")
    assert "Robin" not in link and "riverside" not in link.lower()

    client = browser.new_context().new_page()  # the client, at home, signed in to nothing
    client.goto(link)
    assert client.get_by_role("heading", name=f"Your permission to share information with {PHYSIO}").is_visible()
    assert axe(client) == []
    client.get_by_role("button", name="Sign my permission").click()  # nothing filled in
    assert client.get_by_role("alert").filter(has_text="Type your full name to sign").is_visible()
    assert axe(client) == []
    fill_consent(client, "Robin Helpme", "My name and contact details")
    client.get_by_role("button", name="Sign my permission").click()
    assert client.get_by_role("heading", name="Thank you: your permission is signed").is_visible()
    assert axe(client) == []
    client.goto(link)
    assert client.get_by_role("heading", name="This link does not work").is_visible()  # single use
    assert axe(client) == []

    page.goto(f"{base}/staff/referrals/{referral_id}")
    assert "The client signed the consent for" in page.content()
    page.get_by_role("link", name="Open the referral letter").click()
    assert PHYSIO in page.locator("article.letter").inner_text()
