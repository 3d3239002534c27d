"""Staff accounts: argon2 passwords, Flask-Login sessions, lockout, roles, and the `users` command."""
from __future__ import annotations

from flask import Flask

from intake_app.accounts.cli import users
from intake_app.accounts.manager import login_manager
from intake_app.accounts.views import bp


def init_app(app: Flask) -> None:
    login_manager.init_app(app, add_context_processor=False)
    # No app-wide `current_user` in templates: it would load the user on public pages too, where strong
    # session protection then rewrites the client's session. Staff blueprints add it (access.py).
    app.register_blueprint(bp)
    app.cli.add_command(users)
