"""Calendar arithmetic shared by review warnings, review reminders and expected-contact dates."""
from __future__ import annotations

import calendar
from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (2024-02-29 minus 12 → 2023-02-28)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def is_review_due(last_reviewed: date, today: date, months: int = 12) -> bool:
    return last_reviewed < months_before(today, months)
