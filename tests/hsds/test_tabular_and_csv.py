"""The HSDS tabular export and the plain CSV: consistent tables, working links, safe cells."""
from __future__ import annotations

import csv
import io
import json

from directory.cli import main
from directory.exports.plain_csv import COLUMNS, directory_csv


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_datapackage_describes_every_csv_and_links_resolve(export_dir, exported):
    folder = export_dir / "tabular"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    tables = {}
    for resource in package["resources"]:
        path = folder / resource["path"]
        with open(path, encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["name"]
        rows = _read(path)
        ids = [row["id"] for row in rows]
        assert len(ids) == len(set(ids)), f"duplicate ids in {resource['path']}"
        tables[resource["name"]] = (resource, rows, set(ids))
    assert {p.name for p in folder.glob("*.csv")} == {r["path"] for r, _, _ in tables.values()}
    assert len(tables["services"][1]) == len(exported)
    links = 0
    for resource, rows, _ in tables.values():
        for key in resource["schema"]["foreignKeys"]:
            targets = tables[key["reference"]["resource"]][2]
            for row in rows:
                if row[key["fields"]]:
                    assert row[key["fields"]] in targets, (resource["name"], key["fields"])
                    links += 1
    assert links > len(exported)


def test_every_nested_object_has_its_row(export_dir, exported):
    folder = export_dir / "tabular"
    phones = {row["id"]: row for row in _read(folder / "phones.csv")}
    attributes = {row["id"]: row for row in _read(folder / "attributes.csv")}
    for service in exported:
        for phone in service.get("phones", []):
            assert phones[phone["id"]]["service_id"] == service["id"]
            assert phones[phone["id"]]["number"] == phone["number"]
        for attribute in service["attributes"]:
            assert attributes[attribute["id"]]["link_id"] == service["id"]
            assert attributes[attribute["id"]]["link_entity"] == "service"


def test_plain_csv_has_one_row_per_listed_provider(tmp_path, catalog):
    out = tmp_path / "directory.csv"
    assert main(["export", "csv", str(out)]) == 0
    rows = _read(out)
    assert tuple(rows[0]) == COLUMNS
    assert [row["slug"] for row in rows] == [p.slug for p in catalog.listed]
    assert len(rows) < len(catalog.profiles)  # the sample has an inactive provider, which is not listed
    harbourview = next(row for row in rows if row["slug"] == "harbourview-counselling")
    assert harbourview["languages"] == "English; French"
    assert harbourview["phone"] == "+1 613-555-0116"


def test_cells_that_look_like_formulas_are_defused(catalog):
    profile = catalog.get("harbourview-counselling")
    tricky = profile.model_copy(update={"summary": "=HYPERLINK(\"http://evil.example\")",
                                        "organization": "@SUM(1)", "name": "-2+3"})
    row = next(csv.DictReader(io.StringIO(directory_csv([tricky], catalog.taxonomy))))
    assert row["summary"].startswith("'=") and row["organization"] == "'@SUM(1)" and row["name"] == "'-2+3"
    assert row["phone"] == "+1 613-555-0116"
