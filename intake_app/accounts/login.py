"""Checking a sign-in, with a temporary lock after repeated failures (on top of the per-address rate limit).

The failure count and the lock are decided by the database, not by this worker's copy of the row: two guesses
in two workers at once must both count, and a right password that arrives while others lock the account must
not slip in. So the count is `UPDATE ... SET failed_logins = failed_logins + 1 ... RETURNING`, and a success
only clears the count if the row is still unlocked at the moment of writing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
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
        count_failure(session, user.id, now)
        return Attempt(None, FAILED)
    if not user.enabled:
        return Attempt(None, "This account is disabled. Ask an administrator.")
    if not clear_failures(session, user.id, now):
        session.rollback()
        return Attempt(None, FAILED)  # locked by concurrent guesses while this password was being checked
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    session.commit()
    return Attempt(user)


def count_failure(session: Session, user_id: int, now: datetime) -> int:
    """One more failure, counted in one statement; locks the account when the returned count reaches the limit."""
    count = session.execute(update(User).where(User.id == user_id)
                            .values(failed_logins=User.failed_logins + 1)
                            .returning(User.failed_logins)).scalar_one()
    if count >= MAX_FAILURES:  # the row stays write-locked until commit, so no other count sneaks in between
        session.execute(update(User).where(User.id == user_id).values(failed_logins=0, locked_until=now + LOCK_FOR))
    session.commit()
    return count


def clear_failures(session: Session, user_id: int, now: datetime) -> bool:
    """Resets the count unless the account is locked as of now (in the database); False if it is."""
    result = session.execute(update(User)
                             .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
                             .values(failed_logins=0, locked_until=None))
    return result.rowcount == 1
