"""An append-only record of who viewed or changed which referral, or viewed the queue, and when.

It holds ids and action names only, never personal data, so it can outlive a purge. Rows cannot be
changed or deleted: the ORM refuses it here, and database triggers (migration 0002) refuse it in SQL.
"""
from __future__ import annotations

from datetime import datetime

from flask_login import current_user
from sqlalchemy import Integer, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake_app.db import Base, UTCDateTime, utcnow

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
           *, username: str | None = None) -> None:
    """Adds the event to the session: it commits with the change it describes, or not at all."""
    user = current_user if username is None and current_user and current_user.is_authenticated else None
    session.add(AuditEvent(user_id=user.id if user else None, username=user.username if user else username or "cli",
                           action=action, referral_id=referral_id, detail=detail))
