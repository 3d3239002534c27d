"""The `id` URL converter: a database id, or no match (a 404).

Werkzeug's `int` converter accepts any number of digits; a 30-digit id then overflows in the database driver
(OverflowError on SQLite, "out of range" on PostgreSQL), a 500. Ids are SQLAlchemy Integer columns, 32-bit
on PostgreSQL, so anything outside 1..2**31-1 cannot name a row.
"""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 (werkzeug's name)
        super().__init__(map, min=1, max=MAX_ID)


def init_app(app: Flask) -> None:
    """Before any blueprint is registered, so their `<id:...>` rules find it."""
    app.url_map.converters["id"] = IdConverter
