"""CONTRIBUTING.md's field reference table, written from the model's Docs and its types.

"type and values" comes from the type (lengths, ranges, taxonomy vocabularies) unless a Doc says more.
"""
from __future__ import annotations

from pydantic import BaseModel

from directory.exports.plain_csv import columns
from directory.fields import Documented, documented
from directory.model import Profile
from directory.taxonomy import Taxonomy

LISTED_IDS = 5  # a vocabulary this small has its ids in the table, not only the link to taxonomy.yaml
NAMED_VOCABULARIES = {"iso-639-1": "ISO 639-1 code", "iso-3166-1-alpha-2": "ISO 3166-1 code"}
VOCABULARY_EXAMPLES = {"iso-639-1": "`en`, `fr`, `es`…", "iso-3166-1-alpha-2": "`CA`"}


def field_reference(taxonomy: Taxonomy, model: type[BaseModel] = Profile) -> str:
    rows = ["| field | required | type and values | meaning | HSDS 3.0 |", "|---|---|---|---|---|"]
    for field in documented(model):
        cells = (f"`{field.dotted}`", _required(field), field.doc.values or _values(field, taxonomy),
                 field.doc.meaning, _hsds(field))
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def csv_columns_line(model: type[BaseModel] = Profile) -> str:
    return "Its columns: " + ", ".join(f"`{column.name}`" for column in columns(model)) + ".\n"


def _required(field: Documented) -> str:
    if field.doc.required:
        return field.doc.required
    if not field.required:
        return "no"
    return "yes, at least 1" if field.schema.get("minItems") else "yes"


def _hsds(field: Documented) -> str:
    if field.doc.hsds or field.submodel is not None:
        return field.doc.hsds
    return "none (TODO on import)" if field.required else "none"


def _values(field: Documented, taxonomy: Taxonomy) -> str:
    if field.submodel is not None:
        return "list of mappings" if field.is_list else "mapping"
    if field.is_list:
        return _kind(field.schema.get("items", {}), taxonomy, None, plural=True)
    return _kind(field.schema, taxonomy, field.info.default, plural=False)


def _kind(schema: dict, taxonomy: Taxonomy, default: object, plural: bool) -> str:
    if "x-taxonomy" in schema:
        vocabulary = schema["x-taxonomy"]
        ids = list(taxonomy[vocabulary])
        listed = ": " + ", ".join(f"`{term}`" for term in ids) if len(ids) <= LISTED_IDS else ""
        return f"[`{vocabulary}` ids](taxonomy.yaml){listed}"
    if "x-vocabulary" in schema:
        named = schema["x-vocabulary"]
        return f"{NAMED_VOCABULARIES[named]}{'s' if plural else ''}, e.g. {VOCABULARY_EXAMPLES[named]}"
    if "enum" in schema:
        return ", ".join(f"`{value}`" + (" (default)" if value == default else "") for value in schema["enum"])
    kind = schema.get("type")
    if kind == "boolean":
        text = "`true` or `false`"
    elif kind == "integer":
        text = f"whole number {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    elif schema.get("format") == "date":
        text = "date `YYYY-MM-DD`"
    else:
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        text = f"text, {low}–{high} characters" if high else "text"
    return f"list of {text}" if plural else text
