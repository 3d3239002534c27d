"""Delivering the outbox: claim due messages, hand them to SMTP, mark them sent, or back off and retry.

Claiming is atomic, so two senders (cron overlapping itself, two machines) never take the same message:
PostgreSQL claims a batch in one UPDATE over `SELECT ... FOR UPDATE SKIP LOCKED`; SQLite, with its single
writer, reads the candidates and then claims each with a conditional UPDATE (pending → sending) that only one
sender can win. A claim is a lease: a sender that dies holding it (crash, kill, power cut) leaves the message
"sending", and after LEASE it is due again.

At least once, nearly exactly once: each message is marked sent in its own commit right after the SMTP server
accepted it (250). A crash in the instant between that acceptance and the commit sends it again once the lease
expires; every other failure (server down, refused, timeout, crash before the acceptance) retries without a
duplicate. Exactly once would need the mail server to take part in our transaction, which SMTP cannot.
"""
from __future__ import annotations

import os
import secrets
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from intake_app.infrastructure import mail
from intake_app.infrastructure.db import utcnow
from intake_app.referrals.outbox import FAILED, PENDING, SENDING, SENT, STATUSES, OutboxMessage

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8                     # 1 + 2 + 4 + ... + 60 minutes: about four hours of trying, then "failed"
FIRST_BACKOFF = timedelta(minutes=1)
LONGEST_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: 1, 2, 4, 8 ... minutes, never more than an hour."""
    return min(FIRST_BACKOFF * 2 ** (max(attempts, 1) - 1), LONGEST_BACKOFF)


def new_sender_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def _due(now: datetime):
    return or_(and_(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now),
               and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_at < now - LEASE))


def claim(session: Session, sender_id: str, batch: int, now: datetime | None = None) -> list[int]:
    """Take up to `batch` due messages for this sender (committed); returns their ids, oldest first."""
    now = now or utcnow()
    claimed = dict(status=SENDING, claimed_by=sender_id, claimed_at=now)
    order = (OutboxMessage.next_attempt_at, OutboxMessage.id)
    if session.get_bind().dialect.name == "postgresql":
        # A CTE, not `id IN (subquery)`: the planner may run such a subquery more than once, claiming more
        # than `batch` rows; a CTE with FOR UPDATE is evaluated exactly once.
        candidates = select(OutboxMessage.id).where(_due(now)).order_by(*order).limit(batch) \
            .with_for_update(skip_locked=True).cte("candidates")
        ids = session.scalars(update(OutboxMessage).where(OutboxMessage.id == candidates.c.id, _due(now))
                              .values(**claimed).returning(OutboxMessage.id)).all()
        session.commit()
        return sorted(ids)
    while True:  # until this sender wins something or nothing is due: losing every race is not "nothing due"
        candidates = session.scalars(select(OutboxMessage.id).where(_due(now)).order_by(*order).limit(batch)).all()
        session.commit()  # end the read: SQLite cannot wait for a writer inside a transaction that read first
        ids = []
        for message_id in candidates:
            won = session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id, _due(now))
                                  .values(**claimed)).rowcount
            if won:
                ids.append(message_id)
        session.commit()
        if ids or not candidates:
            return ids


def _mine(message_id: int, sender_id: str):
    return and_(OutboxMessage.id == message_id, OutboxMessage.status == SENDING,
                OutboxMessage.claimed_by == sender_id)


def mark_sent(session: Session, message_id: int, sender_id: str) -> None:
    """Its own commit, at once: the shorter the gap after SMTP's acceptance, the rarer a duplicate."""
    session.execute(update(OutboxMessage).where(_mine(message_id, sender_id)).values(
        status=SENT, sent_at=utcnow(), claimed_by=None, claimed_at=None, last_error=None,
        recipient=None, subject=None, body=None))  # delivered: the address and text are no longer needed
    session.commit()


