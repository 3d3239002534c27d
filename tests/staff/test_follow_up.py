"""The follow-up list (check-ins due with their reasons, overdue, seen without an outcome) and recording an
outcome, with the client's comment."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select, text, update

from intake_app.infrastructure.db import database, get_session
from intake_app.referrals.followup import check_ins_due
from intake_app.referrals.models import Outcome, Referral, StatusEvent
from tests.app.fixtures import PROVIDER
from tests.staff.conftest import add_referral, days_ago, post_form
from tests.staff.counting import statements

NOT_HEARD = ("not_heard", "client")  # (signal, actor) of the client's "I have not heard yet"


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
    assert names(page, "Past the expected-contact date") == ["F-overdue"]
    assert names(page, "Seen, but no outcome recorded") == ["F-seen"]


def history(app, name: str, steps: list[tuple], *, expected: date | None = None) -> int:
    """A referral made 60 days ago whose history is `steps`: (status, days ago[, signal, actor]); its status is
    the last step's."""
    referral_id = add_referral(app, client_name=name, created=days_ago(60), expected=expected)
    with app.app_context():
        session = get_session()
        session.execute(update(StatusEvent).where(StatusEvent.referral_id == referral_id).values(at=days_ago(60)))
        for status, ago, *said in steps:
            signal, actor = said or (None, "staff")
            session.add(StatusEvent(referral_id=referral_id, status=status, at=days_ago(ago), signal=signal,
                                    actor=actor))
        session.execute(update(Referral).where(Referral.id == referral_id).values(status=steps[-1][0]))
        session.commit()
    return referral_id


def due(app) -> dict[str, list[str]]:
    with app.app_context():
        return {item.referral.client_name: item.reasons for item in check_ins_due(get_session(), date.today()).items}


def test_check_ins_due_each_with_its_reason(app, logged_in):
    far = date.today() + timedelta(days=60)
    sent = [("consent_checked", 20), ("sent_to_provider", 9)]
    history(app, "F-no-answer", sent, expected=far)
    history(app, "F-staff-called", [*sent, ("sent_to_provider", 2, "called_provider", "staff")], expected=far)
    history(app, "F-sent-recently", [("sent_to_provider", 3)], expected=far)
    history(app, "F-accepted", [*sent, ("accepted", 4)], expected=far)
    history(app, "F-near", [("consent_checked", 5)], expected=date.today() + timedelta(days=3))
    history(app, "F-near-booked", [*sent, ("appointment_booked", 5)], expected=date.today() + timedelta(days=3))
    history(app, "F-far", [("consent_checked", 5)], expected=date.today() + timedelta(days=8))
    history(app, "F-not-heard", [("sent_to_provider", 2), ("sent_to_provider", 1, *NOT_HEARD)], expected=far)
    history(app, "F-heard-since", [("sent_to_provider", 3), ("sent_to_provider", 2, *NOT_HEARD), ("accepted", 1)],
            expected=far)
    history(app, "F-not-heard-closed", [("sent_to_provider", 3), ("client_withdrew", 1), ("client_withdrew", 0.5,
                                                                                          *NOT_HEARD)])
    found = due(app)
    assert list(found) == ["F-not-heard", "F-no-answer", "F-staff-called", "F-near"]  # the client's word first
    sent_on = (date.today() - timedelta(days=9)).isoformat()
    assert found["F-no-answer"] == [f"No answer from the provider since it was sent on {sent_on}"]
    assert found["F-staff-called"] == found["F-no-answer"]  # a staff signal is no answer from the provider
    assert found["F-near"] == [f"Expected contact by {date.today() + timedelta(days=3)}; no appointment booked yet"]
    assert found["F-not-heard"][0].startswith("The client says they have not heard from the provider")
    page = logged_in.get("/staff/follow-up").text
    assert names(page, "Check-ins due") == list(found)
    assert "4 referrals to check in on" in page and f"since it was sent on {sent_on}" in page


