"""Each error case an editor can make, with the exact file, line, column and message the validator prints."""
from __future__ import annotations

import pytest

from tests.profiles.conftest import VALID, position


def write(folder, name: str, text: str):
    (folder / name).write_text(text, encoding="utf-8")
    return text


def expect(name: str, text: str, needle: str, message: str, occurrence: int = 1) -> str:
    line, column = position(text, needle, occurrence)
    return f"providers/{name}:{line}:{column}: {message}"


def test_valid_profile_passes_silently(providers, validate):
    write(providers, "riverside-physiotherapy.yaml", VALID)
    run = validate("providers")
    assert (run.code, run.out) == (0, [])
    assert "1 profiles valid; 0 errors" in run.err


def test_yaml_syntax_error_points_at_the_problem(providers, validate):
    text = write(providers, "broken.yaml", VALID.replace("categories: [physiotherapy]", "categories: [physiotherapy"))
    run = validate("providers")
    assert run.code == 1
    assert len(run.out) == 1
    assert run.out[0].startswith("providers/broken.yaml:5:8: YAML syntax error: ")
    assert "expected ',' or ']'" in run.out[0]


def test_tab_indentation_gets_a_hint(providers, validate):
    text = write(providers, "tabbed.yaml", VALID.replace("  min_age: 18", "\tmin_age: 18"))
    run = validate("providers")
    line, _ = position(text, "\tmin_age")
    assert run.code == 1
    assert run.out[0].startswith(f"providers/tabbed.yaml:{line}:")
    assert run.out[0].endswith("YAML does not allow tabs for indentation: use spaces")


def test_unknown_key_suggests_the_known_one(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("mandate:", "mandat:"))
    run = validate("providers")
    assert run.code == 1
    assert run.out == [
        "providers/riverside-physiotherapy.yaml:1:1: mandate: is required but missing",
        expect("riverside-physiotherapy.yaml", text, "mandat:",
               "mandat: unknown field `mandat` (did you mean `mandate`?)"),
    ]


def test_unknown_nested_key_lists_the_allowed_ones(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("    hours:", "    zzz:"))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "zzz:",
                              "locations[0].zzz: unknown field `zzz`; allowed here: name, address, city, region, "
                              "postal_code, country, hours, latitude, longitude")]


@pytest.mark.parametrize("old, new, needle, message", [
    ("min_age: 18", 'min_age: "18"', '"18"', "eligibility.min_age: must be a whole number, not `18`"),
    ("accepting_new_clients: true", 'accepting_new_clients: "yes"', '"yes"',
     "accepting_new_clients: must be true or false, not `yes`"),
    ("strengths:\n  - Same-week assessments for acute injuries", "strengths: Same-week assessments",
     "Same-week assessments", "strengths: must be a list; write it as [Same-week assessments] or as lines "
                              'starting with "- "'),
    ("postal_code: A1A 1A1", "postal_code: 12345", "12345", "locations[0].postal_code: must be text; put `12345` "
                                                          "in quotes"),
    ("referral:\n", "referral: call us\nx_referral:\n", "call us",
     "referral: must be a mapping of fields (`key: value` lines indented below it)"),
])
def test_wrong_types(providers, validate, old, new, needle, message):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace(old, new))
    run = validate("providers")
    assert run.code == 1
    assert expect("riverside-physiotherapy.yaml", text, needle, message) in run.out


def test_value_outside_the_taxonomy_lists_the_valid_ids(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml",
                 VALID.replace("categories: [physiotherapy]", "categories: [physio]")
                 .replace("delivery: [in-person]", "delivery: [in-person, carrier-pigeon]"))
    run = validate("providers")
    assert run.out == [
        expect("riverside-physiotherapy.yaml", text, "physio]",
               "categories[0]: `physio` is not a category (did you mean `physiotherapy`?); valid: primary-care, "
               "physiotherapy, chiropractic, massage-therapy, occupational-therapy, counselling, psychology, "
               "psychiatry, addiction-services, crisis-services, group-support, mental-health-hospital, "
               "social-services, housing, child-and-youth, family-services"),
        expect("riverside-physiotherapy.yaml", text, "carrier-pigeon",
               "delivery[1]: `carrier-pigeon` is not a delivery method; valid: in-person, telehealth, phone, "
               "home-visit"),
    ]


def test_language_must_be_an_iso_code(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("languages: [en, fr]",
                                                                          "languages: [en, French]"))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "French",
                              "languages[1]: `French` is not an ISO 639-1 language code (two lowercase letters, "
                              "e.g. en, fr, es) (use `fr`)")]


