"""What each of the client's answers does: a move by the actor "client" where the workflow allows it, else a
signal on the current status; the outcome fields; the staff alert in the same transaction."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from intake_app.infrastructure.db import database, get_session, utcnow
from intake_app.referrals import checkins
from intake_app.referrals.checkins import BOOKED, HELPED, NO_LONGER_NEEDED, NOT_HEARD, Answer
from intake_app.referrals.models import Outcome, Referral
from tests.checkins.conftest import add_referral, kinds

DAY = date.today() + timedelta(days=20)

# (status before, answer, status after, signal): a signal of None means the status moved.
CASES = [
    ("sent_to_provider", Answer(NOT_HEARD), "sent_to_provider", "not_heard"),
    ("appointment_booked", Answer(NOT_HEARD), "appointment_booked", "not_heard"),
    ("sent_to_provider", Answer(BOOKED, booked_on=DAY), "appointment_booked", None),
    ("accepted", Answer(BOOKED, booked_on=DAY), "appointment_booked", None),
    ("received", Answer(BOOKED, booked_on=DAY), "received", "booked"),
    ("appointment_booked", Answer(BOOKED, booked_on=DAY), "appointment_booked", "booked"),
    ("appointment_booked", Answer(HELPED, helpfulness=4, comment="Kind and quick"), "seen", None),
    ("sent_to_provider", Answer(HELPED, helpfulness=2), "sent_to_provider", "seen"),
    ("closed", Answer(HELPED, helpfulness=5, comment="Still grateful"), "closed", "seen"),
    ("accepted", Answer(NO_LONGER_NEEDED), "client_withdrew", None),
    ("report_received", Answer(NO_LONGER_NEEDED), "report_received", "withdrew"),
    ("no_capacity", Answer(NO_LONGER_NEEDED), "no_capacity", "withdrew"),
]


@pytest.mark.parametrize("before, said, after, signal", CASES,
                         ids=[f"{c[1].kind}-from-{c[0]}" for c in CASES])
def test_each_answer_moves_or_signals_as_the_client(app, before, said, after, signal):
    stored = add_referral(app, before)
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, stored.id)
        moved = checkins.record(session, referral, said, today=date.today(), now=utcnow())
        session.expire_all()
        referral = session.get(Referral, stored.id)
        last = referral.events[-1]
        outcome = session.query(Outcome).filter_by(referral_id=stored.id).one_or_none()
    assert moved is (signal is None)
    assert referral.status == after
    assert (last.status, last.signal, last.actor, last.by_user_id) == (after, signal, "client", None)
    if said.kind == BOOKED:
        assert outcome.first_appointment_on == DAY
    elif said.kind == HELPED:
        assert (outcome.helpfulness, outcome.comment) == (said.helpfulness, said.comment)
    else:
        assert outcome is None
    assert kinds(app)[-1] == "staff_answer_alert"


def test_a_move_refused_because_the_status_changed_meanwhile_is_kept_as_a_signal(app):
    """The client's page was loaded on "sent to provider"; before they answered "booked", staff recorded that
    the provider has no capacity. The answer is kept, as a signal on "no capacity", not lost to an error."""
    stored = add_referral(app, "sent_to_provider")
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, stored.id)
        assert referral.status == "sent_to_provider"
        with database(app).engine.begin() as other:  # another request, behind this session's back
            other.execute(update(Referral).where(Referral.id == stored.id).values(status="no_capacity"))
        assert checkins.record(session, referral, Answer(BOOKED, booked_on=DAY), today=date.today(),
                               now=utcnow()) is False
        session.expire_all()
        referral = session.get(Referral, stored.id)
        assert referral.status == "no_capacity"
        assert (referral.events[-1].status, referral.events[-1].signal) == ("no_capacity", "booked")
        assert session.query(Outcome).filter_by(referral_id=stored.id).one().first_appointment_on == DAY
    assert kinds(app).count("staff_answer_alert") == 1  # the rolled-back attempt's alert went with it


def test_answers_are_checked_before_anything_is_written():
    with pytest.raises(ValueError):
        Answer(BOOKED)
    with pytest.raises(ValueError):
        Answer(HELPED, helpfulness=6)
    with pytest.raises(ValueError):
        Answer(HELPED, helpfulness=3, comment="x" * (checkins.COMMENT_MAX + 1))
    with pytest.raises(ValueError):
        Answer("feeling better")


def test_not_heard_is_the_referral_s_latest_event_for_the_follow_up_list(app):
    stored = add_referral(app, "accepted")
    with app.app_context():
        session = get_session()
        checkins.record(session, session.get(Referral, stored.id), Answer(NOT_HEARD), today=date.today(),
                        now=utcnow())
        events = session.get(Referral, stored.id).events
    assert [(e.status, e.signal, e.actor) for e in events][-2:] == [("accepted", None, "staff"),
                                                                    ("accepted", "not_heard", "client")]
