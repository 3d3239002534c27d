"""Starting a referral with a client and assessing their needs (referrals/assessments.py stores them)."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.directory import (ASSESSMENT_HOW_SOON, Assessment, areas, assessment_problems,
                                                 catalog, language_names)
from intake_app.referrals import assessments
from intake_app.referrals.models import Referral
from intake_app.web.staff.assessment_forms import StartForm, assessment_form, field_key
from intake_app.web.staff.blueprint import bp
from intake_app.web.widgets import options


def need_labels() -> dict[str, str]:
    return {n.id: n.label for n in catalog().taxonomy.needs.values()}


def _need_options():
    return options(need_labels().items())


def _choices() -> dict:
    taxonomy = catalog().taxonomy
    names = language_names()
    spoken = sorted({code for p in catalog().listed for code in p.languages}, key=lambda c: names.get(c, c))
    return {"needs": _need_options(),
            "how_soon": options((key, label) for key, (label, _days) in ASSESSMENT_HOW_SOON.items()),
            "languages": options((code, names.get(code, code)) for code in spoken),
            "fees": options((t.id, t.label) for t in taxonomy["fees"].values()),
            "delivery": options((t.id, t.label) for t in taxonomy["delivery"].values()),
            "areas": options([("", "Anywhere")] + sorted(((v, v) for v in areas(catalog()).values()),
                                                         key=lambda pair: pair[1].casefold()))}


def _assessed(referral_id: int):
    session = get_session()
    referral = session.get(Referral, referral_id)
    row = assessments.of(session, referral) if referral is not None else None
    if row is None:
        abort(404)
    return referral, row


@bp.route("/referrals/new", methods=["GET", "POST"])
def start_referral():
    form = StartForm()
    form.needs.choices = _need_options()
    if not form.validate_on_submit():
        return render_template("staff/start.html", form=form), 400 if form.is_submitted() else 200
    referral = assessments.start(
        get_session(), client_name=form.client_name.data.strip(), contact_method=form.contact_method.data,
        phone=(form.phone.data or "").strip() or None, email=(form.email.data or "").strip() or None,
        date_of_birth=form.date_of_birth.data, needs=form.needs.data, labels=need_labels(), by=current_user,
        today=clock.today(), processing_days=current_app.config["PROCESSING_DAYS"])
    return redirect(url_for("staff.assessment", referral_id=referral.id))


def _stored_data(answers: dict) -> dict:
    """The stored answers as the form's field data."""
    assessment = answers.get("assessment", {})
    data = {key: assessment.get(key) for key in ("needs", "primary", "how_soon", "languages", "fees", "delivery",
                                                 "area", "age")}
    data["accessibility"] = ", ".join(assessment.get("accessibility") or [])
    at_risk = answers.get("at_risk")
    data["at_risk"] = None if at_risk is None else ("yes" if at_risk else "no")
    for key in ("findings", "treatment", "question", "report_to"):
        data[key] = answers.get(key)
    for need in assessment.get("needs", []):
        data[f"words_{field_key(need)}"] = answers.get("words", {}).get(need)
        data[f"hopes_{field_key(need)}"] = answers.get("hopes", {}).get(need)
    return data


def _answers(form, needs: list[str]) -> dict:
    def text(name):
        field = getattr(form, name, None)
        return ((field.data or "").strip() or None) if field is not None else None

    words = [w.strip() for w in (form.accessibility.data or "").split(",") if w.strip()]
    assessment = Assessment(needs=tuple(needs), primary=form.primary.data, how_soon=form.how_soon.data,
                            languages=form.languages.data or (), fees=form.fees.data or (),
                            delivery=form.delivery.data or (), area=form.area.data or None, age=form.age.data,
                            accessibility=words)
    at_risk = getattr(form, "at_risk", None)
    return {"assessment": assessment.as_dict(),
            "words": {n: text(f"words_{field_key(n)}") for n in needs},
            "hopes": {n: text(f"hopes_{field_key(n)}") for n in needs},
            "at_risk": None if at_risk is None else at_risk.data == "yes",
            "findings": text("findings"), "treatment": text("treatment"),
            "question": text("question"), "report_to": text("report_to")}


@bp.route("/referrals/<id:referral_id>/assessment", methods=["GET", "POST"])
def assessment(referral_id: int):
    referral, row = _assessed(referral_id)
    taxonomy, labels = catalog().taxonomy, need_labels()
    stored = row.answers.get("assessment", {}).get("needs", [])
    needs = [n for n in request.form.getlist("needs") if n in labels] if request.method == "POST" else stored
    needs = needs or stored
    safety, findings = assessments.asks_safety(needs, taxonomy), assessments.asks_findings(needs, taxonomy)
    form = assessment_form(needs, labels=labels, safety=safety, findings=findings, choices=_choices(),
                           data=None if request.method == "POST" else _stored_data(row.answers))
    if request.method == "GET":
        return _render(referral, form, needs, safety, findings)
    valid = form.validate()
    if valid:
        answers = _answers(form, needs)
        wrong = assessment_problems(Assessment.from_dict(answers["assessment"]), taxonomy,
                                    frozenset(areas(catalog())))
        if wrong:
            form.needs.errors = list(form.needs.errors) + wrong
            valid = False
    if not valid:
        return _render(referral, form, needs, safety, findings, status=400)
    assessments.save(get_session(), referral, row, answers, labels=labels, by=current_user)
    flash("Assessment saved.")
    return redirect(url_for("staff.matching", referral_id=referral.id))


def _render(referral, form, needs, safety, findings, status=200):
    return render_template("staff/assessment.html", referral=referral, form=form, needs=needs, safety=safety,
                           findings=findings, field_key=field_key, labels=need_labels()), status
