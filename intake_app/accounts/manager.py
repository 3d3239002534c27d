"""Flask-Login set-up: sessions carry a user id; each request reloads the account, so disabling one takes effect at once."""
from __future__ import annotations

from flask_login import LoginManager

from intake_app.accounts.models import User
from intake_app.db import get_session

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Sign in to see the staff workspace."
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return get_session().get(User, int(user_id)) if user_id.isdigit() else None