def test_yaml_1_1_booleans_stay_text(providers, validate):
    """`region: ON` is Ontario and `no` is Norwegian, not false."""
    write(providers, "riverside-physiotherapy.yaml", VALID.replace("languages: [en, fr]", "languages: [en, no]"))
    assert validate("providers").code == 0


def test_slug_must_equal_the_file_name(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", "slug: riverside-physio\n" + VALID)
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "riverside-physio\n",
                              "slug: `riverside-physio` does not match the file name `riverside-physiotherapy.yaml`;"
                              " the slug must be `riverside-physiotherapy`")]


def test_file_name_must_be_a_slug(providers, validate):
    write(providers, "Riverside Physio.yaml", VALID)
    run = validate("providers")
    assert run.out == ["providers/Riverside Physio.yaml:1:1: file name `Riverside Physio.yaml` is not a slug "
                       "(lowercase letters, digits and hyphens); rename it to `riverside-physio.yaml`"]


def test_duplicate_slugs_across_folders(tmp_path, providers, validate):
    other = tmp_path / "more"
    other.mkdir()
    write(providers, "riverside-physiotherapy.yaml", VALID)
    write(other, "riverside-physiotherapy.yaml", VALID.replace("name: Riverside Physiotherapy", "name: Other"))
    run = validate("providers", "more")
    assert run.code == 1
    assert run.out == ["more/riverside-physiotherapy.yaml:1:1: slug `riverside-physiotherapy` is already used by "
                       "providers/riverside-physiotherapy.yaml"]


def test_duplicate_names_across_files(providers, validate):
    write(providers, "riverside-physiotherapy.yaml", VALID)
    text = write(providers, "west-riverside-physiotherapy.yaml", VALID.replace("name: Riverside Physiotherapy",
                                                                        "name: riverside  physiotherapy"))
    run = validate("providers")
    assert run.out == [expect("west-riverside-physiotherapy.yaml", text, "riverside  physiotherapy",
                              "name: `riverside  physiotherapy` is already the name of "
                              "providers/riverside-physiotherapy.yaml; names must be unique (add the location or "
                              "program to tell them apart)")]


def test_duplicate_key_in_one_file(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID + "summary: Again\n")
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "summary: Again",
                              "`summary` appears twice in the same mapping (first on line 3); keep one")]


@pytest.mark.parametrize("value, message", [
    ("2026-13-01", "last_reviewed: `2026-13-01` is not a real date written YYYY-MM-DD"),
    ("'1 October 2026'", "last_reviewed: `1 October 2026` is not a real date written YYYY-MM-DD"),
    ("2999-01-01", "last_reviewed: 2999-01-01 is in the future; use the date a person last verified this profile"),
])
def test_bad_dates(providers, validate, value, message):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("2026-10-01", value))
    run = validate("providers")
    assert run.code == 1
    assert run.out == [expect("riverside-physiotherapy.yaml", text, value, message)]


def test_old_review_warns_and_strict_fails(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("2026-10-01", "2025-11-21"))
    warning = expect("riverside-physiotherapy.yaml", text, "2025-11-21",
                     "last_reviewed: warning: last reviewed 2025-11-21, more than 12 months ago; verify the "
                     "profile with the provider and update the date")
    run = validate("providers")
    assert (run.code, run.out) == (0, [warning])
    assert validate("providers", "--strict").code == 1


def test_review_exactly_twelve_months_ago_is_not_yet_due(providers, validate):
    write(providers, "riverside-physiotherapy.yaml", VALID.replace("2026-10-01", "2025-11-22"))
    assert validate("providers").out == []


@pytest.mark.parametrize("old, new, needle, message", [
    ("email: front-desk@riverside-physio.example", "email: front-desk at riverside", "front-desk at",
     "contact.email: `front-desk at riverside` is not an email address; write it like intake@clinic.example"),
    ("website: https://riverside-physio.example", "website: riverside-physio.example", "riverside-physio.example\nlast",
     "contact.website: `riverside-physio.example` is not a web address; write it in full, like https://clinic.example"),
    ('phone: "+1 613-555-0100"', 'phone: "call the front desk"', '"call the front desk"',
     'contact.phone: `call the front desk` is not a phone number; write it like "+1 613-555-0142"'),
])
def test_malformed_contact_details(providers, validate, old, new, needle, message):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace(old, new))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, needle, message)]


def test_min_age_greater_than_max_age(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("max_age: 120", "max_age: 12"))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "18\n  max_age",
                              "eligibility.min_age: `min_age` (18) is greater than `max_age` (12)")]


def test_over_long_summary(providers, validate):
    long = "A" * 201
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace(
        "summary: Rehabilitation for sports injuries, chronic back and shoulder pain, and recovery after surgery.",
        f"summary: {long}"))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, long,
                              "summary: is too long: 201 characters, the limit is 200")]


