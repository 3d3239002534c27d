"""Admin-only pages of the staff workspace: the audit log and the accounts."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from intake_app.accounts import sessions
from intake_app.accounts.models import User
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import audit
from intake_app.web.auth import admin_required
from intake_app.web.staff.blueprint import bp, page_number

AUDIT_PAGE_SIZE = 100


@bp.get("/audit")
@admin_required
def audit_log():
    session = get_session()
    page = page_number()
    total = session.scalar(select(func.count()).select_from(audit.AuditEvent))
    events = session.scalars(select(audit.AuditEvent).order_by(audit.AuditEvent.id.desc())
                             .limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE)).all()
    return render_template("staff/audit.html", events=events, page=page,
                           pages=max(1, -(-total // AUDIT_PAGE_SIZE)), total=total)


@bp.get("/users")
@admin_required
def users():
    accounts = get_session().scalars(select(User).order_by(User.username)).all()
    return render_template("staff/users.html", accounts=accounts, now=utcnow())


def _account_action(user_id: int, action: str, change) -> Response:
    """An admin's change to an account, audited; accounts are still created only from the command line."""
    session = get_session()
    user = session.get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash("You cannot change your own account here; ask another administrator.")
        return redirect(url_for("staff.users"))
    change(user)
    audit.record(session, action, detail=f"account {user.username}", by=current_user)
    session.commit()
    flash(f"{user.username}: {action}.")
    return redirect(url_for("staff.users"))


@bp.post("/users/<id:user_id>/unlock")
@admin_required
def unlock_user(user_id: int):
    def unlock(user: User) -> None:
        user.failed_logins, user.locked_until = 0, None
    return _account_action(user_id, audit.UNLOCKED_ACCOUNT, unlock)


@bp.post("/users/<id:user_id>/disable")
@admin_required
def disable_user(user_id: int):
    def disable(user: User) -> None:
        user.enabled = False
        sessions.end_all(get_session(), user.id, sessions.DISABLED, utcnow())  # every copy of its cookies too
    return _account_action(user_id, audit.DISABLED_ACCOUNT, disable)
