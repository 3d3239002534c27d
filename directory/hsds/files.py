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


def unique_terms(services: list[dict]) -> list[dict]:
    """Every taxonomy term the services' attributes use, once, in order of first use."""
    terms: dict[str, dict] = {}
    for attribute in _attributes(services):
        term = attribute.get("taxonomy_term")
        if term:
            terms.setdefault(term["id"], term)
    return list(terms.values())


def compact(services: list[dict]) -> list[dict]:
    """Services as the site publishes them: each attribute keeps its `taxonomy_term_id` but not the term, and
    the service its `organization_id` but not the organization; both are published once (taxonomy_terms.json,
    organizations.json). At 10,000 providers the repeated terms were most of a 138 MB services.json."""
    def strip(node: object) -> object:
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items()
                    if key not in ("taxonomy_term", "organization")}
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node
    return [strip(service) for service in services]


def expand(services: list[dict], terms: list[dict], organizations: list[dict]) -> list[dict]:
    """The inverse of `compact`, as a consumer would re-nest the published files."""
    by_term, by_org = {term["id"]: term for term in terms}, {org["id"]: org for org in organizations}

    def fill(node: object, key: str = "") -> object:
        if isinstance(node, dict):
            out = {name: fill(value, name) for name, value in node.items()}
            if key == "attributes" and "taxonomy_term_id" in node:
                out["taxonomy_term"] = by_term[node["taxonomy_term_id"]]
            return out
        if isinstance(node, list):
            return [fill(item, key) for item in node]
        return node

    expanded = []
    for service in services:
        full = fill(service)
        if service.get("organization_id") in by_org:
            full["organization"] = by_org[service["organization_id"]]
        expanded.append(full)
    return expanded


def _attributes(node: object):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "attributes" and isinstance(value, list):
                yield from (item for item in value if isinstance(item, dict))
            else:
                yield from _attributes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _attributes(item)


def export_files(services: list[dict], *, per_object: bool = True, tabular: bool = True,
                 referenced: bool = False) -> dict[str, str]:
    """{relative path: text} of the export: the API-shaped pages, plus with `per_object` one file per
    service and organization (`services/{id}.json`), plus with `tabular` the CSV tables and datapackage.json.
    With `referenced`, services.json names terms and organizations by id instead of nesting them (`compact`)."""
    organizations = unique_organizations(services)
    files = {"index.json": _json({"version": "3.0", "profile": HSDS_PROFILE}),
             "services.json": _json(page(compact(services) if referenced else services), compact=True),
             "organizations.json": _json(page(organizations), compact=True),
             "taxonomy_terms.json": _json(page(unique_terms(services)), compact=True)}
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
