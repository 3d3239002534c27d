"""The staff workspace at /staff: queue, record, letter, follow-up, outcomes, network report, audit log."""
from __future__ import annotations

from flask import Blueprint, Flask, render_template

from intake_app.accounts.access import require_staff, user_in_templates
from intake_app.workflow import Status

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(require_staff)
user_in_templates(bp)


@bp.errorhandler(403)
def forbidden(_error):
    return render_template("staff/forbidden.html"), 403


@bp.app_template_filter("status_label")
def status_label(value: str) -> str:
    return Status(value).label


def init_app(app: Flask) -> None:
    from intake_app.staff import admin_views, views  # noqa: F401  (they register their routes on bp)
    from intake_app.staff.cli import purge_command, rotate_keys_command

    app.register_blueprint(bp)
    app.cli.add_command(purge_command)
    app.cli.add_command(rotate_keys_command)
