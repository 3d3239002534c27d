"""The official HSDS 3.0 JSON Schemas, vendored in `official/` (see its README for where they came from)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema

SCHEMA_DIR = Path(__file__).resolve().parent / "official" / "schema"
# Formats the HSDS schemas use; a missing optional checker package would silently skip one.
REQUIRED_FORMATS = ("uuid", "uri", "email", "date-time")


class SchemaMissing(FileNotFoundError):
    """A vendored schema file is missing: the checkout or the installed package is incomplete."""


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaMissing(f"{path}: HSDS 3.0 schema not found; it ships with the project in "
                            "directory/hsds/official (reinstall or check out the repository again)") from None


@lru_cache(maxsize=None)
def table_schema(name: str) -> dict:
    """One object's own schema (e.g. `phone`): its fields, CSV file name and the tables it links to."""
    return _read(SCHEMA_DIR / f"{name}.json")


@lru_cache(maxsize=None)
def validator(kind: str) -> jsonschema.protocols.Validator:
    """A validator for a whole nested `service` or `organization`, checking formats such as uuid and uri."""
    schema = _read(SCHEMA_DIR / "compiled" / f"{kind}.json")
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    missing = [f for f in REQUIRED_FORMATS if f not in cls.FORMAT_CHECKER.checkers]
    if missing:
        raise RuntimeError(f"jsonschema cannot check the formats {missing}; install the pinned dependencies")
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def term_validator() -> jsonschema.protocols.Validator:
    """A `taxonomy_term` as the compiled service schema nests it in an attribute, for terms published alone."""
    service = validator("service")
    schema = service.schema["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    return type(service)(schema, format_checker=service.format_checker)


def schema_errors(kind: str, instance: dict) -> list[str]:
    """Every way `instance` breaks the official schema (`service`, `organization` or `taxonomy_term`), as
    `path: message` lines."""
    checker = term_validator() if kind == "taxonomy_term" else validator(kind)
    errors = sorted(checker.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