def test_one_referral_due_for_several_reasons_is_listed_once(app):
    history(app, "F-both", [("sent_to_provider", 10), ("sent_to_provider", 1, *NOT_HEARD)],
            expected=date.today() + timedelta(days=2))
    reasons = due(app)["F-both"]
    assert len(reasons) == 3 and reasons[0].startswith("The client says")
    assert reasons[1].startswith("No answer") and reasons[2].startswith("Expected contact by")


def test_check_ins_are_grouped_queries_not_one_per_referral(app):
    far = date.today() + timedelta(days=60)
    history(app, "F-1", [("sent_to_provider", 9)], expected=far)
    one = statements(app, lambda: due(app))
    for number in range(5):
        history(app, f"F-more-{number}", [("sent_to_provider", 9), ("sent_to_provider", 1, *NOT_HEARD)],
                expected=date.today() + timedelta(days=1))
    assert statements(app, lambda: due(app)) == one and len(due(app)) == 6


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


def test_the_clients_comment_is_stored_encrypted_for_the_providers_page_only(app, logged_in):
    referral_id = add_referral(app, status="seen", created=days_ago(20))
    words = "Kind staff; Jo Example felt listened to"
    assert record_outcome(logged_in, referral_id, helpfulness="4", comment=f"  {words} ").status_code == 302
    with app.app_context():
        assert get_session().scalar(select(Outcome.comment)) == words
    with database(app).engine.connect() as connection:
        stored = connection.execute(text("SELECT comment FROM outcomes")).scalar()
    assert stored and "Jo Example" not in stored
    assert words in logged_in.get(f"/staff/referrals/{referral_id}").text  # kept in the form
    assert words in logged_in.get(f"/staff/network/{PROVIDER}").text
    assert record_outcome(logged_in, referral_id, comment="only a comment").status_code == 302
    too_long = record_outcome(logged_in, referral_id, comment="x" * 1001)
    assert too_long.status_code == 400 and "comment must be 1000 characters or fewer" in too_long.text


def test_a_rejected_form_keeps_the_other_forms_stored_values(app, logged_in):
    referral_id = add_referral(app, status="seen", shared=("history",))
    record = f"/staff/referrals/{referral_id}"
    post_form(logged_in, record, f"{record}/letter-notes", {"letter-history": "Stored history line"})
    assert record_outcome(logged_in, referral_id, helpfulness="4").status_code == 302
    rejected = post_form(logged_in, record, f"{record}/move", {"move-target": "teleported"})
    assert rejected.status_code == 400
    assert "Stored history line</textarea>" in rejected.text
    assert '<input checked id="outcome-helpfulness-3" name="outcome-helpfulness" type="radio" value="4">' in rejected.text


def test_checked_in_clears_not_heard_and_a_near_date_but_not_a_providers_silence(app, logged_in):
    far, near = date.today() + timedelta(days=60), date.today() + timedelta(days=2)
    ids = [history(app, "F-not-heard", [("sent_to_provider", 2), ("sent_to_provider", 1, *NOT_HEARD)], expected=far),
           history(app, "F-near", [("consent_checked", 5)], expected=near),
           history(app, "F-no-answer", [("sent_to_provider", 9)], expected=far)]
    for referral_id in ids:
        response = post_form(logged_in, "/staff/follow-up", f"/staff/referrals/{referral_id}/checked-in", {})
        assert response.status_code == 302 and response.location == "/staff/follow-up"
    assert list(due(app)) == ["F-no-answer"]
    with app.app_context():
        session = get_session()
        event = session.scalars(select(StatusEvent).where(StatusEvent.referral_id == ids[0])
                                .order_by(StatusEvent.at.desc(), StatusEvent.id.desc())).first()
        assert (event.status, event.signal, event.actor) == ("sent_to_provider", "checked_in", "staff")
        assert event.note.startswith("Checked in")  # the history shows what it was
        assert session.get(Referral, ids[0]).status == "sent_to_provider"
    assert "Check-in recorded for" in logged_in.get("/staff/follow-up").text
