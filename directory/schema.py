"""The JSON Schema of a profile, generated from the model (descriptions from its Docs) and the taxonomy.

For editors' YAML tooling; committed as schema/provider-profile.schema.json by `docs-data`.
"""
from __future__ import annotations

import json
from functools import lru_cache

from pydantic import BaseModel

from directory.fields import resolve
from directory.model import Profile
from directory.taxonomy import Taxonomy, country_codes, language_names, load_taxonomy

SCHEMA_ID = "https://referral-directory.example/schema/provider-profile.schema.json"


def build_schema(taxonomy: Taxonomy | None = None, model: type[BaseModel] = Profile) -> dict:
    taxonomy = taxonomy or load_taxonomy()
    schema = model.model_json_schema()
    languages = sorted(language_names())
    countries = sorted(country_codes())

    def fill(node: object) -> None:
        if isinstance(node, dict):
            vocabulary = node.pop("x-taxonomy", None)
            if vocabulary:
                node["enum"] = list(taxonomy[vocabulary])
                node.pop("minLength", None)
            named = node.pop("x-vocabulary", None)
            if named:
                node["enum"] = languages if named == "iso-639-1" else countries
                node.pop("minLength", None), node.pop("maxLength", None)
            for value in node.values():
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    fill(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema, "title": "Referral Directory provider profile"}


def render_schema(taxonomy: Taxonomy | None = None, model: type[BaseModel] = Profile) -> str:
    return json.dumps(build_schema(taxonomy, model), indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def _plain_schema() -> dict:
    return Profile.model_json_schema()


def known_fields(loc: tuple) -> list[str]:
    """Field names allowed in the mapping at `loc`, for "did you mean" hints."""
    schema = _plain_schema()
    node = schema
    for step in loc:
        node = resolve(schema, node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    return list(resolve(schema, node).get("properties", {}))

