"""Opening hours as editors write them ("Mon–Fri 09:00–17:00, Sat 10:00–14:00") ↔ HSDS weekly schedules.

Only text that parses completely becomes structured rules; anything else ("Wed until 19:30") would be
half-true as rules, so it travels as the schedule's description alone. The description always keeps
the editor's exact words, which is what an import gives back.
"""
from __future__ import annotations

import re

DAYS = {"Mon": "MO", "Tue": "TU", "Wed": "WE", "Thu": "TH", "Fri": "FR", "Sat": "SA", "Sun": "SU"}
ORDER = list(DAYS)
_DAY = "(?:" + "|".join(DAYS) + ")"
_DAYS = rf"(?:Daily|{_DAY}(?:\s*[–-]\s*{_DAY})?(?:(?:,\s*|\s+and\s+){_DAY}(?:\s*[–-]\s*{_DAY})?)*)"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"
_SEGMENT = re.compile(rf"({_DAYS})\s+({_TIME})\s*[–-]\s*({_TIME})")
_SEPARATOR = re.compile(r"\s*[,;]\s*")


def parse_hours(text: str) -> list[tuple[list[str], str, str]] | None:
    """[(["MO", ...], "09:00", "17:00"), ...], or None unless every part of `text` is understood."""
    text = text.strip()
    if text == "24/7":
        return [(list(DAYS.values()), "00:00", "23:59")]
    rules, position = [], 0
    while position < len(text):
        if rules:
            separator = _SEPARATOR.match(text, position)
            if not separator:
                return None
            position = separator.end()
        segment = _SEGMENT.match(text, position)
        if not segment:
            return None
        rules.append((_expand(segment.group(1)), segment.group(2), segment.group(3)))
        position = segment.end()
    return rules or None


def _expand(days: str) -> list[str]:
    if days == "Daily":
        return list(DAYS.values())
    found: list[str] = []
    for part in re.split(r",\s*|\s+and\s+", days):
        ends = re.split(r"\s*[–-]\s*", part)
        first, last = ORDER.index(ends[0]), ORDER.index(ends[-1])
        span = ORDER[first:last + 1] if first <= last else ORDER[first:] + ORDER[:last + 1]
        found.extend(DAYS[day] for day in span if DAYS[day] not in found)
    return found


def format_hours(schedules: list[dict]) -> str | None:
    """Text for a profile from HSDS schedules: their description, else rules rebuilt from byday/opens_at."""
    for schedule in schedules:
        if schedule.get("description"):
            return schedule["description"]
    names = {code: name for name, code in DAYS.items()}
    parts = [f"{', '.join(names.get(day, day) for day in s['byday'].split(','))} {s['opens_at'][:5]}–{s['closes_at'][:5]}"
             for s in schedules if s.get("byday") and s.get("opens_at") and s.get("closes_at")]
    return ", ".join(parts) or None
