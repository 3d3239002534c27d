"""Writes an HSDS export folder: API-shaped JSON pages, one file per object, and the tabular form.

The layout mirrors the HSDS API paths (`/services`, `/services/{id}`, ...), so the folder can be served
as a read-only HSDS API from any static host.
"""
from __future__ import annotations

import json
from pathlib import Path

from directory.hsds.tabular import write_tables

HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"


def page(contents: list[dict]) -> dict:
    """All objects on one page, in the HSDS API's paginated shape."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1, "size": len(contents),
            "first_page": True, "last_page": True, "empty": not contents, "contents": contents}


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _fresh(folder: Path, pattern: str) -> Path:
    """An output subfolder without files left from providers that have since been removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(pattern):
        old.unlink()
    return folder


def unique_organizations(services: list[dict]) -> list[dict]:
    return list({s["organization"]["id"]: s["organization"] for s in services if "organization" in s}.values())


def write_export(services: list[dict], out: Path) -> list[Path]:
    """Every file of the export under `out`; returns them in the order written."""
    out.mkdir(parents=True, exist_ok=True)
    organizations = unique_organizations(services)
    written = [_write_json(out / "index.json", {"version": "3.0", "profile": HSDS_PROFILE}),
               _write_json(out / "services.json", page(services)),
               _write_json(out / "organizations.json", page(organizations))]
    for name, objects in (("services", services), ("organizations", organizations)):
        folder = _fresh(out / name, "*.json")
        written += [_write_json(folder / f"{obj['id']}.json", obj) for obj in objects]
    written += write_tables(services, _fresh(out / "tabular", "*.csv"))
    return written