def test_mental_health_service_needs_levels_of_care(providers, validate):
    write(providers, "riverside-physiotherapy.yaml",
          VALID.replace("categories: [physiotherapy]", "categories: [physiotherapy, counselling]"))
    run = validate("providers")
    assert run.out == ["providers/riverside-physiotherapy.yaml:1:1: levels_of_care: is required because "
                       "`counselling` is a mental-health or addiction category; valid levels: self-help, "
                       "peer-support, outpatient, group, intensive-outpatient, partial-hospitalization, residential, "
                       "inpatient, crisis"]


def test_missing_nested_field_points_at_its_mapping(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("    city: Riverside\n", ""))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "name: Main clinic",
                              "locations[0].city: is required but missing")]


def test_in_person_service_needs_a_location_and_contact_needs_one_channel(providers, validate):
    start = VALID.index("locations:")
    text = VALID[:start] + 'contact:\n  fax: "+1 613-555-0101"\nlast_reviewed: 2026-10-01\n'
    write(providers, "riverside-physiotherapy.yaml", text)
    run = validate("providers")
    assert run.out == [
        "providers/riverside-physiotherapy.yaml:1:1: locations: is required because delivery includes `in-person`; "
        "add at least one location with `address` and `city`",
        expect("riverside-physiotherapy.yaml", text, "fax:",
               "contact: needs at least one of `phone`, `email` or `website`"),
    ]


def test_every_error_in_every_file_is_reported(providers, validate):
    write(providers, "a-one.yaml", VALID.replace("Riverside Physiotherapy", "A one")
          .replace("mandate:", "mandat:").replace("typical_days: 7", "typical_days: 9000"))
    write(providers, "b-two.yaml", VALID.replace("Riverside Physiotherapy", "B two").replace("[en, fr]", "[xx]"))
    write(providers, "c-three.yaml", "name: [unclosed\n")
    run = validate("providers")
    files = [line.split(":")[0] for line in run.out]
    assert files == ["providers/a-one.yaml"] * 3 + ["providers/b-two.yaml", "providers/c-three.yaml"]
    assert "wait_time.typical_days: `9000` is out of range; it must be at most 730" in run.out[2]


def test_placeholder_from_the_template_fails(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("Clients can call to book.", "TODO"))
    assert validate("providers").out == [expect("riverside-physiotherapy.yaml", text, "TODO",
                                                "referral.how_to_refer: still contains the placeholder TODO; "
                                                "replace it with real information")]


def test_empty_and_non_mapping_files(providers, validate):
    write(providers, "empty.yaml", "")
    write(providers, "listy.yaml", "- a\n- b\n")
    run = validate("providers")
    assert run.out == [
        'providers/empty.yaml:1:1: the file is empty; start from `python -m directory new "Provider name"`',
        'providers/listy.yaml:1:1: the file is a list, not a mapping of fields; start from '
        '`python -m directory new "Provider name"`',
    ]


def test_github_annotations(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("mandate:", "mandat:"))
    run = validate("providers", "--format", "github")
    line, column = position(text, "mandat:")
    assert run.out == [
        "::error file=providers/riverside-physiotherapy.yaml,line=1,col=1::mandate: is required but missing",
        f"::error file=providers/riverside-physiotherapy.yaml,line={line},col={column}::mandat: unknown field "
        "`mandat` (did you mean `mandate`?)",
    ]


def test_usage_errors_exit_2(validate):
    assert validate("no-such-folder").code == 2
    assert validate("--format", "xml").code == 2


def test_bytes_that_are_not_utf8_text(providers, validate):
    (providers / "riverside-physiotherapy.yaml").write_bytes(b"name: Caf\xe9\n")
    run = validate("providers")
    assert run.out == ["providers/riverside-physiotherapy.yaml:1:10: the file is not plain UTF-8 text (incomplete "
                       "UTF-8 octet sequence at byte 9); save it as UTF-8 without control characters"]


def test_a_number_as_field_name(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID + "1: extra\n")
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "1: extra",
                              "`1` is not a field name; field names are words such as `name`")]


def test_unsafe_yaml_tags_are_refused(providers, validate):
    text = write(providers, "riverside-physiotherapy.yaml", VALID.replace("name: Riverside Physiotherapy",
                                                                          "name: !!python/object:os.system x"))
    run = validate("providers")
    assert run.out == [expect("riverside-physiotherapy.yaml", text, "!!python",
                              "YAML syntax error: could not determine a constructor for the tag "
                              "'tag:yaml.org,2002:python/object:os.system'")]
