"""`flask --app intake_app outbox send|status|retry-failed|checkins`: deliver the outbox, see it, retry what
failed, and enqueue the clients' check-ins that are due.

Run `outbox send` from cron or a systemd timer (intake_app/README.md, "Email"): each run delivers what is due
and exits; two runs at once never send a message twice. `outbox checkins` once a day is enough; running it
more often, or twice at once, enqueues nothing twice.
"""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from intake_app.infrastructure import clock, mail
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import checkins, sender


@click.group("outbox")
def outbox() -> None:
    """Email waiting to be sent (written with the event that caused it)."""


@outbox.command("send")
@click.option("--once", is_flag=True, help="One batch only, instead of until nothing is due.")
@click.option("--batch", default=100, show_default=True, type=click.IntRange(1, 10_000),
              help="Messages claimed and sent over one connection at a time.")
@with_appcontext
def send_command(once: bool, batch: int) -> None:
    """Deliver the messages that are due; a mail server that is down leaves them for the next run."""
    settings = mail.settings()
    mail.transport(settings)  # no MAIL_URL: a clear ConfigError now, nothing claimed
    session = get_session()
    if once:
        report = sender.send_batch(session, settings, sender.new_sender_id(), batch)
    else:
        report = sender.send_all(session, settings, batch)
    click.echo(f"Outbox: {report} (through {settings.transport.describe()}).")


@outbox.command("status")
@with_appcontext
def status_command() -> None:
    """Counts per status; failed messages listed by id, kind, attempts and error (no address, no text)."""
    session = get_session()
    click.echo(", ".join(f"{status} {count}" for status, count in sender.counts(session).items()))
    for message in sender.failed(session):
        click.echo(f"  failed #{message.id} {message.kind}: {message.attempts} attempts, last error "
                   f"{message.last_error}, created {message.created_at:%Y-%m-%d %H:%M} UTC")


@outbox.command("retry-failed")
@with_appcontext
def retry_failed_command() -> None:
    """Put failed messages back in line (after fixing the mail settings or the address)."""
    click.echo(f"{sender.retry_failed(get_session())} failed messages will be tried again.")


@outbox.command("checkins")
@with_appcontext
def checkins_command() -> None:
    """Enqueue the check-ins due today (before and after the expected date), each with a fresh client link."""
    check_in = mail.settings().app_url + "check-in/"
    sent = checkins.send_due(get_session(), today=clock.today(), now=utcnow(), link_for=lambda token: check_in + token,
                             days=current_app.config["CLIENT_LINK_DAYS"])
    click.echo(f"Check-ins enqueued: {sent[checkins.BEFORE]} before the expected date, "
               f"{sent[checkins.AFTER]} after it.")
