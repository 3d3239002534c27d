"""Reference codes and revocation secrets a client can read aloud or copy by hand without ambiguity (pages show
them in groups of four: rendering.grouped_code)."""
from __future__ import annotations

import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: these are misread on the phone and in handwriting.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 8   # 31**8 ≈ 8.5e11 possible codes
SECRET_LENGTH = 16     # 31**16 ≈ 2**79: unguessable, so a fast hash is enough to store it


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_reference() -> str:
    return _random(REFERENCE_LENGTH)


def new_secret() -> str:
    return _random(SECRET_LENGTH)


def normalise(typed: str) -> str:
    """What the client typed → canonical form: case, spaces and hyphens do not matter."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(normalise(secret).encode("ascii", "replace")).hexdigest()


def secret_matches(typed: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(typed), stored_hash)
