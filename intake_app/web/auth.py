"""Sign-in for the staff pages, shared by the staff and accounts blueprints (as the Flask tutorial's `blog`
uses `auth.login_required`): Flask-Login's set-up, the user loader, and who may open what.

A cookie names a user and a server-side session (accounts/sessions.py); each request checks both, so logout,
disabling an account, a new password or idling ends every copy of the cookie at once. Every /staff page needs
a signed-in, enabled account; some need the admin role.
"""
from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import Blueprint, Flask, abort, current_app, session
from flask_login import LoginManager, current_user

from intake_app.accounts import sessions
from intake_app.accounts.models import User
from intake_app.infrastructure.db import get_session, utcnow

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Sign in to see the staff workspace."
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    # No app-wide `current_user` in templates: it would load the user on public pages too, where strong
    # session protection then rewrites the client's session. Staff blueprints add it (user_in_templates).
    login_manager.init_app(app, add_context_processor=False)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    token = session.get(sessions.TOKEN_KEY)
    if not (user_id.isdigit() and isinstance(token, str)):
        return None
    idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
    return sessions.resume(get_session(), int(user_id), token, utcnow(), idle)


def require_staff():
    """A blueprint's before_request: anonymous users go to the sign-in page. Whether a session is still good
    (ended, idle, disabled account) is decided on the server, by the user loader."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def admin_required(view):
    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return guarded


def user_in_templates(blueprint: Blueprint) -> None:
    """`current_user` in this blueprint's templates only (see init_app)."""
    blueprint.context_processor(lambda: {"current_user": current_user})
