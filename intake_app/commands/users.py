"""`flask --app intake_app users create|disable|set-password`: the only way accounts are made or changed."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from intake_app.accounts import sessions
from intake_app.accounts.models import ROLES, STAFF, User
from intake_app.accounts.passwords import MIN_LENGTH, WeakPassword, hash_password
from intake_app.infrastructure.db import get_session, utcnow

users = AppGroup("users", help="Create staff accounts, disable them, or set their password.")


def _password_option(function):
    return click.password_option(
        "--password", prompt="Password", confirmation_prompt=True, envvar="INTAKE_NEW_PASSWORD",
        help=f"At least {MIN_LENGTH} characters; asked for when not given (or set INTAKE_NEW_PASSWORD).")(function)


def _hash(password: str) -> str:
    try:
        return hash_password(password)
    except WeakPassword as error:
        raise click.BadParameter(str(error), param_hint="--password") from None


def _existing(username: str) -> User:
    user = get_session().scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"There is no account called {username!r}.")
    return user


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default=STAFF, show_default=True)
@_password_option
def create(username: str, role: str, password: str) -> None:
    """Create an account (there is no web sign-up)."""
    session = get_session()
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise click.ClickException(f"An account called {username!r} already exists; use set-password.")
    session.add(User(username=username, role=role, password_hash=_hash(password)))
    session.commit()
    click.echo(f"Created {role} account {username!r}.")


@users.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account: every session of it ends now, and it cannot sign in."""
    user = _existing(username)
    user.enabled = False
    sessions.end_all(get_session(), user.id, sessions.DISABLED, utcnow())
    get_session().commit()
    click.echo(f"Disabled {username!r}.")


@users.command("set-password")
@click.argument("username")
@click.option("--enable", is_flag=True, help="Also re-enable a disabled account.")
@_password_option
def set_password(username: str, enable: bool, password: str) -> None:
    """Set a new password; this also lifts a lock after failed sign-ins and ends every session of the account."""
    user = _existing(username)
    user.password_hash, user.failed_logins, user.locked_until = _hash(password), 0, None
    user.enabled = user.enabled or enable
    sessions.end_all(get_session(), user.id, sessions.PASSWORD, utcnow())
    get_session().commit()
    click.echo(f"Password set for {username!r}; the account is {'enabled' if user.enabled else 'still disabled'}.")
