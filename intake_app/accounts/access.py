"""Who may open what: every /staff page needs a signed-in, enabled account; some need the admin role."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort
from flask_login import current_user

from intake_app.accounts.manager import login_manager


def require_staff():
    """A blueprint's before_request: anonymous users go to the sign-in page. Whether a session is still good
    (ended, idle, disabled account) is decided on the server, by the user loader (manager.py)."""
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
    """`current_user` in this blueprint's templates only (see accounts.init_app)."""
    blueprint.context_processor(lambda: {"current_user": current_user})
