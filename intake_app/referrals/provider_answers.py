"""The receiving provider's side of a referral: its link is issued when the referral is sent, and its answers
(accepted, declined and why, appointment booked, seen, report sent) become status events by the provider.

No Flask here: views pass the session, the day and the settings, so a command or a test can do the same.
Each step commits in one transaction with what it causes (the link, the provider's message, the staff alert),
so a message never goes out for an event that was not stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_app.accounts.models import User
from intake_app.infrastructure import mail
from intake_app.referrals import answer_links, audit, outbox
from intake_app.referrals.answer_links import AnswerLink
from intake_app.referrals.models import Referral, StatusEvent, outcome_of
from intake_app.referrals.moves import consent_of, move
from intake_app.referrals.workflow import TRANSITIONS, Actor, ConsentState, Status, TransitionRefused

S = Status
# What the provider may say, in the order its form offers them, with how it reads on the provider's page.
ANSWERS: dict[Status, str] = {
    S.ACCEPTED: "We accept this referral",
    S.APPOINTMENT_BOOKED: "An appointment is offered or booked (give its date)",
    S.SEEN: "We have seen the client",
    S.REPORT_RECEIVED: "We have sent our report (summarise it below)",
    S.NO_CAPACITY: "We decline: we have no capacity",
    S.NOT_ELIGIBLE: "We decline: the client is not eligible for our service",
    S.REFERRED_ELSEWHERE: "We decline: we referred the client elsewhere",
    S.DECLINED: "We decline for another reason (say why below)",
}
# Statuses in which the referral waits on the provider, so staff may hand it a new link.
WITH_PROVIDER = frozenset({S.SENT_TO_PROVIDER, S.ACCEPTED, S.APPOINTMENT_BOOKED, S.SEEN})
ISSUED_PROVIDER_LINK = "issued provider link"  # audit action; the detail says emailed or shown, never the token


class AnswerRefused(ValueError):
    """An answer that cannot be stored; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Issued:
    """A provider link just issued: its URL (shown to staff only when it was not emailed) and its expiry."""
    url: str
    expires_on: date
    emailed: bool


def link_url(token: str) -> str:
    """The link's address under APP_URL (the web layer serves it at /provider/<token>); only the token in it."""
    return f"{mail.settings().app_url}provider/{token}"


def _issue(session: Session, referral: Referral, *, now: datetime, days: int, email: str | None) -> Issued:
    token, link = answer_links.issue(session, referral, answer_links.PROVIDER, now=now, days=days)
    url, expires_on = link_url(token), link.expires_at.date()
    if email:
        session.flush()  # the link's id names the message
        outbox.enqueue_provider_link(session, email, url, expires_on, key=f"referral:{referral.id}:link:{link.id}")
    return Issued(url, expires_on, bool(email))


def send(session: Session, referral: Referral, *, seen: str, by, note: str | None, today: date, now: datetime,
         days: int, email: str | None) -> Issued:
    """The move to "sent to provider" with the provider's new link, and its message when the profile has a
    referral email, all in the move's commit. Raises TransitionRefused with nothing written."""
    issued = _issue(session, referral, now=now, days=days, email=email)
    try:
        move(session, referral, S.SENT_TO_PROVIDER, seen=seen, by=by, note=note, today=today)
    except TransitionRefused:
        session.rollback()  # the link and the message go with the refused move
        raise
    return issued


def can_reissue(referral: Referral, today: date) -> bool:
    return Status(referral.status) in WITH_PROVIDER and consent_of(referral, today) is ConsentState.VALID


def reissue(session: Session, referral: Referral, *, by, today: date, now: datetime, days: int,
            email: str | None) -> Issued:
    """A new link for the provider (the old one stops working), emailed when the profile has an address."""
    if not can_reissue(referral, today):
        raise TransitionRefused("A new link for the provider can only be issued while the referral is with the "
                                "provider and the client's consent is valid.")
    issued = _issue(session, referral, now=now, days=days, email=email)
    audit.record(session, ISSUED_PROVIDER_LINK, referral.id, "emailed" if issued.emailed else "shown to staff",
                 by=by)
    session.commit()
    return issued


def offered(referral: Referral) -> list[Status]:
    """The answers the workflow allows from the referral's status, in the form's order."""
    allowed = TRANSITIONS[Status(referral.status)]
    return [status for status in ANSWERS if status in allowed]


def answer(session: Session, link: AnswerLink, target: Status, *, seen: str, today: date, note: str | None = None,
           appointment_on: date | None = None, report_summary: str | None = None) -> None:
    """Stores the provider's answer as a status event by the provider (with the appointment date or the report's
    summary on the outcome) and the staff alert, in one commit. Raises AnswerRefused or TransitionRefused."""
    referral = link.referral
    if target not in offered(referral):
        raise AnswerRefused("answer", "That answer is not possible now. Choose one of the answers offered.")
    if target is S.DECLINED and not note:
        raise AnswerRefused("note", "Say briefly why you decline the referral")
    if target is S.APPOINTMENT_BOOKED:
        if appointment_on is None:
            raise AnswerRefused("appointment_on", "Enter the date of the appointment, for example 2026-11-30")
        if appointment_on < referral.created_at.date():
            raise AnswerRefused("appointment_on", "The appointment cannot be before the referral was made "
                                                  f"({referral.created_at.date()})")
    if target is S.REPORT_RECEIVED and not report_summary:
        raise AnswerRefused("report_summary", "Summarise your report for the referring clinician")
    if target in (S.APPOINTMENT_BOOKED, S.REPORT_RECEIVED):
        outcome = outcome_of(session, referral)
        if target is S.APPOINTMENT_BOOKED:
            outcome.first_appointment_on = appointment_on
        else:
            outcome.report_summary = report_summary
        outcome.recorded_by = None  # the provider, not a staff account
    outbox.enqueue_staff_answer_alert(session, referral.id,
                                      key=f"referral:{referral.id}:provider-answer:{len(referral.events)}")
    try:
        move(session, referral, target, seen=seen, by=None, note=note, today=today, actor=Actor.PROVIDER)
    except TransitionRefused:
        session.rollback()
        raise


def sender(session: Session, referral: Referral, service: str):
    """Who sent the referral (the latest move to "sent to provider"), to sign a public request's letter; the
    service itself if no account did."""
    user_id = session.scalar(select(StatusEvent.by_user_id).where(
        StatusEvent.referral_id == referral.id, StatusEvent.status == S.SENT_TO_PROVIDER.value,
        StatusEvent.by_user_id.is_not(None)).order_by(StatusEvent.id.desc()).limit(1))
    user = session.get(User, user_id) if user_id else None
    return user or SimpleNamespace(username=service, display_name=service, credentials=None, contact_phone=None,
                                   contact_email=None)
