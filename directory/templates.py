"""The two profile templates, written from the model's Docs: `new`'s draft and CONTRIBUTING.md's example.

Both walk the same fields, so a field added to the model appears in both with its hint.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from pydantic import BaseModel

from directory.fields import Documented, documented
from directory.model import Profile

COMMENT_COLUMN = 30
# A field's YAML text, and whether the line is commented out; None leaves the field out.
Pick = Callable[[Documented], tuple[str, bool] | None]


def example_profile(model: type[BaseModel] = Profile) -> str:
    """A complete, valid profile from every field's `example`."""
    return _render(model, lambda field: (field.doc.example, False) if field.doc.example is not None else None,
                   lambda field: field.doc.hint)


def new_template(model: type[BaseModel] = Profile, values: dict[str, str] | None = None) -> str:
    """`new`'s draft: every `draft` (or `values[dotted]`); other fields `TODO`, commented out if optional."""
    values = values or {}

    def pick(field: Documented) -> tuple[str, bool] | None:
        if field.dotted in values:
            return values[field.dotted], False
        if field.doc.draft is not None:
            return field.doc.draft, False
        if field.doc.example is None:
            return None  # nothing to show an editor (the slug: the file name says it)
        return "TODO", not field.required

    def comment(field: Documented) -> str:  # a draft that says "TODO what..." needs no second explanation
        return field.doc.hint or ("" if "TODO " in (field.doc.draft or "") else _sentence(field.doc.meaning))
    return _render(model, pick, comment)


def _sentence(meaning: str) -> str:
    return meaning[:1].lower() + meaning[1:].rstrip(".")


def _render(model: type[BaseModel], pick: Pick, comment: Callable[[Documented], str]) -> str:
    children: dict[tuple, list[Documented]] = defaultdict(list)
    for field in documented(model):
        children[field.path[:-1]].append(field)
    return "".join(line + "\n" for line in _lines(children, (), 0, pick, comment))


def _lines(children: dict, parent: tuple, indent: int, pick: Pick, comment) -> list[str]:
    lines = []
    for field in children[parent]:
        pad = " " * indent
        if field.submodel is not None:
            inner = _lines(children, field.path, indent + (4 if field.is_list else 2), pick, comment)
            if inner:
                if field.is_list:
                    inner[0] = inner[0][:indent + 2] + "- " + inner[0][indent + 4:]
                lines += [_comment(f"{pad}{field.name}:", comment(field)), *inner]
            continue
        chosen = pick(field)
        if chosen is None:
            continue
        text, commented = chosen
        first, *rest = text.split("\n")
        line = f"{pad}{'# ' if commented else ''}{field.name}:{' ' + first if first else ''}"
        lines.append(_comment(line, comment(field)))
        lines += [pad + continued for continued in rest]
    return lines


def _comment(line: str, hint: str) -> str:
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {hint}" if hint else line
