"""Encryption at rest for personal fields: the raw database must never hold a client's data in plain text.

ENCRYPTION_KEYS is a comma-separated list of Fernet keys; the first encrypts, all of them decrypt, so a
new key can be put first and old rows re-encrypted later (MultiFernet.rotate) without downtime.
Encrypted columns cannot be searched or compared in SQL: every encryption of the same text differs.
"""
from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from intake_app.config import ConfigError

DEV_KEY_FILE = "dev-encryption.key"
MAKE_KEY_HINT = "make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"


def parse_keys(value: str) -> MultiFernet:
    keys = [k.strip() for k in value.split(",") if k.strip()]
    if not keys:
        raise ConfigError(f"ENCRYPTION_KEYS is empty; {MAKE_KEY_HINT}")
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # Never echo the key itself: it is a secret even when malformed.
            raise ConfigError(f"ENCRYPTION_KEYS: key {position} of {len(keys)} is not a Fernet key "
                              f"(32 url-safe base64-encoded bytes); {MAKE_KEY_HINT}") from None
    return MultiFernet(fernets)


def dev_key(instance_path: str) -> str:
    """In debug/testing only: one key kept in the instance folder, so restarts can still read old rows."""
    path = Path(instance_path) / DEV_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(Fernet.generate_key().decode(), encoding="ascii")
    return path.read_text(encoding="ascii").strip()


def init_app(app: Flask, relaxed: bool) -> None:
    value = app.config.get("ENCRYPTION_KEYS") or ""
    if not value.strip():
        if not relaxed:
            raise ConfigError("ENCRYPTION_KEYS must be set before the intake app can run outside debug or "
                              f"testing (it encrypts clients' personal data at rest); {MAKE_KEY_HINT}")
        value = app.config["ENCRYPTION_KEYS"] = dev_key(app.instance_path)
    app.extensions["intake_crypto"] = parse_keys(value)


def fernet() -> MultiFernet:
    """The current app's keys (needs an app context: a request, a CLI command, or `with app.app_context()`)."""
    return current_app.extensions["intake_crypto"]


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token; Python code sees plain `str`."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return fernet().encrypt(str(value).encode("utf-8")).decode("ascii")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        try:
            return fernet().decrypt(value.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ConfigError("a personal field could not be decrypted: none of ENCRYPTION_KEYS matches it "
                              "(was an old key removed before every row was rotated?)") from None
