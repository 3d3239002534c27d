"""Staff sessions that end on the server.

A signed cookie cannot be taken back: a copy made before logout would keep working. So each sign-in gets a
row in staff_sessions and the cookie carries only its random token. The user loader (web/auth.py) accepts a
cookie only while that row is open, belongs to the user, the account is enabled and the row was seen within
STAFF_IDLE_MINUTES. Logout, `users disable`, `users set-password`, an admin's "disable" and idle expiry end
rows, so a replayed cookie goes to the sign-in page.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from intake_app.accounts.models import StaffSession, User

TOKEN_KEY = "staff_session"  # the key in Flask's session cookie
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often, to spare writes
KEEP_ENDED = timedelta(days=7)  # older rows of a user are deleted at their next sign-in

LOGOUT, IDLE, DISABLED, PASSWORD, REPLACED = "logout", "idle", "disabled", "password", "replaced"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin(db: Session, user: User, now: datetime) -> str:
    """A new open row for `user`; returns the token for the cookie (never stored as such)."""
    db.execute(delete(StaffSession).where(StaffSession.user_id == user.id,
                                          StaffSession.last_seen_at < now - KEEP_ENDED))
    token = secrets.token_urlsafe(32)
    db.add(StaffSession(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now))
    db.commit()
    return token


def end(db: Session, token: str | None, reason: str, now: datetime) -> None:
    """End the session this token belongs to (nothing if there is none)."""
    if token:
        _end(db, StaffSession.token_hash == _digest(token), reason, now)
        db.commit()


def end_all(db: Session, user_id: int, reason: str, now: datetime) -> int:
    """End every open session of an account, in the caller's transaction; returns how many."""
    return _end(db, StaffSession.user_id == user_id, reason, now)


def resume(db: Session, user_id: int, token: str, now: datetime, idle: timedelta) -> User | None:
    """The account if this cookie's session is still good, else None (and the session ended if it lapsed)."""
    row = db.scalar(select(StaffSession).where(StaffSession.token_hash == _digest(token)))
    user = db.get(User, row.user_id) if row is not None and row.user_id == user_id else None
    # End the read transaction before any write: SQLite can wait for another writer only if a write comes first.
    db.commit()
    if row is None or user is None or row.ended_at is not None:
        return None
    if not user.enabled:
        _end(db, StaffSession.id == row.id, DISABLED, now)
        db.commit()
        return None
    if now - row.last_seen_at > idle:
        _end(db, StaffSession.id == row.id, IDLE, now)
        db.commit()
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        touched = db.execute(update(StaffSession).where(StaffSession.id == row.id, StaffSession.ended_at.is_(None))
                             .values(last_seen_at=now)).rowcount
        db.commit()
        if not touched:  # ended meanwhile (a logout in another tab)
            return None
    return user


def _end(db: Session, which, reason: str, now: datetime) -> int:
    return db.execute(update(StaffSession).where(which, StaffSession.ended_at.is_(None))
                      .values(ended_at=now, ended_reason=reason)).rowcount
