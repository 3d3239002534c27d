"""Flask-Login set-up: a cookie names a user and a server-side session (sessions.py); each request checks both,
so logout, disabling an account, a new password or idling ends every copy of the cookie at once."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, session
from flask_login import LoginManager

from intake_app.accounts import sessions
from intake_app.accounts.models import User
from intake_app.db import get_session, utcnow

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Sign in to see the staff workspace."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    token = session.get(sessions.TOKEN_KEY)
    if not (user_id.isdigit() and isinstance(token, str)):
        return None
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    return sessions.resume(get_session(), int(user_id), token, utcnow(), idle)
