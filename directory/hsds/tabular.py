"""HSDS tabular form: the nested services flattened into one CSV per object type, described by datapackage.json.

The tables, their columns and their links come from the official per-object schemas, so a new HSDS
field or table needs no change here.
"""
from __future__ import annotations

import csv
import io
import json
from functools import lru_cache

from directory.hsds.schemas import table_schema

ROOT = "service"
TABLESCHEMA_FORMATS = {"uuid", "uri", "email"}  # string formats Frictionless Table Schema knows


def _child_kind(prop: dict) -> str | None:
    ref = prop.get("$ref") or (prop.get("items") or {}).get("$ref")
    return ref.removesuffix(".json") if ref else None


@lru_cache(maxsize=None)
def _layout(kind: str) -> tuple[tuple[str, str | None], ...]:
    """(property, object type it nests or None) for each property of `kind`, in schema order."""
    return tuple((name, _child_kind(prop)) for name, prop in table_schema(kind)["properties"].items())


def columns(kind: str) -> list[str]:
    return [name for name, child in _layout(kind) if not child]


def flatten(services: list[dict]) -> dict[str, list[dict]]:
    """{object type: rows}; objects shared by several services (organizations, terms) appear once."""
    tables: dict[str, dict[str, dict]] = {}
    for service in services:
        _walk(ROOT, service, None, tables)
    return {kind: list(rows.values()) for kind, rows in tables.items()}


def _walk(kind: str, obj: dict, parent: tuple[str, str] | None, tables: dict[str, dict[str, dict]]) -> None:
    row = {}
    for name, child in _layout(kind):
        value = obj.get(name)
        if child:
            for item in value if isinstance(value, list) else [value] if value else []:
                _walk(child, item, (kind, obj["id"]), tables)
        elif value is not None:
            row[name] = value
    if parent:
        parent_kind, parent_id = parent
        if kind == "attribute":
            row.setdefault("link_id", parent_id)
            row.setdefault("link_entity", parent_kind)
        elif f"{parent_kind}_id" in table_schema(kind)["properties"]:
            row.setdefault(f"{parent_kind}_id", parent_id)
    tables.setdefault(kind, {}).setdefault(row["id"], row)


def tabular_files(services: list[dict]) -> dict[str, str]:
    """{file name: text}: one CSV per object type that has rows, then datapackage.json describing them."""
    tables = flatten(services)
    kinds = sorted(tables, key=lambda k: table_schema(k)["datapackage_metadata"]["order"])
    files = {}
    for kind in kinds:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns(kind), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(tables[kind])
        files[table_schema(kind)["path"]] = out.getvalue()
    files["datapackage.json"] = json.dumps(datapackage(kinds), indent=2, ensure_ascii=False) + "\n"
    return files


def datapackage(kinds: list[str]) -> dict:
    """A Frictionless tabular data package naming each CSV, its typed columns, key and links."""
    resources = {kind: table_schema(kind)["path"].removesuffix(".csv") for kind in kinds}
    return {
        "name": "referral-directory-hsds",
        "title": "Referral Directory in Open Referral HSDS 3.0 tabular form",
        "profile": "tabular-data-package",
        "resources": [_resource(kind, resources) for kind in kinds],
    }


def _resource(kind: str, resources: dict[str, str]) -> dict:
    schema = table_schema(kind)
    required = set(schema.get("required", [])) | set(schema.get("tabular_required") or [])
    fields, foreign_keys = [], []
    for name in columns(kind):
        prop = schema["properties"][name]
        field = {"name": name, "type": prop.get("datapackage_type", prop.get("type", "string")),
                 "description": prop.get("description", "")}
        if prop.get("format") in TABLESCHEMA_FORMATS:
            field["format"] = prop["format"]
        constraints = dict(prop.get("constraints") or {})
        if name in required:
            constraints["required"] = True
        if "enum" in prop:
            constraints["enum"] = prop["enum"]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
        target = name.removesuffix("_id") if name != "id" and name.endswith("_id") else None
        if target in resources:
            foreign_keys.append({"fields": name, "reference": {"resource": resources[target], "fields": "id"}})
    return {"name": resources[kind], "path": schema["path"], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": "id",
                       "foreignKeys": foreign_keys}}
