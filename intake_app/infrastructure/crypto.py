"""Encryption at rest for personal fields: the raw database must never hold a client's data in plain text.

ENCRYPTION_KEYS is a comma-separated list of Fernet keys; the first encrypts, all of them decrypt, so a
new key can be put first and old rows re-encrypted later (MultiFernet.rotate) without downtime.
Encrypted columns cannot be searched or compared in SQL: every encryption of the same text differs. Where staff
must filter or group (by provider), a keyed blind index (HMAC-SHA256 under BLIND_INDEX_KEY) stands in for the value.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from intake_app.infrastructure.config import ConfigError

DEV_KEY_FILE = "dev-encryption.key"
DEV_INDEX_KEY_FILE = "dev-blind-index.key"
MAKE_KEY_HINT = "make one with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
MAKE_INDEX_KEY_HINT = "make one with: python -c 'import secrets; print(secrets.token_hex(32))'"
MIN_INDEX_KEY_LENGTH = 32


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


def dev_key(instance_path: str, name: str = DEV_KEY_FILE, make=lambda: Fernet.generate_key().decode()) -> str:
    """In debug/testing only: one key kept in the instance folder, so restarts can still read old rows."""
    path = Path(instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(make(), encoding="ascii")
    return path.read_text(encoding="ascii").strip()


def _index_key(app: Flask, relaxed: bool) -> bytes:
    value = (app.config.get("BLIND_INDEX_KEY") or "").strip()
    if not value:
        if not relaxed:
            raise ConfigError("BLIND_INDEX_KEY must be set before the intake app can run outside debug or testing "
                              "(staff filter by provider through it without the provider being stored in plain "
                              f"text); {MAKE_INDEX_KEY_HINT}")
        value = app.config["BLIND_INDEX_KEY"] = dev_key(app.instance_path, DEV_INDEX_KEY_FILE,
                                                        lambda: secrets.token_hex(32))
    if len(value) < MIN_INDEX_KEY_LENGTH:
        raise ConfigError(f"BLIND_INDEX_KEY must be at least {MIN_INDEX_KEY_LENGTH} random characters; "
                          f"{MAKE_INDEX_KEY_HINT}")
    return value.encode("utf-8")


def init_app(app: Flask, relaxed: bool) -> None:
    value = app.config.get("ENCRYPTION_KEYS") or ""
    if not value.strip():
        if not relaxed:
            raise ConfigError("ENCRYPTION_KEYS must be set before the intake app can run outside debug or "
                              f"testing (it encrypts clients' personal data at rest); {MAKE_KEY_HINT}")
        value = app.config["ENCRYPTION_KEYS"] = dev_key(app.instance_path)
    app.extensions["intake_crypto"] = parse_keys(value)
    app.extensions["intake_blind_index_key"] = _index_key(app, relaxed)


def fernet() -> MultiFernet:
    """The current app's keys (needs an app context: a request, a CLI command, or `with app.app_context()`)."""
    return current_app.extensions["intake_crypto"]


def blind_index(value: str | None) -> str | None:
    """The keyed HMAC-SHA256 of a value (hex): equal values match in SQL, and without the key no one can
    tell which value it is by hashing the (short, public) list of candidates."""
    if value is None:
        return None
    key = current_app.extensions["intake_blind_index_key"]
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


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


class EncryptedJSON(EncryptedText):
    """Any JSON value (here: lists of category keys), encrypted like text."""

    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else super().process_bind_param(json.dumps(value), dialect)

    def process_result_value(self, value, dialect):
        value = super().process_result_value(value, dialect)
        return None if value is None else json.loads(value)


class EncryptedBoolean(EncryptedJSON):
    """A flag that says something about the client's care (e.g. substance use records), encrypted.

    A database CHECK cannot read it: the Python completeness check (submissions) guards it instead."""

    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else super().process_bind_param(bool(value), dialect)

    def process_result_value(self, value, dialect):
        value = super().process_result_value(value, dialect)
        return None if value is None else bool(value)
