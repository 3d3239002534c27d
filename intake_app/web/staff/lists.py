"""The staff workspace's lists: the queue, who needs following up, and the network report (its CSV for admins)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.directory import catalog
from intake_app.infrastructure.rendering import grouped_code
from intake_app.referrals import audit
from intake_app.referrals.followup import check_ins_due, overdue, record_check_in, seen_without_outcome
from intake_app.referrals.models import Referral
from intake_app.referrals.queue import Filters, is_overdue, queue_page
from intake_app.referrals.report import DECLINED, all_facts, comment_counts, network_report, report_csv
from intake_app.web.auth import admin_required
from intake_app.web.consent_form import ButtonForm
from intake_app.web.staff.blueprint import bp, page_number
from intake_app.web.staff.forms import FiltersForm


@bp.get("/")
def queue():
    form = FiltersForm(request.args)
    form.set_providers(catalog().profiles)
    filters = Filters(page=page_number())
    if form.validate():  # an unknown filter value is ignored rather than trusted
        filters = Filters(form.status.data, form.urgency.data, form.provider.data, filters.page)
    today = clock.today()
    session = get_session()
    page = queue_page(session, filters, today)
    audit.record(session, audit.VIEWED_QUEUE, detail=filters.describe(), by=current_user)
    session.commit()
    return render_template("staff/queue.html", form=form, page=page, today=today, is_overdue=is_overdue,
                           args={k: v for k, v in request.args.items() if k != "page"})


@bp.get("/follow-up")
def follow_up():
    session, today = get_session(), clock.today()
    lists = dict(due=check_ins_due(session, today), overdue=overdue(session, today),
                 unrecorded=seen_without_outcome(session))
    audit.record(session, audit.VIEWED_FOLLOW_UP, by=current_user)
    session.commit()
    return render_template("staff/follow_up.html", **lists)


@bp.post("/referrals/<id:referral_id>/checked-in")
def checked_in(referral_id: int):
    """From the follow-up list: staff checked in with the client (or the provider)."""
    session = get_session()
    referral = session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    if not ButtonForm().validate():  # CSRF only
        abort(400)
    record_check_in(session, referral, by=current_user)
    session.commit()
    flash(f"Check-in recorded for {grouped_code(referral.reference)}.")
    return redirect(url_for("staff.follow_up"))


@bp.get("/report")
def report():
    session = get_session()
    return render_template("staff/report.html", rows=network_report(all_facts(session), catalog()),
                           comments=comment_counts(session), reasons=DECLINED)


@bp.get("/report.csv")
@admin_required
def report_export():
    session = get_session()
    body = report_csv(network_report(all_facts(session), catalog()))
    audit.record(session, audit.EXPORTED, by=current_user)
    session.commit()
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="network-report-{clock.today()}.csv"'})
