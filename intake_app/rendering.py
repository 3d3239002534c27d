"""Template helpers for accessible form controls (GOV.UK pattern: hint and error tied to the input)."""
from __future__ import annotations

from flask import Flask
from markupsafe import Markup
from wtforms import Field
from wtforms.form import BaseForm

from intake_app import codes


def control(field: Field, hint: bool = False, **attributes) -> Markup:
    """The input itself, described by its hint and its error message when they are shown."""
    described = [f"{field.id}-hint"] if hint else []
    if field.errors:
        described.append(f"{field.id}-error")
        attributes["aria-invalid"] = "true"
    if described:
        attributes["aria-describedby"] = " ".join(described)
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


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(control=control, error_summary=error_summary, grouped_code=codes.grouped)
    app.jinja_env.filters["sentence"] = sentence
