"""`flask --app intake_app network suggestions`: profile updates the referrals' evidence suggests, for editors.

The output is counts and dates per provider file, as YAML comments and fields ready to paste into a pull
request; it reads no name, note or comment, so it can go into a public repository.
"""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.directory import catalog
from intake_app.referrals import network as evidence


@click.group("network")
def network() -> None:
    """What the referral network teaches the directory."""


@network.command("suggestions")
@click.option("--min-referrals", default=5, show_default=True, type=click.IntRange(1),
              help="Only providers with at least this many referrals (live and purged).")
@with_appcontext
def suggestions_command(min_referrals: int) -> None:
    """Suggested profile updates (wait, accepting new clients) where the evidence differs from the profile."""
    today = clock.today()
    lines = evidence.suggestions(get_session(), catalog(), today, min_referrals=min_referrals)
    if not lines:
        click.echo(f"# No suggestions on {today}: no provider with {min_referrals} or more referrals has evidence "
                   "that differs from its profile.")
        return
    click.echo(f"# Suggested profile updates from the referral network, {today} (counts and dates only; "
               f"providers with {min_referrals} or more referrals). Check each with the provider before merging.")
    for line in lines:
        click.echo(line)
