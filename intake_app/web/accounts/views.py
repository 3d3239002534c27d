"""Sign in and sign out. There is no sign-up: accounts come from `flask --app intake_app users create`.

The sign-in check and its lock are the accounts domain's (accounts/login.py); this is only its web page."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import login_required, login_user, logout_user

from intake_app.accounts import sessions
from intake_app.accounts.login import authenticate
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.extensions import limiter
from intake_app.web.accounts.forms import LoginForm
from intake_app.web.accounts.redirects import local_path
from intake_app.web.auth import user_in_templates

bp = Blueprint("accounts", __name__, url_prefix="/account")
user_in_templates(bp)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT"], methods=["POST"])  # per address
def login():
    form = LoginForm()
    message = None
    if form.validate_on_submit():
        attempt = authenticate(get_session(), form.username.data, form.password.data, utcnow())
        if attempt.user is not None:
            now = utcnow()
            sessions.end(get_session(), session.get(sessions.TOKEN_KEY), sessions.REPLACED, now)
            session.clear()  # a fresh session: nothing from before sign-in carries over
            login_user(attempt.user)
            session[sessions.TOKEN_KEY] = sessions.begin(get_session(), attempt.user, now)
            return redirect(local_path(request.args.get("next")) or url_for("staff.queue"))
        message = attempt.message
    status = 401 if message else 200
    return render_template("staff/login.html", form=form, message=message), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # Ended on the server, so a copy of this cookie is refused too. CSRFProtect has already refused a forged POST.
    sessions.end(get_session(), session.get(sessions.TOKEN_KEY), sessions.LOGOUT, utcnow())
    logout_user()
    session.clear()
    return redirect(url_for("accounts.login"))
