"""One referral in the staff workspace: its record, status moves, outcome, letter sections and the letter."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from intake_app.accounts.models import User
from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.directory import catalog
from intake_app.referrals import assessments, audit
from intake_app.referrals.letter import WRITTEN_BY_STAFF, letter_sections, signature
from intake_app.referrals.models import CONTACT_METHODS, HOW_SOON, SHARED_INFORMATION, LetterNotes, Outcome, Referral
from intake_app.referrals.moves import consent_of, move
from intake_app.referrals.queue import is_overdue
from intake_app.referrals.workflow import ConsentState, Status, TransitionRefused, allowed_moves, check_can_send
from intake_app.web.staff.assessment_record import assessment_context
from intake_app.web.staff.blueprint import bp
from intake_app.web.staff.forms import LetterNotesForm, MoveForm, OutcomeForm, status_options

def _referral(referral_id: int) -> Referral:
    referral = get_session().get(Referral, referral_id)
    if referral is None:
        abort(404)
    return referral


def _attached(model, referral: Referral):
    """The referral's Outcome or LetterNotes row, or None."""
    return get_session().scalar(select(model).where(model.referral_id == referral.id))


def _text(field) -> str | None:
    return (field.data or "").strip() or None


def _save(row, action: str, referral: Referral, message: str):
    """Stores a staff edit with its audit line in one commit, then back to the record (post/redirect/get)."""
    session = get_session()
    session.add(row)
    audit.record(session, action, referral.id, by=current_user)
    session.commit()
    flash(message)
    return redirect(url_for("staff.record", referral_id=referral.id))


def _letter_notes_form(referral: Referral, notes: LetterNotes | None) -> LetterNotesForm | None:
    """Fields only for the staff-written categories the client consented to share; None when there are none."""
    if referral.consent is None:  # started by staff: nothing consented to yet
        return None
    form = LetterNotesForm(obj=notes, prefix="letter")
    for category in WRITTEN_BY_STAFF:
        if category not in referral.consent.shared_information:
            delattr(form, category)
    return form if any(True for field in form if field.type != "CSRFTokenField") else None


def _render_record(referral: Referral, *, move_form=None, outcome_form=None, notes_form=None, status=200):
    session = get_session()
    today = clock.today()
    consent = consent_of(referral, today)
    moves = allowed_moves(Status(referral.status), consent)
    move_form = move_form or MoveForm(prefix="move")
    move_form.seen.data = referral.status  # the next attempt starts from what is on screen now
    move_form.target.choices = status_options(moves)
    outcome, notes = _attached(Outcome, referral), _attached(LetterNotes, referral)
    user_ids = {e.by_user_id for e in referral.events if e.by_user_id}
    names = dict(session.execute(select(User.id, User.username).where(User.id.in_(user_ids))).all())
    audit.record(session, audit.VIEWED, referral.id, by=current_user)
    session.commit()
    return render_template(
        "staff/record.html", referral=referral, profile=catalog().get(referral.provider_slug or ""),
        consent=referral.consent, consent_state=consent, Consent=ConsentState, shared_labels=SHARED_INFORMATION,
        contact_methods=CONTACT_METHODS, how_soon=HOW_SOON,
        overdue=is_overdue(referral, today), status=Status(referral.status), names=names, moves=moves,
        move_form=move_form, outcome_form=outcome_form or OutcomeForm(obj=outcome, prefix="outcome"),
        notes_form=notes_form or _letter_notes_form(referral, notes), outcome=outcome,
        **assessment_context(session, referral)), status


@bp.get("/referrals/<id:referral_id>")
def record(referral_id: int):
    return _render_record(_referral(referral_id))


@bp.post("/referrals/<id:referral_id>/move")
def change_status(referral_id: int):
    referral = _referral(referral_id)
    form = MoveForm(prefix="move")
    form.target.choices = status_options(Status)
    if not form.validate():
        return _render_record(referral, move_form=form, status=400)
    target = Status(form.target.data)
    try:
        move(get_session(), referral, target, seen=form.seen.data, by=current_user,
             note=(form.note.data or "").strip(), today=clock.today())
    except TransitionRefused as refused:
        form.target.errors = [str(refused)]
        return _render_record(referral, move_form=form, status=409)
    flash(f"Moved to “{target.label}”.")
    return redirect(url_for("staff.record", referral_id=referral.id))


@bp.post("/referrals/<id:referral_id>/outcome")
def record_outcome(referral_id: int):
    referral = _referral(referral_id)
    form = OutcomeForm(prefix="outcome")
    valid = form.validate()
    first = form.first_appointment_on.data
    if first and first < referral.created_at.date():
        form.first_appointment_on.errors = list(form.first_appointment_on.errors) + [
            f"The first appointment cannot be before the referral was made ({referral.created_at.date()})"]
        valid = False
    if not valid:
        return _render_record(referral, outcome_form=form, status=400)
    outcome = _attached(Outcome, referral) or Outcome(referral_id=referral.id)
    outcome.first_appointment_on, outcome.helpfulness = first, form.helpfulness.data
    outcome.report_summary, outcome.plan_fit = _text(form.report_summary), _text(form.plan_fit)
    outcome.comment = _text(form.comment)
    outcome.recorded_by = current_user.id
    return _save(outcome, audit.RECORDED_OUTCOME, referral, "Outcome saved.")


@bp.post("/referrals/<id:referral_id>/letter-notes")
def save_letter_notes(referral_id: int):
    referral = _referral(referral_id)
    form = _letter_notes_form(referral, None)
    if form is None:
        abort(409, "The client did not consent to share any staff-written information.")
    if not form.validate():
        return _render_record(referral, notes_form=form, status=400)
    notes = _attached(LetterNotes, referral) or LetterNotes(referral_id=referral.id)
    for category in WRITTEN_BY_STAFF:
        if category in form:  # a category without consent is never stored for the letter
            setattr(notes, category, _text(getattr(form, category)))
    return _save(notes, audit.EDITED_LETTER, referral, "Letter sections saved.")


@bp.get("/referrals/<id:referral_id>/letter")
def letter(referral_id: int):
    referral = _referral(referral_id)
    session = get_session()
    today = clock.today()
    try:
        check_can_send(consent_of(referral, today), recipient=referral.provider_slug is not None)
    except TransitionRefused as refused:
        return render_template("staff/letter_refused.html", referral=referral, reason=str(refused)), 409
    notes = _attached(LetterNotes, referral)
    assessed = assessments.of(session, referral)
    answers = assessed.answers if assessed else None
    # The clinician who chose the provider with the client signs; for a public request, the one sending it.
    clinician = session.get(User, assessed.chosen_by) if assessed and assessed.chosen_by else None
    config = current_app.config
    signed = signature(clinician or current_user, answers, service=config["REFERRING_SERVICE"],
                       service_phone=config["CONTACT_PHONE"], service_email=config["CONTACT_EMAIL"])
    audit.record(session, audit.VIEWED_LETTER, referral.id, by=current_user)
    session.commit()
    return render_template("staff/letter.html", referral=referral, profile=catalog().get(referral.provider_slug or ""),
                           sections=letter_sections(referral, notes, answers), today=today, signed=signed)


