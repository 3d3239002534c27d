"""Writes an HSDS export folder: API-shaped JSON pages, one file per object, and the tabular form.

The layout mirrors the HSDS API paths (`/services`, `/services/{id}`, ...), so the folder can be served
as a read-only HSDS API from any static host.
"""
from __future__ import annotations

import json
from pathlib import Path

from directory.hsds.tabular import tabular_files

HSDS_PROFILE = "https://docs.openreferral.org/en/latest/hsds/"
TABULAR = "tabular"


def page(contents: list[dict]) -> dict:
    """All objects on one page, in the HSDS API's paginated shape."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1, "size": len(contents),
            "first_page": True, "last_page": True, "empty": not contents, "contents": contents}


def _json(data: object, *, compact: bool = False) -> str:
    """Indented for one object someone may read; compact for the bulk pages (a third smaller)."""
    if compact:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def unique_organizations(services: list[dict]) -> list[dict]:
    return list({s["organization"]["id"]: s["organization"] for s in services if "organization" in s}.values())


def export_files(services: list[dict], *, per_object: bool = True, tabular: bool = True) -> dict[str, str]:
    """{relative path: text} of the export: the API-shaped pages, plus with `per_object` one file per
    service and organization (`services/{id}.json`), plus with `tabular` the CSV tables and datapackage.json."""
    organizations = unique_organizations(services)
    files = {"index.json": _json({"version": "3.0", "profile": HSDS_PROFILE}),
             "services.json": _json(page(services), compact=True),
             "organizations.json": _json(page(organizations), compact=True)}
    if per_object:
        for folder, objects in (("services", services), ("organizations", organizations)):
            files.update({f"{folder}/{obj['id']}.json": _json(obj) for obj in objects})
    if tabular:
        files.update({f"{TABULAR}/{name}": text for name, text in tabular_files(services).items()})
    return files


def write_export(services: list[dict], out: Path) -> list[Path]:
    """Writes the export under `out`, first removing files a removed provider left; returns the files written."""
    for folder, pattern in (("services", "*.json"), ("organizations", "*.json"), (TABULAR, "*.csv")):
        for old in (out / folder).glob(pattern):
            old.unlink()
    written = []
    for relative, text in export_files(services).items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
