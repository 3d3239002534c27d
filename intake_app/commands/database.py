"""`flask --app intake_app init-db` and `flask --app intake_app db-revision -m "what changed"`."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from intake_app.infrastructure.migrate import new_revision, upgrade


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or migrate the database to the newest schema (run once, before the workers start)."""
    upgrade(current_app)
    click.echo("Database is up to date.")


@click.command("db-revision")
@click.option("-m", "--message", required=True, help="What the migration changes.")
@with_appcontext
def revision_command(message: str) -> None:
    """Write a new migration from the difference between the models and an up-to-date database."""
    new_revision(current_app, message)
