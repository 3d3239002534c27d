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
# One answer for an unknown username, a wrong password and a locked account: a different answer for any of
# them would tell a guesser which usernames exist.
FAILED = (f"Sign-in failed. After {MAX_FAILURES} failed attempts an account is locked for "
          f"{LOCK_FOR.seconds // 60} minutes; ask an administrator to unlock it.")


@dataclass(frozen=True)
class Attempt:
    user: User | None
    message: str = ""


def authenticate(session: Session, username: str, password: str, now: datetime) -> Attempt:
    """Commits the failure count, so a lock holds across workers and restarts."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    # The password is checked in every case, so each answer takes as long as the others.
    matches = verify_password(user.password_hash if user else DUMMY_HASH, password)
    if user is None:
        return Attempt(None, FAILED)
    if user.locked_until and user.locked_until > now:
        return Attempt(None, FAILED)  # even the right password, until the lock ends or an admin lifts it
    if not matches:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.failed_logins, user.locked_until = 0, now + LOCK_FOR
        session.commit()
        return Attempt(None, FAILED)
    if not user.enabled:
        return Attempt(None, "This account is disabled. Ask an administrator.")
    user.failed_logins, user.locked_until = 0, None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.commit()
    return Attempt(user)
