"""The outbox: every message is a row written in the same transaction as the event that causes it.

If the event's commit fails, there is no message; if it succeeds, the message waits here until the sender
(`flask --app intake_app outbox send`, referrals/sender.py) delivers it, however long the mail server is down.
`enqueue` adds to the caller's transaction and never commits. Each message has an idempotency key naming its
event ("client_confirmation:referral:42"), unique in the table, so the same event cannot enqueue twice: a second
enqueue is ignored (INSERT ... ON CONFLICT DO NOTHING), it does not fail the caller's transaction.

The recipient, subject and body are encrypted at rest; once a message is sent they are erased and only its
kind, key and times remain. Messages themselves never hold health details (referrals/messages.py).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake_app.infrastructure import mail
from intake_app.infrastructure.crypto import EncryptedText
from intake_app.infrastructure.db import Base, UTCDateTime, utcnow
from intake_app.referrals import messages
from intake_app.referrals.messages import Message, Service

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUSES = (PENDING, SENDING, SENT, FAILED)


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    recipient: Mapped[str | None] = mapped_column(EncryptedText)  # an email address is personal data
    subject: Mapped[str | None] = mapped_column(EncryptedText)
    body: Mapped[str | None] = mapped_column(EncryptedText)
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(120))  # the kind of error only, never its text
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))  # which sender holds it (host:pid:random)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # its lease starts here


def enqueue(session: Session, message: Message, recipient: str, key: str) -> bool:
    """Add a message to the caller's transaction (no commit). False if this key was enqueued before.

    `key` names the event, without personal data: "<what happened>:<table>:<id>" and the like."""
    if not recipient or "@" not in recipient:
        raise ValueError("a message needs an email address to go to")
    now = utcnow()
    values = dict(kind=message.kind, idempotency_key=f"{message.kind}:{key}", recipient=recipient,
                  subject=message.subject, body=message.body, status=PENDING, attempts=0, next_attempt_at=now,
                  created_at=now)
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(OutboxMessage).values(**values).on_conflict_do_nothing(index_elements=["idempotency_key"])
    return session.execute(statement.returning(OutboxMessage.id)).scalar() is not None


def _service(settings: mail.MailSettings) -> Service:
    return Service(*settings.contact)


def enqueue_new_request(session: Session, referral) -> list[str]:
    """What a stored public request sends, in its transaction: the staff alert when it is urgent (if
    STAFF_ALERT_EMAIL is set), the client's copy when they gave an email and chose to be contacted by email.
    Keyed by the form's submission key, so a resent form enqueues nothing new. Returns the kinds enqueued."""
    settings, kinds = mail.settings(), []
    event = f"request:{referral.submission_key}"
    if referral.urgent and settings.staff_alert_email:
        if enqueue(session, messages.staff_urgent_alert(settings.app_url + "staff/"), settings.staff_alert_email,
                   event):
            kinds.append(messages.STAFF_URGENT_ALERT)
    if referral.contact_method == "email" and referral.email:
        message = messages.client_confirmation(_service(settings), referral.reference, settings.app_url)
        if enqueue(session, message, referral.email, event):
            kinds.append(messages.CLIENT_CONFIRMATION)
    return kinds


# One call each for the triggers being built elsewhere. `link` is the absolute one-time URL (no personal data
# in it); `key` names the event (e.g. f"referral:{id}:recipient:{n}"). Each adds to the caller's transaction.

def enqueue_consent_link(session: Session, email: str, link: str, expires_on: date, key: str) -> bool:
    """The client's one-time link to review and sign a consent staff prepared."""
    return enqueue(session, messages.consent_link(_service(mail.settings()), link, expires_on), email, key)


def enqueue_provider_link(session: Session, email: str, link: str, expires_on: date, key: str) -> bool:
    """The receiving provider's one-time referral link, to the profile's `referral.email`."""
    return enqueue(session, messages.provider_link(_service(mail.settings()), link, expires_on), email, key)


def enqueue_client_checkin(session: Session, email: str, link: str, by_date: date, key: str) -> bool:
    """A check-in before or after the expected date; use a key per check-in (e.g. "...:checkin:before")."""
    return enqueue(session, messages.client_checkin(_service(mail.settings()), link, by_date), email, key)


def enqueue_staff_answer_alert(session: Session, referral_id: int, key: str) -> bool:
    """To STAFF_ALERT_EMAIL when a provider or the client answers; the link opens the staff record. False
    (nothing enqueued) when STAFF_ALERT_EMAIL is not set."""
    settings = mail.settings()
    if not settings.staff_alert_email:
        return False
    record = f"{settings.app_url}staff/referrals/{referral_id}"
    return enqueue(session, messages.staff_answer_alert(record), settings.staff_alert_email, key)
