"""A referral a clinician starts: the client, the needs assessment (encrypted), matching, compare and choose."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from directory.paths import PROVIDERS_DIR

from intake_app.infrastructure.db import get_session
from intake_app.referrals import assessments
from intake_app.referrals.audit import AuditEvent
from intake_app.referrals.models import NeedsAssessment, Referral
from tests.app.fixtures import csrf_token
from tests.staff.test_privacy import raw_database

WORDS = "My right shoulder aches whenever I reach above my head"
HOPES = "Exercises I can do at home between shifts"
FINDINGS = "Painful arc 70 to 120 degrees, weak external rotation"
TREATMENT = "Six weekly massage sessions since September, some relief"
QUESTION = "Please assess the right shoulder and advise on a rehabilitation plan"
PHYSIO = "riverside-physiotherapy-clinic"


@pytest.fixture
def app_config(app_config):
    """The real sample providers: the story is that a physiotherapy clinic in Riverside is proposed first."""
    return {**app_config, "PROVIDERS_DIR": str(PROVIDERS_DIR)}


def start(client, *, needs=("pain-or-injury",), name="Robin Shoulderache") -> int:
    page = client.get("/staff/referrals/new")
    response = client.post("/staff/referrals/new", data={
        "csrf_token": csrf_token(page.text), "client_name": name, "contact_method": "phone",
        "phone": "+1 613-555-0143", "needs": list(needs)})
    assert response.status_code == 302, response.text
    return int(re.search(r"/staff/referrals/(\d+)/assessment", response.location).group(1))


def assess(client, referral_id: int, **extra):
    page = client.get(f"/staff/referrals/{referral_id}/assessment")
    data = {"csrf_token": csrf_token(page.text), "needs": ["pain-or-injury"], "primary": "pain-or-injury",
            "words_pain_or_injury": WORDS, "hopes_pain_or_injury": HOPES, "how_soon": "weeks", "area": "Riverside",
            "languages": ["en"], "findings": FINDINGS, "treatment": TREATMENT, "question": QUESTION, **extra}
    return client.post(f"/staff/referrals/{referral_id}/assessment", data=data)


def answers_of(app, referral_id: int) -> NeedsAssessment:
    with app.app_context():
        return get_session().scalar(select(NeedsAssessment).where(NeedsAssessment.referral_id == referral_id))


def test_start_needs_a_name_a_need_and_the_chosen_contact(app, logged_in):
    page = logged_in.get("/staff/referrals/new")
    assert page.status_code == 200 and "Physical pain or injury" in page.text
    response = logged_in.post("/staff/referrals/new", data={"csrf_token": csrf_token(page.text),
                                                            "contact_method": "email"})
    assert response.status_code == 400
    for message in ("Enter the client's full name", "Choose at least one need", "Enter the client's email"):
        assert message in html.unescape(response.text)
    with app.app_context():
        assert get_session().scalar(select(Referral.id)) is None


def test_the_assessment_is_stored_encrypted_and_leads_to_matching(app, logged_in):
    referral_id = start(logged_in)
    response = assess(logged_in, referral_id)
    assert response.status_code == 302 and response.location.endswith(f"/staff/referrals/{referral_id}/matching")
    stored = answers_of(app, referral_id).answers
    assert stored["words"] == {"pain-or-injury": WORDS} and stored["findings"] == FINDINGS
    assert stored["assessment"]["area"] == "Riverside" and stored["at_risk"] is None
    raw = raw_database(app)
    for plain in (WORDS, HOPES, FINDINGS, TREATMENT, QUESTION, "Robin Shoulderache"):
        assert plain.encode() not in raw, plain
    record = logged_in.get(f"/staff/referrals/{referral_id}")
    assert record.status_code == 200 and WORDS in record.text and "missing" in record.text


def test_the_safety_question_only_with_mental_health_or_crisis_needs(app, logged_in):
    with app.app_context():
        from intake_app.infrastructure.directory import catalog
        safety = assessments.safety_needs(catalog().taxonomy)
    assert {"crisis", "low-mood", "substance-use", "anxiety-or-stress"} <= safety
    assert not {"pain-or-injury", "mobility", "general-health", "housing", "income"} & safety
    physio = start(logged_in)
    assert "thinking of harming themselves" not in logged_in.get(f"/staff/referrals/{physio}/assessment").text
    mood = start(logged_in, needs=("low-mood",))
    page = logged_in.get(f"/staff/referrals/{mood}/assessment").text
    assert "thinking of harming themselves" in page and "Your findings" not in page
    refused = logged_in.post(f"/staff/referrals/{mood}/assessment", data={
        "csrf_token": csrf_token(page), "needs": ["low-mood"], "primary": "low-mood", "how_soon": "weeks",
        "words_low_mood": "Flat for months", "question": "Please assess for therapy"})
    assert refused.status_code == 400 and "Ask the client the safety question" in refused.text
    # Adding a crisis need on the physio referral brings the question up, answered before saving.
    changed = assess(logged_in, physio, needs=["pain-or-injury", "crisis"])
    assert changed.status_code == 400 and "Ask the client the safety question" in changed.text
    saved = assess(logged_in, physio, needs=["pain-or-injury", "crisis"], words_crisis="Some dark thoughts",
                   at_risk="yes")
    assert saved.status_code == 302
    with app.app_context():
        referral = get_session().get(Referral, physio)
        assert referral.urgent and answers_of(app, physio).answers["at_risk"] is True


def test_bad_preferences_get_messages_not_a_500(app, logged_in):
    referral_id = start(logged_in)
    response = assess(logged_in, referral_id, area="Atlantis", age="two hundred", languages=["xx"])
    assert response.status_code == 400
    assert "Not a valid choice" in response.text or "not a city" in response.text
    assert "Enter the age as a whole number" in response.text or "Not a valid integer" in response.text
    assert "error-summary" in response.text


def test_matching_proposes_the_riverside_physio_first_then_compare_and_choose(app, logged_in):
    referral_id = start(logged_in)
    assess(logged_in, referral_id)
    matching = logged_in.get(f"/staff/referrals/{referral_id}/matching")
    assert matching.status_code == 200
    first = re.search(r'name="compare" value="([^"]+)"', matching.text).group(1)
    assert first == PHYSIO and "In Riverside" in matching.text and "Outside the area" in matching.text
    slugs = re.findall(r'name="compare" value="([^"]+)"', matching.text)[:4]
    token = csrf_token(matching.text)
    too_many = logged_in.post(f"/staff/referrals/{referral_id}/compare", data={"csrf_token": token,
                                                                                "compare": slugs})
    assert too_many.status_code == 400 and "between one and 3" in too_many.text
    compared = logged_in.post(f"/staff/referrals/{referral_id}/compare", data={"csrf_token": token,
                                                                                "compare": slugs[:3]})
    assert compared.status_code == 200 and compared.text.count("<dt>Mandate</dt>") == 3
    unknown = logged_in.post(f"/staff/referrals/{referral_id}/choose", data={
        "csrf_token": token, "chosen": "no-such-provider", "compare": slugs[:3]})
    assert unknown.status_code == 400 and "Choose one of the providers proposed" in unknown.text
    chosen = logged_in.post(f"/staff/referrals/{referral_id}/choose", data={
        "csrf_token": token, "chosen": PHYSIO, "compare": slugs[:3]})
    assert chosen.status_code == 302
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, referral_id)
        assert referral.provider_slug == PHYSIO and referral.provider_name == "Riverside Physiotherapy Clinic"
        assert referral.provider_index is not None and referral.consent is None
        row = answers_of(app, referral_id)
        assert row.choice["chosen"] == PHYSIO and row.choice["compared"] == slugs[:3] and row.chosen_by
        note = referral.events[-1].note
        assert note.startswith("Chose Riverside Physiotherapy Clinic") and "also considered" in note
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.referral_id == referral_id)).all()
        assert {assessments.STARTED, assessments.ASSESSED, assessments.CHOSE} <= set(actions)
        assert all(PHYSIO not in (detail or "") for detail in session.scalars(select(AuditEvent.detail)))
    assert b"Riverside Physiotherapy" not in raw_database(app)
    record = logged_in.get(f"/staff/referrals/{referral_id}").text
    assert "Riverside Physiotherapy Clinic" in record and "consent for Riverside Physiotherapy Clinic" in record
    refused = logged_in.get(f"/staff/referrals/{referral_id}/letter")
    assert refused.status_code == 409  # no consent yet: nothing can be sent


def test_matching_before_the_assessment_goes_back_to_it(app, logged_in):
    referral_id = start(logged_in)
    response = logged_in.get(f"/staff/referrals/{referral_id}/matching")
    assert response.status_code == 302 and response.location.endswith("/assessment")


def test_the_letter_is_signed_by_the_clinician_with_the_question_and_only_consented_categories(app, logged_in,
                                                                                              staff_user):
    from intake_app.accounts.models import User
    from tests.app.fixtures import make_referral

    with app.app_context():
        session = get_session()
        clinician = session.scalar(select(User).where(User.username == staff_user))
        clinician.display_name, clinician.credentials = "Dana Example", "RMT"
        clinician.contact_email = "dana@clinic.example"
        session.commit()
    referral_id = start(logged_in)
    assess(logged_in, referral_id)
    token = csrf_token(logged_in.get(f"/staff/referrals/{referral_id}/matching").text)
    logged_in.post(f"/staff/referrals/{referral_id}/choose", data={"csrf_token": token, "chosen": PHYSIO})
    with app.app_context():  # the client's signed consent for it (part B's step), sharing findings, not history
        session = get_session()
        _, consent = make_referral(PHYSIO, shared=("contact_details", "reason", "assessments"))
        consent.referral_id = referral_id
        session.add(consent)
        session.commit()
    letter = html.unescape(logged_in.get(f"/staff/referrals/{referral_id}/letter").text)
    assert "Dana Example</strong>, RMT" in letter and "From:</strong> Dana Example, RMT" in letter
    assert QUESTION in letter and FINDINGS in letter and WORDS in letter
    assert TREATMENT not in letter  # history was not consented to
    assert "Please send reports to:</strong> dana@clinic.example" in letter
    elsewhere = assess(logged_in, referral_id, report_to="Riverside team fax +1 613-555-0169")
    assert elsewhere.status_code == 302
    letter = html.unescape(logged_in.get(f"/staff/referrals/{referral_id}/letter").text)
    assert "Please send reports to:</strong> Riverside team fax +1 613-555-0169" in letter
