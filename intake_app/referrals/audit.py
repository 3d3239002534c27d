"""An append-only record of who viewed or changed which referral, or viewed the queue, and when.

It holds ids and action names only, never personal data, so it can outlive a purge. Rows cannot be
changed or deleted: the ORM refuses it here, and database triggers (migration 0002) refuse it in SQL.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake_app.infrastructure.db import Base, UTCDateTime, utcnow

VIEWED, CHANGED_STATUS, RECORDED_OUTCOME, EDITED_LETTER, VIEWED_LETTER, EXPORTED, PURGED = (
    "viewed", "changed status", "recorded outcome", "edited letter notes", "viewed letter", "exported report",
    "purged")
UNLOCKED_ACCOUNT, DISABLED_ACCOUNT = "unlocked account", "disabled account"
VIEWED_QUEUE = "viewed queue"  # the queue lists clients' names; its detail is the page and filters only
VIEWED_FOLLOW_UP = "viewed follow-up list"  # also lists names: overdue, and seen without an outcome


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)  # None: a command-line job
    username: Mapped[str] = mapped_column(String(80))      # kept as it was, should the account be renamed
    action: Mapped[str] = mapped_column(String(40))
    referral_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no foreign key: outlives a purge
    detail: Mapped[str | None] = mapped_column(String(200))  # e.g. "received → consent checked"; never personal


class AppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _context, _instances) -> None:
    if any(isinstance(obj, AuditEvent) for obj in (*session.dirty, *session.deleted)):
        raise AppendOnly("the audit log is append-only")


def record(session: Session, action: str, referral_id: int | None = None, detail: str | None = None,
           *, by=None, username: str = "cli") -> None:
    """Adds the event to the session: it commits with the change it describes, or not at all.

    `by` is the staff account that acted (anything with `id` and `username`); a command-line job names itself
    with `username` instead. The caller says who acted, so this works the same from a request, a command or a test.
    """
    session.add(AuditEvent(user_id=by.id if by is not None else None, username=by.username if by is not None else
                           username, action=action, referral_id=referral_id, detail=detail))
