"""The committed sample directory, the committed JSON Schema and the `new` template stay honest."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import jsonschema
import yaml

from directory.catalog import load_catalog
from directory.cli import main
from directory.paths import PROVIDERS_DIR, SCHEMA_FILE
from directory.schema import build_schema, render_schema
from directory.taxonomy import load_taxonomy

FICTIONAL_PHONE = re.compile(r"^\+1 \d{3}-555-01\d\d$")


def test_sample_providers_are_valid_and_cover_every_category_and_level():
    catalog = load_catalog()
    assert len(catalog.profiles) >= 40
    taxonomy = load_taxonomy()
    used = {vocab: set() for vocab in ("categories", "levels_of_care")}
    for profile in catalog.profiles:
        used["categories"].update(profile.categories)
        used["levels_of_care"].update(profile.levels_of_care)
    assert used["categories"] == set(taxonomy["categories"])
    assert used["levels_of_care"] == set(taxonomy["levels_of_care"])


def test_sample_contact_details_are_fictional():
    for profile in load_catalog().profiles:
        for number in (profile.contact.phone, profile.contact.fax):
            assert number is None or FICTIONAL_PHONE.match(number), (profile.slug, number)
        for address in (profile.contact.email, profile.contact.website, profile.referral.email):
            domain = address and (address.split("@")[-1] if "@" in address else urlsplit(address).hostname)
            assert address is None or domain.endswith(".example"), (profile.slug, address)


def test_committed_schema_equals_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(), \
        "schema/provider-profile.schema.json is stale: run `make docs-data` and commit it"


def test_schema_accepts_every_sample_and_rejects_typos():
    validator = jsonschema.Draft202012Validator(build_schema())
    for path in sorted(PROVIDERS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["last_reviewed"] = str(data["last_reviewed"])
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(data, default=str)))]
        assert errors == [], path.name
    sample = yaml.safe_load(next(PROVIDERS_DIR.glob("*.yaml")).read_text(encoding="utf-8"))
    sample["mandat"] = sample.pop("mandate")
    sample["last_reviewed"] = str(sample["last_reviewed"])
    messages = " ".join(e.message for e in validator.iter_errors(sample))
    assert "'mandate' is a required property" in messages and "'mandat' was unexpected" in messages


def test_new_writes_a_template_that_fails_only_until_filled_in(tmp_path, capsys):
    assert main(["new", "Café Ñandú Counselling", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "cafe-nandu-counselling.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    assert main(["new", "Café Ñandú Counselling", "--dir", str(tmp_path)]) == 1  # never overwrites

    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "still contains the placeholder TODO" in out and "unknown field" not in out

    filled = path.read_text(encoding="utf-8")
    replacements = {
        "TODO one line, at most 200 characters, shown in search results": "Short-term counselling for adults.",
        "categories: [TODO]": "categories: [counselling]",
        "levels_of_care: [TODO]": "levels_of_care: [outpatient]",
        "options: [TODO]": "options: [free]",
        '"TODO +1 613-555-0100"': '"+1 613-555-0150"',
    }
    for old, new in replacements.items():
        assert old in filled
        filled = filled.replace(old, new)
    filled = re.sub(r"TODO ?", "Filled ", filled)
    path.write_text(filled, encoding="utf-8")
    assert main(["validate", str(path)]) == 0, capsys.readouterr().out
