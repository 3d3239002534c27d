"""The staff blueprint at /staff and what all its pages share. Every route needs a signed-in account (the
blueprint's before_request); admin-only ones are marked with @admin_required."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from intake_app.referrals.workflow import Signal, Status
from intake_app.web.auth import require_staff, user_in_templates

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(require_staff)
user_in_templates(bp)

MAX_PAGE = 1_000_000  # beyond any real list; a larger page would overflow the database's OFFSET


def page_number() -> int:
    """`page=` from the query string, 1..MAX_PAGE; anything else is page 1 or the last allowed page."""
    return min(max(1, request.args.get("page", 1, type=int) or 1), MAX_PAGE)


@bp.errorhandler(403)
def forbidden(_error):
    return render_template("staff/forbidden.html"), 403


@bp.app_template_filter("status_label")
def status_label(value: str) -> str:
    return Status(value).label


@bp.app_template_filter("signal_label")
def signal_label(value: str) -> str:
    return Signal(value).label
