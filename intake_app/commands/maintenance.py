"""`flask --app intake_app purge --closed-before DATE` and `flask --app intake_app rotate-keys`."""
from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.keys import UnreadableRow, rotate_keys
from intake_app.referrals.purge import closed_before, purge


def _iso_date(_ctx, _param, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


@click.command("purge")
@click.option("--closed-before", "day", required=True, callback=_iso_date, metavar="YYYY-MM-DD",
              help="Purge referrals that ended (closed or another ending) before this day.")
@click.option("--dry-run", is_flag=True, help="Only count them.")
@with_appcontext
def purge_command(day: date, dry_run: bool) -> None:
    """Delete the personal data of ended referrals, keeping an anonymous row each for the network report."""
    session = get_session()
    if dry_run:
        click.echo(f"{len(closed_before(session, day))} referrals ended before {day} would be purged.")
        return
    click.echo(f"Purged {purge(session, day)} referrals ended before {day}; the network report keeps their totals.")


@click.command("rotate-keys")
@with_appcontext
def rotate_keys_command() -> None:
    """Re-encrypt every personal field with the first key of ENCRYPTION_KEYS.

    To change keys: put the new key first in ENCRYPTION_KEYS (keep the old ones after it), restart, run this,
    then remove the old keys.
    """
    try:
        count = rotate_keys(get_session())
    except UnreadableRow as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Re-encrypted {count} personal fields with the first key; older keys can now be removed.")
