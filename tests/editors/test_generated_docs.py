"""Each profile field is declared once: the files generated from the model are current, and a field added
in one place (the model) reaches the schema, both templates, the field reference and the CSV."""
from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Annotated

import yaml
from pydantic import Field, create_model

from directory.catalog import load_catalog
from directory.cli import main
from directory.docs_data import MissingRegion, replace_region, stale, write
from directory.exports.plain_csv import directory_csv
from directory.fields import Doc
from directory.model import Profile
from directory.paths import REPO_ROOT
from directory.templates import new_template

# A capacity field, as a later issue will add it: declared here and nowhere else.
Extended = create_model("Extended", __base__=Profile, capacity=(Annotated[int | None, Field(ge=0, le=999), Doc(
    "Clients the service can take on this month.", example="12", hint="new clients this month",
    csv="capacity_this_month")], None))


def _region(text: str, name: str) -> str:
    return text.split(f"<!-- BEGIN generated: {name} -->\n")[1].split(f"<!-- END generated: {name} -->")[0]


def test_the_committed_generated_files_are_current(capsys):
    assert stale() == [], "run `make docs-data` and commit the result"
    assert main(["docs-data", "--check"]) == 0
    assert "all current" in capsys.readouterr().out


def test_a_field_declared_once_reaches_every_generated_file(tmp_path):
    shutil.copy(REPO_ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    assert stale(tmp_path, Extended) == ["schema/provider-profile.schema.json", "CONTRIBUTING.md"]
    write(tmp_path, Extended)
    assert stale(tmp_path, Extended) == [] and len(stale(tmp_path)) == 2  # the real model lacks it

    schema = json.loads((tmp_path / "schema" / "provider-profile.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["capacity"]["description"] == "Clients the service can take on this month."

    contributing = (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = _region(contributing, "profile template").split("```yaml\n")[1].split("```")[0]
    assert "capacity: 12                  # new clients this month" in example
    assert Extended.model_validate(yaml.safe_load(example)).capacity == 12
    reference = _region(contributing, "field reference")
    assert "| `capacity` | no | whole number 0–999 | Clients the service can take on this month. | none |" in reference
    assert "`capacity_this_month`" in _region(contributing, "plain CSV columns")

    assert "# capacity: TODO              # new clients this month" in new_template(Extended)

    catalog = load_catalog()
    profile = Extended.model_validate({**catalog.get("harbourview-counselling").model_dump(), "capacity": 3})
    (row,) = csv.DictReader(io.StringIO(directory_csv([profile], catalog.taxonomy, Extended)))
    assert row["capacity_this_month"] == "3" and row["languages"] == "English; French"


def test_a_missing_region_is_named():
    try:
        replace_region("no markers here", "field reference", "x", "CONTRIBUTING.md")
    except MissingRegion as error:
        assert "<!-- BEGIN generated: field reference -->" in str(error)
    else:
        raise AssertionError("a file without its markers must not be rewritten silently")
