"""Fixtures for the editors' tools: a small folder of profiles with chosen review dates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from directory.paths import REPO_ROOT

BASE = (REPO_ROOT / "providers" / "harbourview-counselling.yaml").read_text(encoding="utf-8")


def write_profile(folder: Path, slug: str, last_reviewed: str, *, status: str = "active",
                  name: str | None = None) -> Path:
    """A copy of a real sample profile with its own name, status and review date."""
    text = re.sub(r"(?m)^last_reviewed: .*$", f"last_reviewed: {last_reviewed}", BASE)
    text = re.sub(r"(?m)^name: .*$", f"name: {name or slug.replace('-', ' ').title()}\nstatus: {status}", text)
    path = folder / f"{slug}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def providers(tmp_path) -> Path:
    folder = tmp_path / "providers"
    folder.mkdir()
    write_profile(folder, "fresh-clinic", "2026-06-01")
    write_profile(folder, "edge-clinic", "2025-11-22")       # exactly 12 months before TODAY: not yet due
    write_profile(folder, "just-due-clinic", "2025-11-21")   # one day older: due
    write_profile(folder, "oldest-clinic", "2024-02-29")
    write_profile(folder, "middle-clinic", "2025-03-31")
    write_profile(folder, "closed-clinic", "2023-01-01", status="inactive")
    return folder
