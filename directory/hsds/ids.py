"""Stable HSDS identifiers: uuid5 of a path of names, so every rebuild gives every object the same id."""
from __future__ import annotations

import hashlib
import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://referral-directory.example/hsds/")
_NAMESPACE_BYTES = NAMESPACE.bytes


def stable_id(*parts: object) -> str:
    """stable_id("service", "harbourview-counselling") → the same UUID on every machine and every run.

    Exactly `str(uuid.uuid5(NAMESPACE, "service/harbourview-counselling"))`, computed without building UUID
    objects: a large export makes tens of ids per provider.
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "/".join(map(str, parts)).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
