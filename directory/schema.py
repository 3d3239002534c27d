"""The JSON Schema of a profile, generated from the model and the taxonomy, for editors' YAML tooling."""
from __future__ import annotations

import json
from functools import lru_cache

from directory.model import Profile
from directory.taxonomy import Taxonomy, country_codes, language_names, load_taxonomy

SCHEMA_ID = "https://referral-directory.example/schema/provider-profile.schema.json"

DESCRIPTIONS = {
    "name": "The name clients and clinicians know.",
    "organization": "Parent organization, if different from the name.",
    "status": "Inactive providers are not listed.",
    "summary": "One line, at most 200 characters; shown in search results and lists.",
    "categories": "What kind of service.",
    "levels_of_care": "Intensity of care; required for mental-health and addiction categories.",
    "mandate": "Who they exist to serve and what for.",
    "strengths": "What they do well.",
    "weaknesses": "Limitations a referrer must know: waitlist, no evenings, no wheelchair access...",
    "services": "For example \"Cognitive behavioural therapy (CBT)\".",
    "populations": "Who it is for.",
    "eligibility": "Who can use the service: ages and catchment area.",
    "referral": "How a referral is made.",
    "wait_time": "Expected days from referral to first contact.",
    "accepting_new_clients": "Whether the service takes new clients now.",
    "fees": "How the service is paid for.",
    "languages": "ISO 639-1 codes of the languages the service is offered in (en, fr, es...).",
    "delivery": "How the service is delivered.",
    "accessibility": "For example \"Step-free entrance\".",
    "locations": "Required unless delivery is only telehealth or phone.",
    "contact": "At least one of phone, email or website.",
    "last_reviewed": "YYYY-MM-DD: when a person last verified this profile.",
    "reviewed_by": "Who verified it (a role is enough).",
}


def build_schema(taxonomy: Taxonomy | None = None) -> dict:
    taxonomy = taxonomy or load_taxonomy()
    schema = Profile.model_json_schema()
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
    for name, prop in schema["properties"].items():
        if name in DESCRIPTIONS:
            prop["description"] = DESCRIPTIONS[name]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            **schema, "title": "Referral Directory provider profile"}


def render_schema(taxonomy: Taxonomy | None = None) -> str:
    return json.dumps(build_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def _plain_schema() -> dict:
    return Profile.model_json_schema()


def known_fields(loc: tuple) -> list[str]:
    """Field names allowed in the mapping at `loc`, for "did you mean" hints."""
    schema = _plain_schema()
    node = schema
    for step in loc:
        node = _resolve(schema, node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    return list(_resolve(schema, node).get("properties", {}))


def _resolve(schema: dict, node: dict) -> dict:
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            node = next((n for n in node["anyOf"] if n.get("type") != "null"), {})
        else:
            return node
