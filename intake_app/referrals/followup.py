"""Who needs chasing: check-ins that are due (each with its reason), overdue referrals, and referrals seen whose
outcome nobody has recorded yet.

A check-in is due when good practice says to call: the provider has not answered a week after sending, the
expected contact date is near with nothing booked, or the client says they have not heard (at once, whatever the
dates). Each reason is one grouped query over the status history (the (referral_id, at) index), never a
subquery per referral, and only the listed rows are loaded, since loading a row decrypts it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from intake_app.infrastructure.db import utcnow
from intake_app.referrals import audit
from intake_app.referrals.models import Outcome, Referral, StatusEvent
from intake_app.referrals.queue import OPEN_STATUSES, overdue_on
from intake_app.referrals.report import SEEN
from intake_app.referrals.workflow import AWAITING_CONTACT, Actor, Signal, Status

SHOWN = 100
NO_ANSWER_DAYS = 7  # a week after sending without an answer, call the provider
NEAR_DAYS = 7       # the expected contact date is this close (or closer) and nothing is booked
NOT_HEARD, CHECKED_IN = Signal.NOT_HEARD.value, Signal.CHECKED_IN.value
RECORDED_CHECK_IN = "recorded check-in"  # audit action


@dataclass(frozen=True)
class Listing:
    referrals: list[Referral]
    total: int


@dataclass(frozen=True)
class CheckIn:
    referral: Referral
    reasons: list[str]  # sentences for staff, most pressing first


@dataclass(frozen=True)
class CheckIns:
    items: list[CheckIn]
    total: int

    @property
    def referrals(self) -> list[Referral]:
        return [item.referral for item in self.items]


def _listing(session: Session, ids) -> Listing:
    """`ids`, a select of Referral.id in list order: counted without its order, and the first SHOWN rows loaded
    by id afterwards (sorting whole rows would read every encrypted field of every match)."""
    total = session.scalar(select(func.count()).select_from(ids.order_by(None).subquery()))
    first = session.scalars(ids.limit(SHOWN)).all()
    rows = {r.id: r for r in session.scalars(select(Referral).where(Referral.id.in_(first)))}
    return Listing([rows[i] for i in first], total)


def overdue(session: Session, today: date) -> Listing:
    return _listing(session, select(Referral.id).where(overdue_on(today))
                    .order_by(Referral.expected_contact_date, Referral.id))


def seen_without_outcome(session: Session) -> Listing:
    return _listing(session, select(Referral.id).outerjoin(Outcome, Outcome.referral_id == Referral.id).where(
        Referral.status.in_(SEEN), Outcome.id.is_(None)).order_by(Referral.created_at, Referral.id))


def record_check_in(session: Session, referral: Referral, *, by) -> None:
    """Staff called the client (or the provider): a signal on the current status, which takes a client's "not
    heard" and a near date off the list. A provider's silence stays until its answer is recorded as a move.
    The caller commits."""
    session.add(StatusEvent(referral_id=referral.id, status=referral.status, signal=CHECKED_IN,
                            actor=Actor.STAFF.value, by_user_id=by.id,
                            note="Checked in (follow-up list); the status did not change"))
    audit.record(session, RECORDED_CHECK_IN, referral.id, by=by)


def _day(at: datetime) -> date:
    return at.date() if isinstance(at, datetime) else date.fromisoformat(str(at)[:10])


def not_heard(session: Session) -> dict[int, tuple]:
    """Open referrals whose latest event is the client's "I have not heard": anything said after it (a staff
    check-in, the provider's answer) takes it off the list. The referrals with such a signal first (few), then
    their latest events only."""
    said = (select(StatusEvent.referral_id, func.max(StatusEvent.at).label("at"))
            .where(StatusEvent.signal == NOT_HEARD, StatusEvent.actor == Actor.CLIENT.value)
            .group_by(StatusEvent.referral_id).subquery())
    rows = session.execute(select(said.c.referral_id, said.c.at).join(Referral, Referral.id == said.c.referral_id)
                           .join(StatusEvent, StatusEvent.referral_id == said.c.referral_id)
                           .where(Referral.status.in_(OPEN_STATUSES)).group_by(said.c.referral_id, said.c.at)
                           .having(func.max(StatusEvent.at) == said.c.at))
    return {rid: (at, f"The client says they have not heard from the provider (told us {_day(at)})")
            for rid, at in rows}


def no_answer(session: Session, now: datetime) -> dict[int, tuple]:
    """Still "sent to provider" a week or more after the last sending, with nothing said since by the provider
    or staff except signals (a client's check-in is no answer)."""
    answer = and_(StatusEvent.signal.is_(None),
                  or_(StatusEvent.actor.is_(None), StatusEvent.actor != Actor.CLIENT.value))
    sent = func.max(case((and_(answer, StatusEvent.status == Status.SENT_TO_PROVIDER.value), StatusEvent.at)))
    rows = session.execute(select(StatusEvent.referral_id, sent).join(Referral)
                           .where(Referral.status == Status.SENT_TO_PROVIDER.value)
                           .group_by(StatusEvent.referral_id)
                           .having(sent <= now - timedelta(days=NO_ANSWER_DAYS),
                                   sent == func.max(case((answer, StatusEvent.at)))))
    return {rid: (at, f"No answer from the provider since it was sent on {_day(at)}") for rid, at in rows}


def contact_near(session: Session, today: date, now: datetime) -> dict[int, tuple]:
    """Expected contact within NEAR_DAYS (today included), no appointment booked, and no staff check-in in the
    last NEAR_DAYS: remind the client to call if they have not heard. A passed date is in the overdue list."""
    checked = func.max(case((and_(StatusEvent.signal == CHECKED_IN, StatusEvent.at >= now - timedelta(days=NEAR_DAYS)),
                             StatusEvent.at)))
    rows = session.execute(select(Referral.id, Referral.expected_contact_date).outerjoin(StatusEvent).where(
        Referral.status.in_([s.value for s in AWAITING_CONTACT]),
        Referral.expected_contact_date.between(today, today + timedelta(days=NEAR_DAYS)))
        .group_by(Referral.id, Referral.expected_contact_date).having(checked.is_(None)))
    return {rid: (day, f"Expected contact by {day}; no appointment booked yet") for rid, day in rows}


def check_ins_due(session: Session, today: date, now: datetime | None = None) -> CheckIns:
    """Every due check-in counted; the SHOWN most pressing loaded: the client's word, then no answer, then the
    nearest date, each oldest first."""
    now = now or utcnow()
    found = [not_heard(session), no_answer(session, now), contact_near(session, today, now)]
    reasons: dict[int, list[str]] = {}
    order: dict[int, tuple] = {}
    for rank, by_id in enumerate(found):
        for rid, (_when, reason) in sorted(by_id.items(), key=lambda item: (str(item[1][0]), item[0])):
            reasons.setdefault(rid, []).append(reason)
            order.setdefault(rid, (rank, len(order)))
    first = sorted(order, key=order.get)[:SHOWN]
    rows = {r.id: r for r in session.scalars(select(Referral).where(Referral.id.in_(first)))}
    return CheckIns([CheckIn(rows[rid], reasons[rid]) for rid in first], len(reasons))
