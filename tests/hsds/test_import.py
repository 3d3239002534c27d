"""`import hsds`: foreign HSDS data becomes a draft, bad input gets a clear message and overwrites nothing."""
from __future__ import annotations

import json
from datetime import date

from directory import yamlsource
from directory.cli import main
from directory.hsds.schemas import SCHEMA_DIR

OFFICIAL_EXAMPLE = SCHEMA_DIR.parent / "examples" / "service_full.json"


def test_the_official_example_service_becomes_a_draft(tmp_path, capsys):
    assert main(["import", "hsds", str(OFFICIAL_EXAMPLE), "--dir", str(tmp_path)]) == 0
    (draft_file,) = tmp_path.glob("*.yaml")
    assert draft_file.name == "community-counselling.yaml"
    data = yamlsource.parse(draft_file.read_bytes())
    assert data["name"] == "Community Counselling"
    assert data["organization"] == "Example Organization Inc."
    assert data["languages"] == ["ur"]
    assert data["last_reviewed"] == date(2005, 1, 1)
    assert data["eligibility"]["min_age"] == 12 and data["eligibility"]["max_age"] == 100
    assert data["locations"][0]["city"] == "MyCity" and data["locations"][0]["country"] == "US"
    # Its taxonomy is not ours, so the editor must pick categories and delivery.
    assert "TODO" in data["categories"][0] and "TODO" in data["delivery"][0]
    assert "TODO" in data["mandate"] and "TODO" in data["accepting_new_clients"]
    assert str(draft_file) in capsys.readouterr().out


def _service_file(tmp_path, services) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    return str(path)


def test_a_page_of_services_is_imported_whole(tmp_path, exported):
    page = {"total_items": 2, "contents": exported[:2]}
    out = tmp_path / "drafts"
    assert main(["import", "hsds", _service_file(tmp_path, page), "--dir", str(out)]) == 0
    assert len(list(out.glob("*.yaml"))) == 2


def test_invalid_hsds_is_refused_with_the_reason_and_others_still_import(tmp_path, exported, capsys):
    broken = dict(exported[0], status="open")
    out = tmp_path / "drafts"
    assert main(["import", "hsds", _service_file(tmp_path, [broken, exported[1]]), "--dir", str(out)]) == 1
    assert [p.stem for p in out.glob("*.yaml")] == [_slug_of(exported[1])]
    err = capsys.readouterr().err
    assert "is not valid HSDS 3.0" in err and "status: 'open' is not one of" in err


def _slug_of(service: dict) -> str:
    return next(a["value"] for a in service["attributes"] if a["taxonomy_term"]["code"] == "slug")


def test_an_existing_profile_is_never_overwritten(tmp_path, exported, capsys):
    existing = tmp_path / f"{_slug_of(exported[0])}.yaml"
    existing.write_text("name: keep me\n", encoding="utf-8")
    assert main(["import", "hsds", _service_file(tmp_path, exported[0]), "--dir", str(tmp_path)]) == 1
    assert existing.read_text(encoding="utf-8") == "name: keep me\n"
    assert "already exists; not overwritten" in capsys.readouterr().err


def test_unreadable_input_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["import", "hsds", str(bad), "--dir", str(tmp_path)]) == 2
    assert "not JSON" in capsys.readouterr().err
    assert main(["import", "hsds", str(tmp_path / "missing.json"), "--dir", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["import", "hsds", str(bad), "--dir", str(tmp_path)]) == 2
    assert list(tmp_path.glob("*.yaml")) == []
