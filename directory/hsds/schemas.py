"""The official HSDS 3.0 JSON Schemas, read from ../shared/hsds-3.0 (as in CI) unless the environment says otherwise."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import jsonschema

from directory.paths import REPO_ROOT

SCHEMA_DIR = Path(os.environ.get("REFERRAL_DIRECTORY_HSDS_SCHEMAS", REPO_ROOT.parent / "shared" / "hsds-3.0" / "schema"))
# Formats the HSDS schemas use; a missing optional checker package would silently skip one.
REQUIRED_FORMATS = ("uuid", "uri", "email", "date-time")


class SchemaMissing(FileNotFoundError):
    """The HSDS schemas are not where we look; say where and how to point elsewhere."""


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaMissing(f"{path}: HSDS 3.0 schema not found; put the schemas in ../shared/hsds-3.0 or set "
                            "REFERRAL_DIRECTORY_HSDS_SCHEMAS to their `schema` folder") from None


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


def schema_errors(kind: str, instance: dict) -> list[str]:
    """Every way `instance` breaks the official schema, as `path: message` lines."""
    errors = sorted(validator(kind).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
