"""The client's request: provider pages, every validation error, the crisis path, and what gets stored."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from directory.dates import months_after
from intake_app.infrastructure.db import get_session
from intake_app.referrals import consent as consent_text
from intake_app.referrals.models import Consent, Referral, StatusEvent
from tests.app.fixtures import INACTIVE_PROVIDER, PROVIDER
from tests.app.journey import answers, consent_paragraphs, open_form, resend_from_another_browser, send, submit

MENTAL_HEALTH = "open-door-peer-support-centre"  # group support: the self-harm question is asked


def stored(app) -> list[Referral]:
    with app.app_context():
        session = get_session()
        referrals = list(session.scalars(select(Referral)))
        for referral in referrals:  # load everything while the keys are at hand
            referral.consent, referral.events, referral.client_name  # noqa: B018
        return referrals


def rows(app, model) -> int:
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(model))


def test_provider_page_shows_name_address_contact_and_wait(client):
    page = client.get(f"/refer/{PROVIDER}").text
    for shown in ("Cedar Falls Family Health Team", "42 Mill Street", "+1 613-555-0101", "about 14 days"):
        assert shown in page


@pytest.mark.parametrize("slug", ["no-such-provider", INACTIVE_PROVIDER])
def test_unknown_or_inactive_provider_is_a_404_linking_to_the_directory(client, app, slug):
    response = client.get(f"/refer/{slug}")
    assert response.status_code == 404
    assert f'href="{app.config["DIRECTORY_URL"]}"' in response.text and "directory" in response.text


def test_chooser_lists_listed_providers_and_offers_help(client):
    page = client.get("/refer").text
    assert "Cedar Falls Family Health Team" in page and "Open Door" in page
    assert "Oakridge" not in page  # inactive
    assert 'href="/refer/help"' in page and "please help me choose" in page
    assert client.get("/refer/choose?provider=" + PROVIDER).headers["Location"].endswith(f"/refer/{PROVIDER}")


@pytest.mark.parametrize("step", ["safety", "request"])
def test_opening_a_later_step_directly_starts_again(client, step):
    response = client.get(f"/refer/{PROVIDER}/{step}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/refer/{PROVIDER}")


def test_valid_request_is_stored_with_every_answer(app, client):
    response = submit(client)
    assert response.status_code == 200
    [referral] = stored(app)
    assert referral.reference.replace("-", "") in response.text.replace("-", "")
    assert (referral.client_name, referral.date_of_birth, referral.contact_method, referral.phone) == \
        ("Robin Quintero-Vale", "1988-04-02", "phone", "+1 613-555-0142")
    assert (referral.preferred_language, referral.accessibility_needs, referral.best_times) == \
        ("Spanish", "Step-free access", "Weekday mornings")
    assert referral.reason.startswith("I have felt very low") and referral.hopes == "Someone to talk to every week."
    assert (referral.how_soon, referral.suggested_by, referral.email) == ("weeks", "My family doctor", None)
    assert referral.provider_slug == PROVIDER and referral.status == "received" and not referral.urgent
    assert [event.status for event in referral.events] == ["received"]


def test_expected_contact_date_is_today_plus_typical_wait_plus_processing(app, client):
    response = submit(client)
    [referral] = stored(app)
    expected = date.today() + timedelta(days=14 + app.config["PROCESSING_DAYS"])
    assert referral.expected_contact_date == expected
    assert expected.strftime("%-d %B %Y") in response.text
    assert app.config["CONTACT_PHONE"] in response.text and "If you have not heard by then" in response.text


def test_help_me_choose_stores_a_request_without_provider(app, client):
    assert submit(client, target="help").status_code == 200
    [referral] = stored(app)
    assert referral.provider_slug is None
    assert referral.consent.recipient == consent_text.HELP_CHOOSE_RECIPIENT


# (changed answers, field whose error is shown, message)
INVALID = [
    ({"full_name": ""}, "full_name", "Enter your full name"),
    ({"full_name": "x" * 121}, "full_name", "Full name must be 120 characters or fewer"),
    ({"date_of_birth": "1988-02-31"}, "date_of_birth", "Date of birth must be a real date written YYYY-MM-DD"),
    ({"date_of_birth": (date.today() + timedelta(days=1)).isoformat()}, "date_of_birth",
     "Date of birth must be a real date in the past"),
    ({"contact_method": None}, "contact_method", "Choose how the provider should contact you"),
    ({"phone": ""}, "phone", "Enter a phone number, so the provider can call or text you"),
    ({"contact_method": "text", "phone": ""}, "phone", "Enter a phone number, so the provider can call or text you"),
    ({"phone": "call me maybe"}, "phone", "Enter a phone number using digits"),
    ({"phone": "1" * 31}, "phone", "Phone number must be 30 characters or fewer"),
    ({"contact_method": "email", "email": ""}, "email", "Enter an email address, so the provider can email you"),
    ({"email": "robin-at-home"}, "email", "Enter an email address like name@example.com"),
    ({"email": "a" * 250 + "@x.example"}, "email", "Email address must be 254 characters or fewer"),
    ({"preferred_language": "x" * 61}, "preferred_language", "Preferred language must be 60 characters or fewer"),
    ({"accessibility_needs": "x" * 1001}, "accessibility_needs", "Accessibility needs must be 1000 characters or fewer"),
    ({"best_times": "x" * 201}, "best_times", "Best times to call must be 200 characters or fewer"),
    ({"reason": "  "}, "reason", "Tell us in your own words why you want this referral"),
    ({"reason": "x" * 2001}, "reason", "Why you want this referral must be 2000 characters or fewer"),
    ({"hopes": "x" * 1001}, "hopes", "What you hope for must be 1000 characters or fewer"),
    ({"how_soon": None}, "how_soon", "Choose how soon you need help"),
    ({"suggested_by": "x" * 201}, "suggested_by", "Who suggested this referral must be 200 characters or fewer"),
    ({"shared_information": None}, "shared_information", "Choose at least one kind of information we may share"),
    ({"expires_on": ""}, "expires_on", "Enter the date this permission ends"),
    ({"expires_on": "next year"}, "expires_on", "This permission ends on must be a real date written YYYY-MM-DD"),
    ({"expires_on": date.today().isoformat()}, "expires_on", "The end date must be after today"),
    ({"expires_on": (months_after(date.today(), 24) + timedelta(days=1)).isoformat()}, "expires_on",
     "The end date can be at most 24 months from today"),
    ({"acknowledged_revocation": None}, "acknowledged_revocation",
     "Confirm that you understand you can take back this permission"),
    ({"acknowledged_not_conditional": None}, "acknowledged_not_conditional",
     "Confirm that you understand your care does not depend on signing"),
    ({"acknowledged_redisclosure": None}, "acknowledged_redisclosure",
     "Confirm that you understand the provider could share your information again"),
    ({"shared_information": ["reason", "substance_use"]}, "acknowledged_substance_use",
     "Confirm that you have read the rules for substance use records"),
    ({"signed_by": None}, "signed_by", "Choose who is signing"),
    ({"signature_name": ""}, "signature_name", "Type your full name to sign"),
    ({"signature_name": "x" * 121}, "signature_name", "Your signature must be 120 characters or fewer"),
    ({"signed_by": "representative", "representative_authority": "Power of attorney"},
     "representative_relationship", "Say how you are related to the person you are signing for"),
    ({"signed_by": "representative", "representative_relationship": "Daughter"},
     "representative_authority", "Say what gives you the authority to act for them"),
    ({"representative_authority": "x" * 201}, "representative_authority", "Your authority must be 200 characters or fewer"),
    ({"leave_blank": "http://spam.example"}, "leave_blank", "Clear the field labelled"),
]


@pytest.mark.parametrize("changes,field,message", INVALID, ids=[f"{c[1]}-{i}" for i, c in enumerate(INVALID)])
def test_every_validation_error_is_summarised_shown_at_the_field_and_keeps_the_answers(app, client, changes, field,
                                                                                       message):
    response = submit(client, **changes)
    assert response.status_code == 400
    page = response.text
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert message in summary, summary
    anchor = f"#{field}-0" if field in ("contact_method", "how_soon", "shared_information", "signed_by") else f"#{field}"
    assert f'href="{anchor}"' in summary
    field_error = page.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in field_error
    assert "<title>Error: " in page
    kept = "Someone to talk to every week." if field == "reason" else "I have felt very low since losing my job"
    assert kept in page  # nothing typed is lost
    assert rows(app, Referral) == rows(app, Consent) == rows(app, StatusEvent) == 0


def test_crisis_path_shows_help_first_then_flags_the_request_urgent(app, client):
    token_page = client.get(f"/refer/{MENTAL_HEALTH}").text
    from tests.app.fixtures import csrf_token
    crisis = client.post(f"/refer/{MENTAL_HEALTH}/safety", data={"csrf_token": csrf_token(token_page),
                                                                   "in_danger": "yes"})
    assert crisis.status_code == 200
    page = crisis.text
    assert "<h1>Get help now</h1>" in page and "not monitored around the clock" in page
    for number in ("CRISIS_EMERGENCY_NUMBER", "CRISIS_LINE", "CRISIS_TEXT_LINE"):
        assert f"<strong>{app.config[number]}</strong>" in page
    assert 'name="full_name"' not in page  # the help comes before anything else
    assert "Continue to the request form" in page

    form_page = open_form(client, MENTAL_HEALTH, in_danger="yes")
    assert "We will treat your request as urgent" in form_page
    assert send(client, answers(form_page), MENTAL_HEALTH).status_code == 200
    [referral] = stored(app)
    assert referral.urgent


def test_crisis_numbers_are_configurable(app_config):
    from intake_app import create_app
    app = create_app({**app_config, "CRISIS_EMERGENCY_NUMBER": "112", "CRISIS_LINE": "+1 613-555-0199",
                      "CRISIS_TEXT_LINE": "686868"})
    page = app.test_client().get("/crisis").text
    assert "<strong>112</strong>" in page and "+1 613-555-0199" in page and "686868" in page


def test_safety_question_must_be_answered(client):
    from tests.app.fixtures import csrf_token
    token = csrf_token(client.get(f"/refer/{MENTAL_HEALTH}").text)
    response = client.post(f"/refer/{MENTAL_HEALTH}/safety", data={"csrf_token": token})
    assert response.status_code == 400
    assert "Choose yes or no, so we know whether you need help right now" in response.text


def test_not_in_danger_is_not_urgent(app, client):
    submit(client)
    assert not stored(app)[0].urgent


def test_each_consent_element_is_stored_and_the_hash_matches_the_text_shown(app, client):
    form_page = open_form(client)
    shown = consent_text.text(consent_paragraphs(form_page))
    expires = months_after(date.today(), 18)
    response = send(client, answers(
        form_page, shared_information=["contact_details", "reason", "history", "assessments", "substance_use"],
        acknowledged_substance_use="y", expires_on=expires.isoformat(), signed_by="representative",
        signature_name="Morgan Vale", representative_relationship="Parent",
        representative_authority="Parent of a child under 16"))
    assert response.status_code == 200, response.text
    consent = stored(app)[0].consent
    assert consent.text == shown and consent.text_sha256 == consent_text.sha256(shown)
    assert consent.text_version == consent_text.VERSION
    assert consent.shared_information == ["contact_details", "reason", "history", "assessments", "substance_use"]
    assert consent.discloser == app.config["REFERRING_SERVICE"]
    assert consent.recipient == "Cedar Falls Family Health Team"
    assert "Cedar Falls Family Health Team" in consent.purpose
    assert consent.expires_on == expires
    assert consent.acknowledged_revocation and consent.acknowledged_not_conditional
    assert consent.acknowledged_redisclosure
    assert consent.substance_use_records and consent.acknowledged_substance_use
    assert (consent.signed_by, consent.signature_name, consent.signed_on) == ("representative", "Morgan Vale",
                                                                               date.today())
    assert (consent.representative_relationship, consent.representative_authority) == \
        ("Parent", "Parent of a child under 16")
    assert consent.revoked_at is None and consent.status_on(date.today()) == "valid"
    for statement in ("take back (revoke) this permission at any time, in writing",
                      "do not depend on whether you sign", "could share it with others", "42 CFR Part 2"):
        assert statement in consent.text
    assert "Morgan Vale" in response.text and "Parent of a child under 16" in response.text  # printable copy


def test_consent_wording_changed_since_the_form_opened_is_shown_again_not_stored(app, client, monkeypatch):
    form_page = open_form(client)
    monkeypatch.setattr(consent_text, "VERSION", "changed")
    original = consent_text.paragraphs
    monkeypatch.setattr(consent_text, "paragraphs", lambda parties: original(parties) + ["A new paragraph."])
    response = client.post(f"/refer/{PROVIDER}/request", data=answers(form_page))
    assert response.status_code == 409
    assert "consent wording has been updated" in response.text and "A new paragraph." in response.text
    assert "I have felt very low" in response.text
    assert rows(app, Referral) == 0


def test_the_same_form_sent_twice_is_stored_once(app, client):
    data = answers(open_form(client))
    first = send(client, data)
    again = send(client, data)
    assert first.status_code == again.status_code == 200
    [referral] = stored(app)
    assert referral.reference in first.text.replace("-", "")
    # The resend only says it arrived: no reference, nothing typed, from this browser or any other.
    for response in (again, resend_from_another_browser(app, data)):
        assert "We have already received this request" in response.text
        assert referral.reference not in response.text.replace("-", "") and "Robin" not in response.text
    assert len(stored(app)) == 1


def test_a_database_failure_gives_the_form_back_with_everything_typed(app, client, monkeypatch, caplog):
    from sqlalchemy.exc import OperationalError

    from intake_app.referrals import submissions

    def locked(*_args, **_kwargs):
        raise OperationalError("INSERT INTO referrals ...", {"client_name": "Robin Quintero-Vale"},
                               Exception("database is locked"))

    monkeypatch.setattr(submissions, "store", locked)
    response = submit(client)
    assert response.status_code == 503
    assert "We could not save your request just now" in response.text
    assert "Robin Quintero-Vale" in response.text and "I have felt very low" in response.text
    assert "referral could not be stored: OperationalError" in caplog.text
    assert "Robin" not in caplog.text
    assert rows(app, Referral) == 0


def test_dates_are_those_of_the_service_time_zone(app_config):
    """UTC+14 and UTC-12 are always on different dates, so this fails if the zone is ignored."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from intake_app import create_app
    from intake_app.infrastructure.migrate import upgrade

    signed = {}
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        app = create_app({**app_config, "TIMEZONE": zone})
        upgrade(app)
        local_today = datetime.now(ZoneInfo(zone)).date()
        response = submit(app.test_client(), expires_on=months_after(local_today, 12).isoformat())
        assert response.status_code == 200
        [signed[zone]] = [r.consent.signed_on for r in stored(app) if r.reference in response.text.replace("-", "")]
        assert signed[zone] == local_today
    assert signed["Pacific/Kiritimati"] != signed["Etc/GMT+12"]


def test_unknown_time_zone_refuses_to_start(app_config):
    from intake_app import ConfigError, create_app

    with pytest.raises(ConfigError, match="TIMEZONE 'Mars/Olympus' is not a known time zone"):
        create_app({**app_config, "TIMEZONE": "Mars/Olympus"})
