"""Template helpers for accessible form controls (GOV.UK pattern: hint and error tied to the input)."""
from __future__ import annotations

from flask import Flask
from markupsafe import Markup
from wtforms import Field
from wtforms.form import BaseForm


def described_by(field: Field, hint) -> str:
    """The ids of the field's hint and error message, as far as they are shown ("" when neither is)."""
    return " ".join(([f"{field.id}-hint"] if hint else []) + ([f"{field.id}-error"] if field.errors else []))


def control(field: Field, hint: bool = False, **attributes) -> Markup:
    """The input itself, described by its hint and its error message when they are shown."""
    if field.errors:
        attributes["aria-invalid"] = "true"
    if described := described_by(field, hint):
        attributes["aria-describedby"] = described
    return field(**attributes)


def error_summary(form: BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) for each field in error, in page order; a group's anchor is its first option."""
    anchors = []
    for field in form:
        if field.errors:
            grouped = field.type in ("RadioField", "MultiCheckboxField")
            anchors.append((f"{field.id}-0" if grouped else field.id, field.errors[0]))
    return anchors


def sentence(text: str) -> str:
    """Capital first letter, the rest untouched ("the Riverside team" → "The Riverside team")."""
    return text[:1].upper() + text[1:]


def grouped_code(code: str, size: int = 4) -> str:
    """ABCD2345 → ABCD-2345: a reference or secret is easier to read aloud and to copy in groups."""
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(control=control, described_by=described_by, error_summary=error_summary,
                                 grouped_code=grouped_code)
    app.jinja_env.filters["sentence"] = sentence