def mark_failed_attempt(session: Session, message: OutboxMessage, sender_id: str, error: str,
                        permanent: bool = False) -> str:
    attempts = message.attempts + 1
    status = FAILED if permanent or attempts >= MAX_ATTEMPTS else PENDING
    session.execute(update(OutboxMessage).where(_mine(message.id, sender_id)).values(
        status=status, attempts=attempts, last_error=error[:120], claimed_by=None, claimed_at=None,
        next_attempt_at=utcnow() + backoff(attempts)))
    session.commit()
    return status


def release(session: Session, ids: list[int], sender_id: str) -> None:
    """Give back claimed messages untried (no attempt counted): they are due again at once."""
    for message_id in ids:
        session.execute(update(OutboxMessage).where(_mine(message_id, sender_id)).values(
            status=PENDING, claimed_by=None, claimed_at=None))
    session.commit()


def describe_error(error: BaseException) -> tuple[str, bool]:
    """(kind of error without personal data, whether retrying is pointless). SMTP's own text may quote the
    address, so only the class and the reply code are kept."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _text in error.recipients.values()})
        return f"SMTPRecipientsRefused {','.join(map(str, codes))}", all(500 <= c < 600 for c in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}", 500 <= error.smtp_code < 600 and \
            not isinstance(error, smtplib.SMTPAuthenticationError)
    return type(error).__name__, False


@dataclass
class Report:
    sent: int = 0
    retry: int = 0
    failed: int = 0
    released: int = 0

    def __str__(self) -> str:
        return (f"sent {self.sent}, to retry {self.retry}, failed {self.failed}"
                + (f", given back {self.released}" if self.released else ""))


def send_batch(session: Session, settings: mail.MailSettings, sender_id: str, batch: int = 100) -> Report:
    """Claim one batch and deliver it over one connection. Returns what happened; nothing is raised for a
    mail server that is down: the messages wait with their backoff."""
    report, started = Report(), utcnow()
    ids = claim(session, sender_id, batch, started)
    if not ids:
        return report
    try:
        connection = mail.transport(settings).__enter__()
    except (smtplib.SMTPException, OSError) as error:
        kind, _permanent = describe_error(error)  # cannot connect or log in: every message waits, none is lost
        for message in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids))).all():
            status = mark_failed_attempt(session, message, sender_id, kind)
            report.retry += status == PENDING
            report.failed += status == FAILED
        return report
    try:
        for position, message_id in enumerate(ids):
            if utcnow() - started > LEASE / 2:  # a slow server: hand the rest back before our lease runs out
                release(session, ids[position:], sender_id)
                report.released += len(ids) - position
                break
            message = session.get(OutboxMessage, message_id)
            try:
                connection.send(mail.build_email(settings.sender, message.recipient, message.subject, message.body))
            except (smtplib.SMTPException, OSError) as error:
                kind, permanent = describe_error(error)
                status = mark_failed_attempt(session, message, sender_id, kind, permanent)
                report.retry += status == PENDING
                report.failed += status == FAILED
                if not isinstance(error, (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)):
                    release(session, ids[position + 1:], sender_id)  # the connection is gone
                    report.released += len(ids) - position - 1
                    break
                continue
            mark_sent(session, message_id, sender_id)
            report.sent += 1
    finally:
        connection.__exit__(None, None, None)
    return report


def send_all(session: Session, settings: mail.MailSettings, batch: int = 100, sender_id: str | None = None) -> Report:
    """Batches until nothing is due (or only failures are left to wait for)."""
    sender_id, total = sender_id or new_sender_id(), Report()
    while True:
        report = send_batch(session, settings, sender_id, batch)
        for name in ("sent", "retry", "failed", "released"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        if report.sent == 0:
            return total


def counts(session: Session) -> dict[str, int]:
    found = dict(session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return {status: found.get(status, 0) for status in STATUSES}


def retry_failed(session: Session) -> int:
    """An admin's "try the failed ones again" (after fixing the mail settings): back to pending, attempts 0."""
    count = session.execute(update(OutboxMessage).where(OutboxMessage.status == FAILED).values(
        status=PENDING, attempts=0, next_attempt_at=utcnow(), last_error=None)).rowcount
    session.commit()
    return count


def failed(session: Session, limit: int = 50) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.status == FAILED)
                                .order_by(OutboxMessage.id).limit(limit)))
