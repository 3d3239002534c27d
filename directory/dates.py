"""Calendar arithmetic shared by review warnings, review reminders and expected-contact dates."""
from __future__ import annotations

import calendar
from datetime import date

REVIEW_MONTHS = 12  # a profile not verified for longer is due for review: warned, flagged, listed


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (2024-02-29 minus 12 → 2023-02-28)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def is_review_due(last_reviewed: date, today: date, months: int = REVIEW_MONTHS) -> bool:
    return last_reviewed < months_before(today, months)
