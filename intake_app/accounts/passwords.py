"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106's recommendations)."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MIN_LENGTH = 12


class WeakPassword(ValueError):
    pass


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"A password needs at least {MIN_LENGTH} characters.")
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True after the hashing parameters are raised, so the next login upgrades the stored hash."""
    return _hasher.check_needs_rehash(stored_hash)


# Verified against when the username is unknown, so a failed login takes as long either way.
DUMMY_HASH = _hasher.hash("no account has this password")
