"""The `flask --app intake_app ...` commands: the database, staff accounts, the maintenance jobs, and what the
network suggests for the directory.

Like the blueprints they stand above the referral domain and the infrastructure and only call into them.
"""
from __future__ import annotations

from flask import Flask

from intake_app.commands.database import init_db_command, revision_command
from intake_app.commands.maintenance import purge_command, rotate_keys_command
from intake_app.commands.network import network
from intake_app.commands.outbox import outbox
from intake_app.commands.referrals import referrals
from intake_app.commands.users import users

COMMANDS = (init_db_command, revision_command, users, purge_command, rotate_keys_command, outbox, referrals,
            network)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
