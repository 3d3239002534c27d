"""The follow-up list and recording an outcome."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Outcome
from tests.staff.conftest import add_referral, days_ago, post_form


def names(html: str, heading: str) -> list[str]:
    section = html.split(heading, 1)[1].split("<h2", 1)[0]
    return re.findall(r"<td>(F-[A-Za-z-]+)</td>", section)


def record_outcome(client, referral_id: int, **fields):
    record = f"/staff/referrals/{referral_id}"
    return post_form(client, record, f"{record}/outcome", {f"outcome-{k}": v for k, v in fields.items()})


def test_follow_up_lists_overdue_and_seen_without_outcome(app, logged_in):
    today = date.today()
    add_referral(app, client_name="F-overdue", status="sent_to_provider", expected=today - timedelta(days=1))
    add_referral(app, client_name="F-due-today", status="sent_to_provider", expected=today)
    add_referral(app, client_name="F-booked-late", status="appointment_booked", expected=today - timedelta(days=9))
    add_referral(app, client_name="F-seen", status="seen")
    recorded = add_referral(app, client_name="F-seen-recorded", status="seen")
    assert record_outcome(logged_in, recorded, helpfulness="4").status_code == 302
    page = logged_in.get("/staff/follow-up").text
    assert names(page, "no appointment booked") == ["F-overdue"]
    assert names(page, "no outcome recorded") == ["F-seen"]


def test_recording_an_outcome(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(20))
    first = (date.today() - timedelta(days=6)).isoformat()
    response = record_outcome(logged_in, referral_id, first_appointment_on=first, helpfulness="5",
                              report_summary="Assessment done; weekly CBT offered.", plan_fit="Matches the goal.")
    assert response.status_code == 302
    with app.app_context():
        outcome = get_session().scalar(select(Outcome).where(Outcome.referral_id == referral_id))
        assert (outcome.first_appointment_on.isoformat(), outcome.helpfulness, outcome.report_summary,
                outcome.plan_fit) == (first, 5, "Assessment done; weekly CBT offered.", "Matches the goal.")
    assert "Assessment done; weekly CBT offered." in logged_in.get(f"/staff/referrals/{referral_id}").text
    record_outcome(logged_in, referral_id, first_appointment_on=first, helpfulness="3")
    with app.app_context():  # recorded again: updated, not duplicated
        outcomes = get_session().scalars(select(Outcome).where(Outcome.referral_id == referral_id)).all()
        assert len(outcomes) == 1 and outcomes[0].helpfulness == 3 and outcomes[0].report_summary is None


def test_outcome_errors_are_specific_and_store_nothing(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(3))
    cases = [
        ({"helpfulness": "7"}, "Not a valid choice"),
        ({"first_appointment_on": "next tuesday"}, "must be a real date written YYYY-MM-DD"),
        ({"first_appointment_on": (date.today() - timedelta(days=30)).isoformat()},
         "cannot be before the referral was made"),
        ({"report_summary": "x" * 4001}, "The summary must be 4000 characters or fewer"),
        ({}, "Enter at least one part of the outcome"),
    ]
    for fields, message in cases:
        response = record_outcome(logged_in, referral_id, **fields)
        assert response.status_code == 400 and message in response.text, (fields, response.status_code)
        assert "There is a problem" in response.text
    with app.app_context():
        assert get_session().scalar(select(Outcome)) is None


def test_a_rejected_form_keeps_the_other_forms_stored_values(app, logged_in):
    referral_id = add_referral(app, status="seen", shared=("history",))
    record = f"/staff/referrals/{referral_id}"
    post_form(logged_in, record, f"{record}/letter-notes", {"letter-history": "Stored history line"})
    assert record_outcome(logged_in, referral_id, helpfulness="4").status_code == 302
    rejected = post_form(logged_in, record, f"{record}/move", {"move-target": "teleported"})
    assert rejected.status_code == 400
    assert "Stored history line</textarea>" in rejected.text
    assert '<input checked id="outcome-helpfulness-3" name="outcome-helpfulness" type="radio" value="4">' in rejected.text
