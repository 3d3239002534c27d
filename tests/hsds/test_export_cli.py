"""`export`: writes only when everything is valid, and says why when it will not."""
from __future__ import annotations

import json
import shutil

from directory.cli import main
from directory.hsds import schemas
from directory.paths import PROVIDERS_DIR


def test_export_layout_mirrors_the_hsds_api(export_dir, exported):
    assert json.loads((export_dir / "index.json").read_text())["version"] == "3.0"
    page = json.loads((export_dir / "services.json").read_text())
    assert page["total_items"] == len(page["contents"]) == len(exported)
    for service in exported:
        assert json.loads((export_dir / "services" / f"{service['id']}.json").read_text()) == service
    organizations = json.loads((export_dir / "organizations.json").read_text())["contents"]
    assert {p.stem for p in (export_dir / "organizations").glob("*.json")} == {o["id"] for o in organizations}


def test_files_of_removed_providers_do_not_linger(tmp_path):
    providers = tmp_path / "providers"
    shutil.copytree(PROVIDERS_DIR, providers)
    out = tmp_path / "out"
    assert main(["export", "hsds", str(out), "--providers", str(providers)]) == 0
    before = len(list((out / "services").glob("*.json")))
    (providers / "harbourview-counselling.yaml").unlink()
    assert main(["export", "hsds", str(out), "--providers", str(providers)]) == 0
    assert len(list((out / "services").glob("*.json"))) == before - 1


def test_invalid_profiles_export_nothing(tmp_path, capsys):
    providers = tmp_path / "providers"
    providers.mkdir()
    (providers / "broken.yaml").write_text("name: Broken\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", "hsds", str(out), "--providers", str(providers)]) == 1
    assert not out.exists()
    assert "nothing exported" in capsys.readouterr().err


def test_missing_schemas_are_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(schemas, "SCHEMA_DIR", tmp_path / "nowhere")
    schemas.validator.cache_clear()
    try:
        assert main(["export", "hsds", str(tmp_path / "out")]) == 2
    finally:
        schemas.validator.cache_clear()
    assert "directory/hsds/official" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
