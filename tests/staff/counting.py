"""How many SQL statements an action runs: a list or page that loads its rows in grouped queries runs as many
for ten rows as for one."""
from __future__ import annotations

from sqlalchemy import event

from intake_app.infrastructure.db import database


def statements(app, action) -> int:
    counted = []

    def count(*_args) -> None:
        counted.append(1)
    engine = database(app).engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)
