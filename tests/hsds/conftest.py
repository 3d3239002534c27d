"""Fixtures for the HSDS tests: the sample directory, its export written by the real CLI, and drafts imported back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from directory.catalog import load_catalog
from directory.cli import main
from directory.paths import PROVIDERS_DIR


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hsds")
    assert main(["export", "hsds", str(out), "--providers", str(PROVIDERS_DIR)]) == 0
    return out


@pytest.fixture(scope="session")
def exported(export_dir) -> list[dict]:
    return json.loads((export_dir / "services.json").read_text(encoding="utf-8"))["contents"]


@pytest.fixture(scope="session")
def drafts_dir(export_dir, tmp_path_factory) -> Path:
    """The exported services.json imported back with the real CLI."""
    out = tmp_path_factory.mktemp("drafts")
    assert main(["import", "hsds", str(export_dir / "services.json"), "--dir", str(out)]) == 0
    return out
