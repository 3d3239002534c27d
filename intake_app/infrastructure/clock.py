"""Today's date where the service is, not where the server is: a consent signed at 8 pm in Ottawa is dated
that day, not tomorrow (UTC). Set TIMEZONE to an IANA name, e.g. America/Toronto."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app

from intake_app.infrastructure.config import ConfigError


def check_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TIMEZONE {name!r} is not a known time zone; use an IANA name such as "
                          "America/Toronto or UTC") from None


def today() -> date:
    return datetime.now(current_app.extensions["intake_timezone"]).date()
