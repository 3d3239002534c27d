"""The migrations create exactly what the models describe, so autogenerate has nothing left to add or drop."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from intake_app.infrastructure.db import Base, database


def test_migrated_database_matches_the_models(app):
    with database(app).engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
