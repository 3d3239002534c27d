"""What is said about each profile field, stated once beside it in `model.py`, and a walk over them.

The JSON Schema, `new`'s template, CONTRIBUTING.md's template and field reference, the plain CSV and the
provider page read `Doc`s through `documented(model)`, so a new field is one declaration in the model.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Doc:
    """One field's documentation. `example` and `draft` are YAML text, written as an editor would."""

    meaning: str                    # the JSON Schema description and the reference's "meaning"
    example: str | None = None      # its value in CONTRIBUTING.md's complete profile (None: left out there)
    draft: str | None = None        # its value in `new`'s template (None: a commented-out `TODO` if optional)
    hint: str = ""                  # the comment beside it in both templates
    values: str = ""                # the reference's "type and values", when the type alone does not say it
    required: str = ""              # the reference's "required", when a rule rather than the type decides it
    hsds: str = ""                  # where HSDS 3.0 carries it ("" : nowhere)
    csv: str = ""                   # its column in the plain CSV ("" : not there)
    cell: Callable[[Any], str] | None = None  # how the CSV writes it, when labels, yes/no or text do not fit
    label: str = ""                 # how people read its name (the provider page); default from the name

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        schema = handler(core_schema)
        schema["description"] = self.meaning
        return schema


@dataclass(frozen=True)
class Documented:
    """A field found by `documented`: where it is, its pydantic info, its Doc and its own JSON Schema."""

    path: tuple[str, ...]
    dotted: str                     # `referral.how_to_refer`, `locations[].city`: as editors write it
    info: FieldInfo
    doc: Doc
    schema: dict                    # $refs resolved, the `null` of an optional field dropped
    submodel: type[BaseModel] | None

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def label(self) -> str:
        return self.doc.label or self.name.replace("_", " ").capitalize()

    @property
    def is_list(self) -> bool:
        return self.schema.get("type") == "array"

    def value(self, obj: BaseModel) -> Any:
        """This field's value in a profile, or None where a mapping on the way is absent."""
        for step in self.path:
            obj = getattr(obj, step) if obj is not None else None
        return obj


def doc_of(info: FieldInfo) -> Doc | None:
    return next((item for item in info.metadata if isinstance(item, Doc)), None)


def documented(model: type[BaseModel]) -> list[Documented]:
    """Every field that has a Doc, depth first in declaration order (a mapping before its fields)."""
    schema = model.model_json_schema(mode="validation")
    return list(_walk(model, schema, resolve(schema, schema), (), ""))


def _walk(model, root: dict, node: dict, path: tuple, prefix: str):
    for name, info in model.model_fields.items():
        doc = doc_of(info)
        if doc is None:
            continue
        own = resolve(root, node["properties"][name])
        items = resolve(root, own.get("items", {})) if own.get("type") == "array" else own
        submodel = _submodel(info.annotation)
        found = Documented(path + (name,), prefix + name, info, doc, own, submodel)
        yield found
        if submodel is not None:
            yield from _walk(submodel, root, items, found.path, prefix + name + ("[]." if found.is_list else "."))


def _submodel(annotation) -> type[BaseModel] | None:
    """The model inside `Eligibility | None` or `list[Location]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in getattr(annotation, "__args__", ()) if (m := _submodel(arg))), None)


def resolve(root: dict, node: dict) -> dict:
    """Follow `$ref`s and drop the `null` branch of an optional value."""
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            node = next((n for n in node["anyOf"] if n.get("type") != "null"), {})
        else:
            return node
