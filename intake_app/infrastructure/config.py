"""Settings from the environment, checked once at start-up so a bad deployment fails loudly, not later.

Every setting is a plain environment variable (12-factor style); `create_app(test_config)` may override any.
"""
from __future__ import annotations

import os
from pathlib import Path

from flask.cli import NoAppException
from limits import parse_many

from intake_app.infrastructure.directory import PROVIDERS_DIR, TAXONOMY_FILE

# Values that look like secrets but are not: refusing them catches copy-pasted examples.
PLACEHOLDER_SECRETS = {"dev", "secret", "changeme", "change-me", "please-change-me", "test", "development"}
MIN_SECRET_LENGTH = 32


class ConfigError(RuntimeError, NoAppException):
    """A setting is missing or wrong; the message says which one and how to fix it.

    Being a NoAppException makes `flask --app intake_app ...` print it as one clean error, not a traceback.
    """

    def __init__(self, message: str):
        RuntimeError.__init__(self, message)
        self.message, self.ctx = message, None


def defaults(instance_path: str) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'intake.sqlite'}",
        "ENCRYPTION_KEYS": "",
        "BLIND_INDEX_KEY": "",  # HMAC key of the provider index (see crypto.blind_index)
        "PROVIDERS_DIR": str(PROVIDERS_DIR),
        "DIRECTORY_URL": "http://127.0.0.1:8000/",
        "QUICK_EXIT_URL": "https://www.google.com/",  # the neutral site "Exit this page" replaces a page with
        "REFERRING_SERVICE": "the Referral Directory intake team",
        "CRISIS_EMERGENCY_NUMBER": "911",
        "CRISIS_LINE": "988",
        "CRISIS_TEXT_LINE": "988",
        "TIMEZONE": "UTC",  # where the service is: dates of signature, expiry and expected contact
        "PROCESSING_DAYS": 3,
        "UNKNOWN_WAIT_DAYS": 30,  # for the expected-contact date when a profile gives no typical wait
        "CALLBACK_BUSINESS_DAYS": 1,  # an urgent request: we call back within this many weekdays
        "CONSENT_LINK_DAYS": 7,  # how long a one-time consent link works
        "PROVIDER_LINK_DAYS": 90,  # how long the receiving provider's referral link works after sending
        "CLIENT_LINK_DAYS": 180,  # how long the client's check-in link works
        "CONTACT_PHONE": "+1 613-555-0100",
        "CONTACT_EMAIL": "intake@referrals.example",
        "CONTACT_HOURS": "Monday to Friday, 9 am to 5 pm",
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "PUBLIC_POST_LIMIT": "20 per minute;200 per day",
        "REVOKE_LIMIT": "10 per hour",  # guessing a reference and its secret must stay hopeless
        "LOGIN_LIMIT": "10 per minute",  # staff sign-in posts per address; the account lock stops slower guessing
        "STAFF_IDLE_MINUTES": 30,  # a clinic computer left signed in must not stay open to the next person
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "TRUSTED_PROXIES": 0,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # A client in distress may take a long time over the form; an expired token must not cost them it.
        "WTF_CSRF_TIME_LIMIT": 4 * 3600,
        # Email through the outbox (infrastructure/mail.py checks these): links in messages start with APP_URL.
        "APP_URL": "http://127.0.0.1:5000/",
        "MAIL_TIMEOUT": 10,
    }


_STRINGS = ("SECRET_KEY", "DATABASE_URL", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "PROVIDERS_DIR", "DIRECTORY_URL",
            "REFERRING_SERVICE", "CRISIS_EMERGENCY_NUMBER", "CRISIS_LINE", "CRISIS_TEXT_LINE", "CONTACT_PHONE",
            "CONTACT_EMAIL", "CONTACT_HOURS", "TIMEZONE", "RATELIMIT_STORAGE_URI", "QUICK_EXIT_URL",
            "APP_URL", "MAIL_URL", "MAIL_HOST", "MAIL_PORT", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_STARTTLS",
            "MAIL_SSL", "MAIL_FROM", "MAIL_TIMEOUT", "STAFF_ALERT_EMAIL")
_INTEGERS = ("PROCESSING_DAYS", "UNKNOWN_WAIT_DAYS", "MAX_CONTENT_LENGTH", "TRUSTED_PROXIES", "STAFF_IDLE_MINUTES",
             "CALLBACK_BUSINESS_DAYS", "CONSENT_LINK_DAYS", "PROVIDER_LINK_DAYS", "CLIENT_LINK_DAYS")
_AT_LEAST_ONE = ("CALLBACK_BUSINESS_DAYS", "CONSENT_LINK_DAYS", "PROVIDER_LINK_DAYS", "CLIENT_LINK_DAYS")
_RATE_LIMITS = ("PUBLIC_POST_LIMIT", "REVOKE_LIMIT", "LOGIN_LIMIT")
_BOOLEANS = ("RATELIMIT_ENABLED", "SESSION_COOKIE_SECURE")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def from_environment(environ: os._Environ | dict = os.environ) -> dict:
    """The settings present in the environment, typed; absent ones keep their defaults."""
    config: dict = {name: environ[name] for name in _STRINGS if environ.get(name)}
    for name in _INTEGERS:
        if environ.get(name):
            try:
                config[name] = int(environ[name])
            except ValueError:
                raise ConfigError(f"{name} must be a whole number, not {environ[name]!r}") from None
            if name in _AT_LEAST_ONE and config[name] < 1:
                raise ConfigError(f"{name} must be at least 1, not {environ[name]!r}")
    for name in _RATE_LIMITS:  # checked now: a limit that cannot be parsed would otherwise not be applied
        if environ.get(name):
            try:
                parse_many(environ[name])
            except ValueError:
                raise ConfigError(f"{name} must be limits like '10 per minute;100 per day', not {environ[name]!r}"
                                  ) from None
            config[name] = environ[name]
    for name in _BOOLEANS:
        if environ.get(name):
            value = environ[name].strip().lower()
            if value not in _TRUE | _FALSE:
                raise ConfigError(f"{name} must be true or false, not {environ[name]!r}")
            config[name] = value in _TRUE
    return config


def check_secret_key(config: dict, relaxed: bool) -> None:
    """Outside debug/testing a forgeable SECRET_KEY would make CSRF protection and sessions worthless."""
    key = config.get("SECRET_KEY")
    if relaxed:
        if not key:
            config["SECRET_KEY"] = os.urandom(32).hex()
        return
    if not key or str(key).strip().lower() in PLACEHOLDER_SECRETS or len(str(key)) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters before the "
            "intake app can run outside debug or testing. Make one with:\n"
            "  python -c 'import secrets; print(secrets.token_hex(32))'\n"
            "and put it in the environment as SECRET_KEY=..."
        )


def check_directory_data(config: dict) -> None:
    """The providers folder and the taxonomy are the directory's data, not the app's: an install from a wheel
    holds neither, so a missing one stops start-up with the setting to fix."""
    for setting, path in (("PROVIDERS_DIR", Path(config["PROVIDERS_DIR"])),
                          ("REFERRAL_DIRECTORY_TAXONOMY", TAXONOMY_FILE)):
        if not path.exists():
            raise ConfigError(f"{setting}: {path} does not exist; point PROVIDERS_DIR and "
                              "REFERRAL_DIRECTORY_TAXONOMY at a checkout's providers/ and taxonomy.yaml")


def normalise_database_url(url: str) -> str:
    """`postgresql://` as most hosts hand it out → the psycopg 3 driver this project installs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
