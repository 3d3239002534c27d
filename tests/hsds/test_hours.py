"""Opening hours parse completely or not at all, so a schedule never states half the truth."""
import pytest

from directory.hsds.hours import format_hours, parse_hours

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


@pytest.mark.parametrize("text, rules", [
    ("Mon–Fri 09:00–17:00", [(WEEKDAYS, "09:00", "17:00")]),
    ("Mon-Fri 09:00-17:00", [(WEEKDAYS, "09:00", "17:00")]),
    ("Mon–Fri 09:00–17:00; Tue, Thu 17:00–20:00", [(WEEKDAYS, "09:00", "17:00"), (["TU", "TH"], "17:00", "20:00")]),
    ("Mon, Wed, Fri 09:00–13:00", [(["MO", "WE", "FR"], "09:00", "13:00")]),
    ("Sat–Sun 10:00–16:00", [(["SA", "SU"], "10:00", "16:00")]),
    ("Daily 10:00–02:00", [(WEEKDAYS + ["SA", "SU"], "10:00", "02:00")]),
    ("24/7", [(WEEKDAYS + ["SA", "SU"], "00:00", "23:59")]),
])
def test_parseable(text, rules):
    assert parse_hours(text) == rules


@pytest.mark.parametrize("text", [
    "Closed", "Mon–Fri 09:00–17:00, Wed until 19:30", "Mon–Fri 08:30–16:30; psychiatrist Tue and Thu",
    "Mon–Thu 13:00–20:00 during term", "Mon–Fri 25:00–26:00", "",
])
def test_unparseable_text_gives_no_rules(text):
    assert parse_hours(text) is None


def test_format_prefers_the_editors_words_then_rebuilds_rules():
    assert format_hours([{"id": "x", "description": "Mon–Fri 09:00–17:00, Wed until 19:30"}]) == \
        "Mon–Fri 09:00–17:00, Wed until 19:30"
    assert format_hours([{"id": "x", "byday": "MO,WE", "opens_at": "09:00:00", "closes_at": "17:00:00"}]) == \
        "Mon, Wed 09:00–17:00"
    assert format_hours([]) is None
