"""A clinician in real headless Chromium: start a referral for a client with shoulder pain in Riverside, assess,
see the Riverside physiotherapy clinic proposed first with its reasons, compare three, choose it, and read the
letter they sign once the client has signed the consent in person (the clinician as witness); axe-core on
every new page, and the form at 360 px."""
from __future__ import annotations

import threading

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from werkzeug.serving import make_server

from directory.paths import PROVIDERS_DIR
from intake_app import create_app
from intake_app.accounts.models import User
from intake_app.infrastructure.db import database, get_session
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals.models import Referral
from tests.app.fixtures import TEST_SECRET_KEY
from tests.staff.conftest import add_user
from tests.staff.test_browser import fill_consent, sign_in

pytestmark = pytest.mark.browser
PHYSIO = "Riverside Physiotherapy Clinic"


@pytest.fixture
def live_samples(tmp_path):
    """The app on the real sample providers, served on 127.0.0.1 in a thread; SQLite in a temporary folder."""
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET_KEY, "PROVIDERS_DIR": str(PROVIDERS_DIR),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite'}", "RATELIMIT_ENABLED": False,
                      "ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": "b" * 64})
    upgrade(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["TEST_URL"] = f"http://127.0.0.1:{server.server_port}"
    add_user(app, "sam.staff")
    with app.app_context():
        user = get_session().scalar(select(User).where(User.username == "sam.staff"))
        user.display_name, user.credentials, user.contact_phone = "Dana Example", "RMT", "+1 613-555-0170"
        get_session().commit()
    yield app
    server.shutdown()
    thread.join(5)
    database(app).engine.dispose()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_clinician_assesses_matches_compares_and_chooses(live_samples, page, axe):
    app, base = live_samples, live_samples.config["TEST_URL"]
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, base)
    page.get_by_role("link", name="Start a referral with a client").click()
    assert page.get_by_role("heading", name="Start a referral with a client").is_visible()
    assert axe(page) == [] and no_horizontal_scroll(page)
    page.get_by_role("button", name="Continue to the assessment").click()  # nothing filled in
    assert page.get_by_role("alert").filter(has_text="Enter the client's full name").is_visible()
    assert axe(page) == []
    page.get_by_label("Client's full name").fill("Robin Shoulderache")
    page.get_by_label("Phone call").check()
    page.get_by_label("Phone (optional)").fill("+1 613-555-0143")
    page.get_by_label("Physical pain or injury").check()
    page.get_by_role("button", name="Continue to the assessment").click()

    assert page.get_by_role("heading", name="Needs assessment").is_visible()
    assert "thinking of harming themselves" not in page.content()  # a physical-health need only
    assert axe(page) == [] and no_horizontal_scroll(page)
    page.get_by_role("button", name="Save and see matching providers").click()  # errors first
    assert page.get_by_role("alert").filter(has_text="Write the client's own words").is_visible()
    assert axe(page) == [] and no_horizontal_scroll(page)
    page.get_by_label("Physical pain or injury: in the client's own words").fill(
        "My right shoulder aches whenever I reach above my head")
    page.get_by_label("Physical pain or injury", exact=True).last.check()  # the first need
    page.get_by_label("Within four weeks").check()
    page.get_by_label("Area").select_option("Riverside")
    page.get_by_label("Your findings (optional)").fill("Painful arc, weak external rotation")
    page.get_by_label("Treatment so far (optional)").fill("Six massage sessions since September")
    page.get_by_label("What would you like the provider to do or answer?").fill(
        "Please assess the right shoulder and advise on a rehabilitation plan")
    page.get_by_role("button", name="Save and see matching providers").click()

    assert page.get_by_role("heading", name="Providers that match").is_visible()
    first = page.locator("li.proposal").first
    assert PHYSIO in first.locator("h2").inner_text()
    assert "In Riverside" in first.inner_text() and "Serves physical pain or injury" in first.inner_text()
    assert axe(page) == [] and no_horizontal_scroll(page)
    for proposal in page.locator("li.proposal").all()[:3]:
        proposal.get_by_role("checkbox").check()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Compare the ticked providers (up to 3)").click()
    assert page.get_by_role("heading", name="Compare providers").is_visible()
    assert page.locator(".compare-column").count() == 3 and "Mandate" in page.locator(".compare").inner_text()
    assert axe(page) == []
    page.get_by_role("button", name=f"Choose {PHYSIO}").click()

    assert page.get_by_role("status").filter(has_text=f"Chose {PHYSIO}").is_visible()
    assert page.get_by_role("heading", name="Needs assessment").is_visible()
    assert axe(page) == []
    page.get_by_role("link", name=f"Get consent for {PHYSIO}").click()  # in person, on this device
    assert page.get_by_role("heading", name=f"Consent for {PHYSIO}").is_visible()
    page.get_by_role("button", name="Sign the consent").click()  # nothing filled in: errors first
    assert page.get_by_role("alert").filter(has_text="Type your full name to sign").is_visible()
    assert axe(page) == []
    fill_consent(page, "Robin Shoulderache", "My name and contact details", "The reason for this referral",
                 "Assessments and test results")
    page.get_by_role("button", name="Sign the consent").click()
    assert axe(page) == []
    with app.app_context():  # signed in person, with the signed-in clinician as witness
        consent = get_session().scalar(select(Referral)).consent
        assert (consent.signed_via, consent.witness_user_id is not None) == ("in_person", True)
    page.goto(f"{base}/staff/referrals/{consent.referral_id}")
    page.get_by_role("link", name="Open the referral letter").click()
    letter = page.locator("article.letter").inner_text()
    assert "Dana Example, RMT" in letter and "advise on a rehabilitation plan" in letter
    assert "Painful arc" in letter and "Six massage sessions" not in letter
    assert axe(page) == []
