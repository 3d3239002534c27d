"""`flask --app intake_app users create|disable|set-password|set-profile`: the only way accounts are made or
changed. The profile (display name, credentials, contact) signs the clinician's referral letters."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from intake_app.accounts import sessions
from intake_app.accounts.models import ROLES, STAFF, User
from intake_app.accounts.passwords import MIN_LENGTH, WeakPassword, hash_password
from intake_app.infrastructure.db import get_session, utcnow

users = AppGroup("users", help="Create staff accounts, disable them, set their password or their profile.")

# option → (User attribute, most characters, help); the column lengths of migration 0006.
PROFILE = {
    "--display-name": ("display_name", 120, "The name that signs letters, e.g. \"Dana Example\"."),
    "--credentials": ("credentials", 80, "Professional credentials, e.g. \"RMT\" or \"MSW, RSW\"."),
    "--phone": ("contact_phone", 40, "Work phone for providers to reply to."),
    "--email": ("contact_email", 200, "Work email for providers to reply to and send reports."),
}


def _profile_options(function):
    for option, (_attribute, _most, text) in reversed(PROFILE.items()):
        function = click.option(option, default=None, help=text)(function)
    return function


def _set_profile(user: User, values: dict) -> list[str]:
    """Sets the given profile fields ("" clears one); returns the names of those changed. The values are
    never echoed: they are not health data, but they are personal and have no place in a log."""
    changed = []
    for option, (attribute, most, _text) in PROFILE.items():
        value = values.get(option.lstrip("-").replace("-", "_"))  # click's parameter name
        if value is None:
            continue
        value = value.strip()
        if len(value) > most:
            raise click.BadParameter(f"must be {most} characters or fewer", param_hint=option)
        if attribute == "contact_email" and value and ("@" not in value or " " in value):
            raise click.BadParameter("must be an email address, like name@clinic.example", param_hint=option)
        setattr(user, attribute, value or None)
        changed.append(option.lstrip("-"))
    return changed


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
@_profile_options
@_password_option
def create(username: str, role: str, password: str, **profile) -> None:
    """Create an account (there is no web sign-up)."""
    session = get_session()
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise click.ClickException(f"An account called {username!r} already exists; use set-password.")
    user = User(username=username, role=role, password_hash=_hash(password))
    _set_profile(user, profile)
    session.add(user)
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


@users.command("set-profile")
@click.argument("username")
@_profile_options
def set_profile(username: str, **profile) -> None:
    """Set the clinician's name, credentials and contact shown on their letters ("" clears a field)."""
    user = _existing(username)
    changed = _set_profile(user, profile)
    if not changed:
        raise click.UsageError("Give at least one of " + ", ".join(PROFILE) + ".")
    get_session().commit()
    click.echo(f"Profile of {username!r} updated: {', '.join(changed)}.")
