"""Matching, side-by-side comparison and the choice of provider, from a referral's stored assessment.

Which providers were ticked travels in POST bodies, never in URLs: a provider may say what care was asked for.
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.directory import Assessment, InvalidAssessment, catalog, match
from intake_app.referrals import assessments
from intake_app.web.staff.assessment_forms import ChooseForm
from intake_app.web.staff.assessment_views import _assessed
from intake_app.web.staff.blueprint import bp

SHOWN = 10  # proposals listed; the rest are counted
CONSENT_ENDPOINTS = ("staff.consent", "staff.start_consent", "staff.get_consent")  # part B's consent step


def _matches(row):
    stored = row.answers.get("assessment", {})
    if "how_soon" not in stored:  # needs chosen, assessment not yet filled in
        return None
    try:
        return match(catalog(), Assessment.from_dict(stored))
    except InvalidAssessment:  # the catalog changed since (an area gone): assess again
        return None


def _render_matching(referral, row, found, *, errors=(), status=200):
    shown = found.proposals[:SHOWN]
    return render_template("staff/matching.html", referral=referral, proposals=shown,
                           more=len(found.proposals) - len(shown), excluded=found.excluded, errors=list(errors),
                           form=ChooseForm(), ticked=set(request.form.getlist("compare")),
                           crisis=any(p.crisis for p in shown)), status


def _usable(referral_id: int):
    referral, row = _assessed(referral_id)
    found = _matches(row)
    if found is None:
        flash("Complete the needs assessment first.")
        return referral, row, None
    return referral, row, found


@bp.get("/referrals/<id:referral_id>/matching")
def matching(referral_id: int):
    referral, row, found = _usable(referral_id)
    if found is None:
        return redirect(url_for("staff.assessment", referral_id=referral.id))
    return _render_matching(referral, row, found)


def _picked(found, slugs: list[str]):
    by_slug = {p.profile.slug: p for p in found.proposals}
    return [by_slug[s] for s in dict.fromkeys(slugs) if s in by_slug]


@bp.post("/referrals/<id:referral_id>/compare")
def compare(referral_id: int):
    referral, row, found = _usable(referral_id)
    if found is None:
        return redirect(url_for("staff.assessment", referral_id=referral.id))
    if not ChooseForm().validate_on_submit():
        abort(400)
    picked = _picked(found, request.form.getlist("compare"))
    if not picked or len(picked) > assessments.MAX_COMPARED:
        return _render_matching(referral, row, found, status=400, errors=[
            f"Tick between one and {assessments.MAX_COMPARED} providers to compare"])
    return render_template("staff/compare.html", referral=referral, picked=picked, form=ChooseForm(),
                           taxonomy=catalog().taxonomy)


@bp.post("/referrals/<id:referral_id>/choose")
def choose(referral_id: int):
    referral, row, found = _usable(referral_id)
    if found is None:
        return redirect(url_for("staff.assessment", referral_id=referral.id))
    if not ChooseForm().validate_on_submit():
        abort(400)
    chosen = _picked(found, [request.form.get("chosen", "")])
    if not chosen:
        return _render_matching(referral, row, found, status=400,
                                errors=["Choose one of the providers proposed"])
    compared = _picked(found, request.form.getlist("compare"))[:assessments.MAX_COMPARED]
    assessments.choose(get_session(), referral, row, chosen=chosen[0].profile,
                       compared=[p.profile for p in compared],
                       shown=[p.profile for p in found.proposals[:SHOWN]], by=current_user, now=utcnow())
    flash(f"Chose {chosen[0].profile.name}. Next: the client's consent for it.")
    return redirect(url_for("staff.record", referral_id=referral.id))


def consent_endpoint() -> str | None:
    """Part B's consent step for the chosen provider, once it exists."""
    return next((e for e in CONSENT_ENDPOINTS if e in current_app.view_functions), None)
