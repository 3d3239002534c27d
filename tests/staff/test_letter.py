"""The referral letter holds exactly the categories of information the client consented to share."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from intake_app.infrastructure.db import get_session
from intake_app.referrals.letter import SECTIONS
from intake_app.referrals.models import SHARED_INFORMATION
from intake_app.referrals.models import LetterNotes
from tests.staff.conftest import add_referral, post_form

# A value from each category that must appear in the letter only when that category is consented to.
MARKERS = {
    "contact_details": ["Jordan Letterby", "+1 613-555-0142"],
    "reason": ["Low mood for months and trouble sleeping", "In the next few weeks"],
    "history": ["Two admissions in 2019"],
    "assessments": ["PHQ-9 score 17"],
    "substance_use": ["Methadone programme since 2021", "42 CFR part 2 prohibits unauthorized use"],
}
CONSENTS = [("contact_details",), ("reason",), ("contact_details", "reason"), ("history", "assessments"),
            ("reason", "substance_use"), tuple(SHARED_INFORMATION)]


def test_every_consent_category_has_a_letter_section():
    assert SECTIONS.keys() == SHARED_INFORMATION.keys()


def store_notes(app, referral_id: int) -> None:
    """Notes for every staff-written category, as if they had been written before a narrower consent."""
    with app.app_context():
        session = get_session()
        session.add(LetterNotes(referral_id=referral_id, history=MARKERS["history"][0],
                                assessments=MARKERS["assessments"][0], substance_use=MARKERS["substance_use"][0]))
        session.commit()


@pytest.mark.parametrize("shared", CONSENTS, ids="+".join)
def test_letter_contains_exactly_the_consented_categories(app, logged_in, shared):
    referral_id = add_referral(app, client_name="Jordan Letterby", shared=shared)
    store_notes(app, referral_id)
    response = logged_in.get(f"/staff/referrals/{referral_id}/letter")
    assert response.status_code == 200
    letter = response.text
    assert re.findall(r'data-category="([a-z_]+)"', letter) == [c for c in SHARED_INFORMATION if c in shared]
    for category, markers in MARKERS.items():
        for marker in markers:
            assert (marker in letter) == (category in shared), (category, marker)
    assert "Cedar Falls Family Health Team" in letter  # the provider it is addressed to


def test_without_contact_details_the_provider_is_told_to_reply_through_us(app, logged_in):
    referral_id = add_referral(app, client_name="Jordan Letterby", shared=("reason",))
    letter = logged_in.get(f"/staff/referrals/{referral_id}/letter").text
    assert "did not agree to share their name or contact details" in letter


def test_staff_can_write_only_the_consented_sections(app, logged_in):
    referral_id = add_referral(app, shared=("reason", "assessments"))
    record = f"/staff/referrals/{referral_id}"
    page = logged_in.get(record).text
    assert 'name="letter-assessments"' in page
    assert 'name="letter-history"' not in page and 'name="letter-substance_use"' not in page
    response = post_form(logged_in, record, f"{record}/letter-notes", {
        "letter-assessments": MARKERS["assessments"][0], "letter-history": MARKERS["history"][0]})
    assert response.status_code == 302
    with app.app_context():
        notes = get_session().scalar(select(LetterNotes).where(LetterNotes.referral_id == referral_id))
        assert notes.assessments == MARKERS["assessments"][0] and notes.history is None


def test_letter_notes_have_a_length_limit(app, logged_in):
    referral_id = add_referral(app, shared=("history",))
    record = f"/staff/referrals/{referral_id}"
    response = post_form(logged_in, record, f"{record}/letter-notes", {"letter-history": "x" * 4001})
    assert response.status_code == 400 and "Relevant history must be 4000 characters or fewer" in response.text


def test_no_staff_sections_without_such_consent(app, logged_in):
    referral_id = add_referral(app, shared=("contact_details",))
    record = f"/staff/referrals/{referral_id}"
    assert "Letter sections written by staff" not in logged_in.get(record).text
    assert post_form(logged_in, record, f"{record}/letter-notes", {"letter-history": "x"}).status_code == 409


def test_the_letter_prints_without_the_workspace_around_it(app, logged_in):
    referral_id = add_referral(app)
    letter = logged_in.get(f"/staff/referrals/{referral_id}/letter").text
    assert 'class="button js-print"' in letter and "<script" in letter
    css = logged_in.get("/static/staff.css").text
    assert "@media print" in css and ".letter-tools" in css
