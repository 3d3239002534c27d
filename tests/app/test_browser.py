"""A client in real headless Chromium: from a provider page of the site to a stored referral; axe on each step.

The start page is the site's own provider page (directory.site.provider.render_provider, the renderer the
MkDocs build uses) with its "Request a referral" link pointing at this live app.
"""
from __future__ import annotations

import threading

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from werkzeug.serving import make_server

from directory.site.pages import SiteContext, SiteSettings
from directory.site.provider import render_provider
from intake_app import create_app
from intake_app.infrastructure.db import database, get_session
from intake_app.infrastructure.directory import catalog
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals.models import Referral
from tests.app.fixtures import PROVIDER, TEST_PROVIDERS, TEST_SECRET_KEY

pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(tmp_path):
    """The app served by werkzeug on 127.0.0.1 (a free port) in a thread; SQLite in a temporary folder."""
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET_KEY, "PROVIDERS_DIR": str(TEST_PROVIDERS),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite'}", "RATELIMIT_ENABLED": False,
                      "ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": "b" * 64})
    upgrade(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["TEST_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(5)
    database(app).engine.dispose()


def provider_page_html(app) -> str:
    with app.app_context():
        profile = catalog().get(PROVIDER)
        body = render_provider(profile, SiteContext(catalog(), SiteSettings(intake_url=app.config["TEST_URL"])))
    return f'<!doctype html><html lang="en"><head><title>{profile.name}</title></head><body><main>{body}</main></body></html>'


MENTAL_HEALTH = "open-door-peer-support-centre"  # group support: the self-harm question is asked


def answer_safety(page, answer: str) -> None:
    """Answer the self-harm question; a provider offering no mental-health or crisis care (PROVIDER, primary
    care) asks none and shows the crisis lines instead, which only "No" may pass."""
    if page.locator("#crisis-notice").count():
        assert answer == "No" and page.locator('input[name="in_danger"]').count() == 0
    else:
        page.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def fill_request(page) -> None:
    page.get_by_label("Full name", exact=True).fill("Harper Lindqvist-Oyelaran")
    page.get_by_label("Date of birth (optional)").fill("1979-06-30")
    page.get_by_label("Phone call", exact=True).check()
    page.get_by_label("Phone number", exact=True).fill("+1 613-555-0123")
    page.get_by_label("Best times to call (optional)").fill("After 3 pm")
    page.get_by_label("Why do you want this referral?").fill("Headaches and worry since the accident.")
    page.get_by_label("In the next few weeks").check()
    page.get_by_label("My name and contact details").check()
    page.get_by_label("The reason for this referral, in my own words").check()
    page.get_by_label("I understand I can take back this permission").check()
    page.get_by_label("I understand that my care does not depend on signing this").check()
    page.get_by_label("I understand the provider could share my information again").check()
    page.get_by_label("I am the person this request is for").check()
    page.get_by_label("Type your full name to sign").fill("Harper Lindqvist-Oyelaran")


def test_from_provider_page_to_the_database(live_app, page, axe):
    page.set_content(provider_page_html(live_app))
    page.get_by_role("link", name="Request a referral").click()
    page.wait_for_url(f"{live_app.config['TEST_URL']}/refer/{PROVIDER}")
    assert page.get_by_role("heading", name="Before you start").is_visible()
    assert axe(page) == []
    answer_safety(page, "No")

    assert page.get_by_role("heading", level=1).inner_text() == "Request a referral to Cedar Falls Family Health Team"
    assert axe(page) == [], "the empty form"
    page.get_by_role("button", name="Sign and send my request").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "Enter your full name" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), "focus moves to the summary"
    assert axe(page) == [], "the form showing errors"

    fill_request(page)
    page.get_by_role("button", name="Sign and send my request").click()
    assert page.get_by_role("heading", name="Your request has been sent").is_visible()
    # Shown by intake.js under the CSP; the script is deferred, so wait for it (a busy machine lost this race).
    page.get_by_role("button", name="Print this page").wait_for(state="visible", timeout=10_000)
    assert axe(page) == [], "the confirmation page"
    assert page.url == f"{live_app.config['TEST_URL']}/received"  # post/redirect/get: nothing personal in the URL
    reference = page.locator("#reference").inner_text().replace("-", "")
    # The printable consent works on this one render: the button prints, and the print shows the signed consent.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="Your signed permission").is_visible()
    assert "Harper Lindqvist-Oyelaran" in page.locator(".signed-consent").inner_text()
    page.emulate_media(media="screen")
    page.reload()  # sends nothing again and shows nothing stored
    assert page.get_by_role("heading", name="We have already received this request").is_visible()
    assert page.locator("#secret").count() == 0 and "Harper" not in page.content()
    assert axe(page) == [], "the already-received page"

    with live_app.app_context():
        referral = get_session().scalar(select(Referral).where(Referral.reference == reference))
        assert referral is not None, "the confirmed referral is in the database"
        assert (referral.client_name, referral.phone, referral.provider_slug) == \
            ("Harper Lindqvist-Oyelaran", "+1 613-555-0123", PROVIDER)
        assert referral.consent.signature_name == "Harper Lindqvist-Oyelaran" and not referral.urgent


def test_crisis_page_comes_first_and_the_request_is_urgent(live_app, page, axe):
    page.goto(f"{live_app.config['TEST_URL']}/refer/{MENTAL_HEALTH}")
    answer_safety(page, "Yes")
    assert page.get_by_role("heading", level=1).inner_text() == "Get help now"
    assert "not monitored around the clock" in page.content()
    assert axe(page) == [], "the crisis page"
    page.get_by_role("button", name="Continue to the request form").click()
    assert "We will treat your request as urgent" in page.content()
    fill_request(page)
    page.get_by_role("button", name="Sign and send my request").click()
    reference = page.locator("#reference").inner_text().replace("-", "")
    assert "will call you back by" in page.locator("#callback").inner_text()
    assert axe(page) == [], "the urgent confirmation"
    with live_app.app_context():
        assert get_session().scalar(select(Referral.urgent).where(Referral.reference == reference)) is True


@pytest.mark.parametrize("path", ["/refer", "/revoke", "/refer/no-such-provider", "/account/logout"])
def test_other_pages_are_accessible(live_app, page, axe, path):
    page.goto(live_app.config["TEST_URL"] + path)
    assert axe(page) == []


def test_the_whole_request_works_without_javascript(live_app, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_app.config['TEST_URL']}/refer")
        page.get_by_label("Service").select_option(PROVIDER)
        page.get_by_role("button", name="Continue").click()
        answer_safety(page, "No")
        fill_request(page)
        page.get_by_role("button", name="Sign and send my request").click()
        assert page.get_by_role("heading", name="Your request has been sent").is_visible()
        assert not page.get_by_role("button", name="Print this page").is_visible()  # needs JS: stays hidden
        reference = page.locator("#reference").inner_text().replace("-", "")
    finally:
        context.close()
    with live_app.app_context():
        assert get_session().scalar(select(Referral.id).where(Referral.reference == reference)) is not None
