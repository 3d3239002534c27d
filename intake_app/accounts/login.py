"""Checking a sign-in, with a temporary lock after repeated failures (on top of the per-address rate limit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake_app.accounts.models import User
from intake_app.accounts.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
WRONG = "The username or password is wrong."


@dataclass(frozen=True)
class Attempt:
    user: User | None
    message: str = ""


def locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    return (f"This account is locked for {minutes} more minute{'s' if minutes != 1 else ''} after "
            f"{MAX_FAILURES} failed sign-ins. Wait, or ask an administrator to reset the password.")


def authenticate(session: Session, username: str, password: str, now: datetime) -> Attempt:
    """Commits the failure count, so a lock holds across workers and restarts."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        verify_password(DUMMY_HASH, password)  # same work either way: timing tells nothing
        return Attempt(None, WRONG)
    if user.locked_until and user.locked_until > now:
        return Attempt(None, locked_message(user.locked_until, now))
    if not verify_password(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.failed_logins, user.locked_until = 0, now + LOCK_FOR
            session.commit()
            return Attempt(None, locked_message(user.locked_until, now))
        session.commit()
        return Attempt(None, WRONG)
    if not user.enabled:
        return Attempt(None, "This account is disabled. Ask an administrator.")
    user.failed_logins, user.locked_until = 0, None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.commit()
    return Attempt(user)
