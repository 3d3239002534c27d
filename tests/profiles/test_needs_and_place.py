"""The needs vocabulary (taxonomy.yaml `needs`), a profile's `needs`, and a location's coordinates: what the
validator accepts, what it rejects and where it says the problem is."""
from __future__ import annotations

import pytest

from directory.catalog import load_catalog
from directory.needs import served_needs, word_key
from directory.paths import TAXONOMY_FILE
from directory.taxonomy import TaxonomyError, load_taxonomy
from tests.profiles.conftest import VALID, position

NEED = """\
  back-pain-test:
    label: Back pain
    description: Test need.
    words: [lumbar strain, lumbago]
    categories: [physiotherapy]
"""


def write(folder, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return text


def taxonomy_with(tmp_path, need: str):
    """The real taxonomy.yaml with one more need appended; returns (path, text)."""
    text = TAXONOMY_FILE.read_text(encoding="utf-8").rstrip("\n") + "\n" + need
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def load_error(path) -> list[str]:
    with pytest.raises(TaxonomyError) as raised:
        load_taxonomy.__wrapped__(path)
    return str(raised.value).splitlines()


def test_the_real_vocabulary_covers_what_a_clinician_records():
    needs = load_taxonomy().needs
    for need in ("pain-or-injury", "mobility", "low-mood", "substance-use", "crisis", "housing", "income",
                 "legal", "relationships-and-family"):
        assert need in needs
    assert "rotator cuff" in needs["pain-or-injury"].words
    assert "thinking of ending my life" in needs["crisis"].words


def test_a_word_under_two_needs_is_rejected_at_its_line(tmp_path):
    path, text = taxonomy_with(tmp_path, NEED.replace("[lumbar strain, lumbago]", "[lumbar strain, Back  Pain]"))
    line, column = position(text, "Back  Pain")
    assert load_error(path) == [
        f"{path}:{line}:{column}: needs.back-pain-test.words[1]: `Back  Pain` is also a word of `pain-or-injury`; "
        "a word must lead to one need, or search cannot tell which providers it means"]


def test_an_unknown_category_or_level_is_rejected_with_a_suggestion(tmp_path):
    path, text = taxonomy_with(tmp_path, NEED.replace("[physiotherapy]", "[physio]")
                               + "    levels_of_care: [outpatient, weekly]\n")
    errors = load_error(path)
    line, column = position(text, "physio]")
    assert errors[0].startswith(f"{path}:{line}:{column}: needs.back-pain-test.categories[0]: `physio` is not a "
                                "category (did you mean `physiotherapy`?); valid: primary-care, ")
    line, column = position(text, "weekly]")
    assert errors[1].startswith(f"{path}:{line}:{column}: needs.back-pain-test.levels_of_care[1]: `weekly` is not "
                                "a level of care")
    assert len(errors) == 2


def test_a_need_without_words_or_categories_is_rejected(tmp_path):
    path, text = taxonomy_with(tmp_path, NEED.replace("    words: [lumbar strain, lumbago]\n", "")
                               .replace("[physiotherapy]", "[]"))
    errors = load_error(path)
    assert any("needs.back-pain-test.words: must be a non-empty list" in error for error in errors)
    assert any("needs.back-pain-test.categories: must be a non-empty list of categories ids" in error
               for error in errors)


def test_word_keys_ignore_case_spacing_and_apostrophes():
    assert word_key("Can't  stop drinking") == word_key("cant stop drinking")
    assert word_key("check-up") == word_key("check up")
    assert word_key("back pain") != word_key("back pains")


def test_a_profile_may_list_needs_and_unknown_ones_are_errors(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml",
                 VALID.replace("categories: [physiotherapy]\n", "categories: [physiotherapy]\nneeds: [mobility, "
                               "back-ache]\n"))
    run = validate("providers")
    line, column = position(text, "back-ache")
    assert len(run.out) == 1 and run.code == 1
    assert run.out[0].startswith(f"providers/riverside-physiotherapy.yaml:{line}:{column}: needs[1]: `back-ache` "
                                 "is not a need; valid: pain-or-injury, mobility,")
    text = write(providers, "riverside-physiotherapy.yaml", text.replace("back-ache]", "mobility]"))
    line, column = position(text, "mobility]")
    assert validate("providers").out == [
        f"providers/riverside-physiotherapy.yaml:{line}:{column}: needs[1]: `mobility` is listed twice"]


def test_own_needs_replace_the_ones_categories_imply():
    catalog = load_catalog()
    needs = catalog.taxonomy.needs
    willowbend = catalog.get("willowbend-chiropractic-centre")  # no `needs`: chiropractic implies pain
    assert willowbend.needs == [] and served_needs(willowbend, needs) == ("pain-or-injury",)
    withdrawal = catalog.get("millbrook-withdrawal-management-centre")  # a crisis-services category, its own list
    assert served_needs(withdrawal, needs) == ("substance-use",)
    crisis_line = catalog.get("night-harbour-distress-line")
    assert "crisis" in served_needs(crisis_line, needs)


def test_every_need_is_served_by_a_sample_provider_and_some_list_their_own():
    catalog = load_catalog()
    needs = catalog.taxonomy.needs
    served = {need for profile in catalog.listed for need in served_needs(profile, needs)}
    assert served == set(needs)
    assert sum(bool(profile.needs) for profile in catalog.profiles) >= 5


def test_every_sample_location_has_coordinates_in_canada():
    for profile in load_catalog().profiles:
        for place in profile.locations:
            assert 41.5 < place.latitude < 70 and -141 < place.longitude < -52, (profile.slug, place.city)


@pytest.mark.parametrize("coordinates, needle, message", [
    ("    latitude: 95.5\n    longitude: -75.7\n", "95.5", "locations[0].latitude: `95.5` is out of range; "
                                                             "it must be at most 90"),
    ("    latitude: 45.4\n    longitude: -181\n", "-181", "locations[0].longitude: `-181` is out of range; "
                                                            "it must be at least -180"),
    ('    latitude: "45.4"\n    longitude: -75.7\n', '"45.4"', "locations[0].latitude: `45.4` is not a number; "
                                                                "write decimal degrees without quotes, like 45.4215 "
                                                                "or -75.6972"),
    ("    latitude: 45.4\n", "45.4", "locations[0].latitude: `latitude` needs `longitude` beside it: give both "
                                     "coordinates or neither"),
])
def test_coordinates_are_checked(providers, validate, coordinates, needle, message):
    text = write(providers, "riverside-physiotherapy.yaml",
                 VALID.replace("    hours: Mon–Fri 08:00–17:00\n", "    hours: Mon–Fri 08:00–17:00\n" + coordinates))
    run = validate("providers")
    line, column = position(text, needle)
    assert run.out == [f"providers/riverside-physiotherapy.yaml:{line}:{column}: {message}"]


def test_coordinates_given_together_are_valid(providers, validate):
    write(providers, "riverside-physiotherapy.yaml", VALID.replace(
        "    hours: Mon–Fri 08:00–17:00\n", "    hours: Mon–Fri 08:00–17:00\n    latitude: 45\n    longitude: -75.7\n"))
    assert validate("providers").code == 0
