"""The assessment as plain data: what it refuses, in words a form can show, and how it is stored and read back."""
from __future__ import annotations

import json

import pytest

from directory.assessment import HOW_SOON, Assessment, problems
from directory.matching import InvalidAssessment, areas, match
from directory.taxonomy import load_taxonomy


def test_how_soon_choices_and_their_limits():
    assert {key: days for key, (_, days) in HOW_SOON.items()} == \
        {"urgent": 1, "days": 7, "weeks": 28, "months": 90, "unsure": None}
    assert Assessment(needs=("crisis",), how_soon="weeks").days_limit == 28
    assert Assessment(needs=("crisis",)).days_limit is None


def test_the_first_need_is_primary_unless_one_is_chosen():
    assert Assessment(needs=("low-mood", "housing")).first == "low-mood"
    assert Assessment(needs=("low-mood", "housing"), primary="housing").first == "housing"


def test_stored_as_plain_data_and_read_back():
    assessment = Assessment(needs=["pain-or-injury", "mobility"], primary="mobility", how_soon="weeks",
                            languages=["fr"], fees=["free"], delivery=["phone"], area=" Riverside ", age=70,
                            accessibility=["wheelchair", " "])
    stored = json.loads(json.dumps(assessment.as_dict()))
    assert stored["needs"] == ["pain-or-injury", "mobility"] and stored["area"] == "Riverside"
    assert stored["accessibility"] == ["wheelchair"]
    again = Assessment.from_dict({**stored, "retired_field": 1})
    assert again == assessment and hash(again) == hash(assessment)


@pytest.mark.parametrize("fields, message", [
    (dict(needs=()), "Choose at least one need."),
    (dict(needs=("back-ache",)), "“back-ache” is not a need in the directory's list."),
    (dict(needs=("low-mood", "low-mood")), "A need is listed twice."),
    (dict(needs=("low-mood",), primary="housing"), "The need to deal with first must be one of the needs chosen."),
    (dict(needs=("low-mood",), how_soon="soonish"), "“How soon” must be one of: Urgent: within a day, Within a "
                                                    "week, Within four weeks, Within three months, Not sure, or "
                                                    "no rush."),
    (dict(needs=("low-mood",), languages=("french",)), "“french” is not a language code (two letters, e.g. fr)."),
    (dict(needs=("low-mood",), fees=("cheap",)), "“cheap” is not a fee option."),
    (dict(needs=("low-mood",), delivery=("zoom",)), "“zoom” is not a way of delivering a service."),
    (dict(needs=("low-mood",), age=-1), "Age must be a whole number from 0 to 120."),
    (dict(needs=("low-mood",), age="40"), "Age must be a whole number from 0 to 120."),
    (dict(needs=("low-mood",), area="Atlantis"), "“Atlantis” is not a city or region in the directory."),
])
def test_bad_input_gets_a_sentence_not_an_error(catalog, fields, message):
    assessment = Assessment(**fields)
    assert problems(assessment, load_taxonomy(), frozenset(areas(catalog))) == [message]
    with pytest.raises(InvalidAssessment) as raised:
        match(catalog, assessment)
    assert raised.value.messages == [message]


def test_areas_are_the_directory_cities_and_regions(catalog):
    known = areas(catalog)
    assert known["riverside"] == "Riverside" and known["on"] == "ON" and "atlantis" not in known
    assert match(catalog, Assessment(needs=("crisis",), area="RIVERSIDE")).proposals  # any case
