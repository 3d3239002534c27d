"""The files generated from the profile model, and the one way to rewrite or check them.

A field added to the model reaches the JSON Schema and CONTRIBUTING.md (its complete profile, its field
reference, the plain CSV's columns) through `write`; `stale` is what the tests and `--check` ask. Generated
parts of CONTRIBUTING.md sit between `<!-- BEGIN generated: NAME -->` and `<!-- END generated: NAME -->`,
so the prose around them stays hand-written.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from directory.model import Profile
from directory.paths import REPO_ROOT
from directory.reference import csv_columns_line, field_reference
from directory.schema import render_schema
from directory.taxonomy import Taxonomy, load_taxonomy
from directory.templates import example_profile


@dataclass(frozen=True)
class Generated:
    path: str                                          # relative to the repository
    region: str | None                                 # a marked region of it, or None for the whole file
    render: Callable[[type[BaseModel], Taxonomy], str]


GENERATED: list[Generated] = [
    Generated("schema/provider-profile.schema.json", None, lambda model, taxonomy: render_schema(taxonomy, model)),
    Generated("CONTRIBUTING.md", "profile template", lambda model, _: f"```yaml\n{example_profile(model)}```\n"),
    Generated("CONTRIBUTING.md", "field reference", lambda model, taxonomy: field_reference(taxonomy, model)),
    Generated("CONTRIBUTING.md", "plain CSV columns", lambda model, _: csv_columns_line(model)),
]


class MissingRegion(Exception):
    pass


def replace_region(text: str, region: str, body: str, path: str) -> str:
    begin, end = f"<!-- BEGIN generated: {region} -->\n", f"<!-- END generated: {region} -->"
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < start:
        raise MissingRegion(f"{path} has no `{begin.strip()}` ... `{end}` pair; put it where `{region}` goes")
    return text[:start + len(begin)] + body + text[stop:]


def render_all(root: Path = REPO_ROOT, model: type[BaseModel] = Profile,
               taxonomy: Taxonomy | None = None) -> dict[str, str]:
    """{relative path: its new text}, each region filled in the file's current text."""
    taxonomy = taxonomy or load_taxonomy()
    texts: dict[str, str] = {}
    for item in GENERATED:
        body = item.render(model, taxonomy)
        if item.region is None:
            texts[item.path] = body
        else:
            current = texts.get(item.path) or (root / item.path).read_text(encoding="utf-8")
            texts[item.path] = replace_region(current, item.region, body, item.path)
    return texts


def _changes(root: Path, model: type[BaseModel], taxonomy: Taxonomy | None) -> dict[str, str]:
    return {path: text for path, text in render_all(root, model, taxonomy).items()
            if not (root / path).exists() or (root / path).read_text(encoding="utf-8") != text}


def stale(root: Path = REPO_ROOT, model: type[BaseModel] = Profile, taxonomy: Taxonomy | None = None) -> list[str]:
    """The generated files whose committed text differs from what the model says."""
    return list(_changes(root, model, taxonomy))


def write(root: Path = REPO_ROOT, model: type[BaseModel] = Profile, taxonomy: Taxonomy | None = None) -> list[str]:
    """Rewrites the stale generated files; returns their paths."""
    changes = _changes(root, model, taxonomy)
    for path, text in changes.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return list(changes)
