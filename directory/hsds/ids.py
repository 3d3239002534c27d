"""Stable HSDS identifiers: uuid5 of a path of names, so every rebuild gives every object the same id."""
from __future__ import annotations

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://referral-directory.example/hsds/")


def stable_id(*parts: object) -> str:
    """stable_id("service", "harbourview-counselling") → the same UUID on every machine and every run."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))
