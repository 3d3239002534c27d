"""What the client can tell us about their referral, and the emails that ask them to.

Each answer is a StatusEvent by the actor "client", committed with the staff alert it causes (one transaction:
no answer without its alert, no alert without its answer). An answer moves the status only where the workflow
allows that move from where the referral is; anywhere else it is kept as a signal on the current status. The
client is never told "you cannot say that": what they say is recorded either way, and staff decide.

The check-in emails go to clients who chose email, while their consent is valid and nobody has booked yet:
one shortly before the expected date and one a week after it. Each carries a fresh client link (revoking the
previous one) and is keyed per referral and check-in, so running the job again sends nothing twice.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import String, cast, exists, literal, select
from sqlalchemy.orm import Session, selectinload

from intake_app.referrals import answer_links, audit, moves, outbox
from intake_app.referrals.messages import CLIENT_CHECKIN
from intake_app.referrals.models import Referral, StatusEvent, outcome_of
from intake_app.referrals.outbox import OutboxMessage
from intake_app.referrals.workflow import AWAITING_CONTACT, TRANSITIONS, Actor, ConsentState, Signal, Status, \
    TransitionRefused

NOT_HEARD, BOOKED, HELPED, NO_LONGER_NEEDED = "not_heard", "booked", "helped", "no_longer_needed"
ANSWERS = (NOT_HEARD, BOOKED, HELPED, NO_LONGER_NEEDED)
# The move each answer makes when the workflow allows it (None: it never moves), and the signal kept otherwise.
MOVES = {NOT_HEARD: None, BOOKED: Status.APPOINTMENT_BOOKED, HELPED: Status.SEEN,
         NO_LONGER_NEEDED: Status.CLIENT_WITHDREW}
SIGNALS = {NOT_HEARD: Signal.NOT_HEARD, BOOKED: Signal.BOOKED, HELPED: Signal.SEEN, NO_LONGER_NEEDED: Signal.WITHDREW}
COMMENT_MAX = 1000
# The appointment date a client may give: up to a year back or two years ahead (beyond is a typo, not a wait).
BOOKED_BEFORE, BOOKED_AFTER = timedelta(days=366), timedelta(days=2 * 366)
CLIENT_SAID = "client check-in"  # the audit action of an answer kept as a signal (a move audits itself)

BEFORE, AFTER = "before", "after"
BEFORE_DAYS = 3   # "before": from 3 days before the expected date until the day before
AFTER_DAYS = 7    # "after": from a week after it, if nobody has booked
LATE_DAYS = 14    # a check-in this many days overdue (the job did not run) is not sent any more: it would confuse


@dataclass(frozen=True)
class Answer:
    """What the client said: one of ANSWERS, with the date for BOOKED and the rating (and comment) for HELPED."""
    kind: str
    booked_on: date | None = None
    helpfulness: int | None = None
    comment: str | None = None

    def __post_init__(self):
        if self.kind not in ANSWERS:
            raise ValueError(f"unknown answer {self.kind!r}")
        if self.kind == BOOKED and self.booked_on is None:
            raise ValueError("a booking needs its date")
        if self.kind == HELPED and self.helpfulness not in range(1, 6):
            raise ValueError("helpfulness is 1 to 5")
        if self.comment is not None and len(self.comment) > COMMENT_MAX:
            raise ValueError(f"a comment is at most {COMMENT_MAX} characters")


def record(session: Session, referral: Referral, said: Answer, *, today: date, now: datetime) -> bool:
    """Commits the answer, its outcome fields and the staff alert; True if it moved the status, False if it was
    kept as a signal on the status the referral has."""
    target = MOVES[said.kind]
    current = Status(referral.status)
    if target is not None and target in TRANSITIONS[current]:
        _outcome_and_alert(session, referral, said, now)
        try:
            moves.move(session, referral, target, seen=current.value, by=None, note=None, today=today,
                       actor=Actor.CLIENT)
            return True
        except TransitionRefused:
            session.rollback()  # it changed meanwhile (staff, the provider): keep what the client said anyway
    _outcome_and_alert(session, referral, said, now)
    signal = SIGNALS[said.kind].value
    session.add(StatusEvent(referral_id=referral.id, status=referral.status, signal=signal,
                            actor=Actor.CLIENT.value))
    audit.record(session, CLIENT_SAID, referral.id, signal, username=Actor.CLIENT.value)
    session.commit()
    return False


def _outcome_and_alert(session: Session, referral: Referral, said: Answer, now: datetime) -> None:
    if said.booked_on is not None or said.helpfulness is not None:
        outcome = outcome_of(session, referral)
        if said.booked_on is not None:
            outcome.first_appointment_on = said.booked_on
        if said.helpfulness is not None:
            outcome.helpfulness = said.helpfulness
            outcome.comment = said.comment or None
    outbox.enqueue_staff_answer_alert(session, referral.id,
                                      f"referral:{referral.id}:client:{said.kind}:{now:%Y%m%dT%H%M%S%f}")


def checkin_key(referral_id: int, which: str) -> str:
    return f"referral:{referral_id}:checkin:{which}"


def _window(which: str, today: date) -> tuple[date, date]:
    """The expected dates (first, last) whose `which` check-in is due today."""
    if which == BEFORE:
        return today + timedelta(days=1), today + timedelta(days=BEFORE_DAYS)
    return today - timedelta(days=AFTER_DAYS + LATE_DAYS - 1), today - timedelta(days=AFTER_DAYS)


def due(session: Session, today: date) -> list[tuple[int, str]]:
    """(referral id, BEFORE or AFTER) for each check-in due today and not yet enqueued. The email address and
    the consent are encrypted or per provider, so `send_due` checks them on each referral."""
    found = []
    for which in (BEFORE, AFTER):
        first, last = _window(which, today)
        key = literal(f"{CLIENT_CHECKIN}:referral:") + cast(Referral.id, String) + literal(f":checkin:{which}")
        query = (select(Referral.id).where(
            Referral.contact_method == "email", Referral.status.in_([s.value for s in AWAITING_CONTACT]),
            Referral.expected_contact_date.between(first, last),
            ~exists().where(OutboxMessage.idempotency_key == key)).order_by(Referral.id))
        found.extend((referral_id, which) for referral_id in session.scalars(query))
    return found


def send_due(session: Session, *, today: date, now: datetime, link_for: Callable[[str], str],
             days: int) -> dict[str, int]:
    """Enqueues the check-ins due today, each with a fresh client link (valid `days`), one commit per referral.
    `link_for(token)` is the link's absolute URL. Returns how many of each were enqueued."""
    sent = {BEFORE: 0, AFTER: 0}
    for referral_id, which in due(session, today):
        referral = session.scalar(select(Referral).where(Referral.id == referral_id)
                                  .options(selectinload(Referral.consents)))
        if not referral.email or moves.consent_of(referral, today) is not ConsentState.VALID:
            continue
        token, _link = answer_links.issue(session, referral, answer_links.CLIENT, now=now, days=days)
        if outbox.enqueue_client_checkin(session, referral.email, link_for(token), referral.expected_contact_date,
                                         checkin_key(referral.id, which)):
            session.commit()
            sent[which] += 1
        else:
            session.rollback()  # another run enqueued it meanwhile: keep the link that message carries
    return sent
