"""One referral in the staff workspace: its record, status moves, outcome, letter sections and the letter."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask import session as flask_session
from flask_login import current_user
from sqlalchemy import select

from intake_app.accounts.models import User
from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.directory import catalog
from intake_app.referrals import audit, provider_answers
from intake_app.referrals.submissions import callback_for
from intake_app.referrals.interop.task_status import actor_of
from intake_app.referrals.letter import WRITTEN_BY_STAFF, compose
from intake_app.referrals.models import (CONTACT_METHODS, HOW_SOON, SHARED_INFORMATION, LetterNotes, Outcome, Referral,
                                         outcome_of)
from intake_app.referrals.moves import consent_of, move
from intake_app.referrals.queue import is_overdue
from intake_app.referrals.workflow import Actor, ConsentState, Status, TransitionRefused, allowed_moves, check_can_send
from intake_app.web.staff.assessment_record import assessment_context
from intake_app.web.staff.blueprint import bp
from intake_app.web.consent_form import ButtonForm
from intake_app.web.staff.forms import LetterNotesForm, MoveForm, OutcomeForm, status_options

PROVIDER_LINK = "provider_link"  # session key: a provider link not emailed, shown once on its record (as /received)

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


def _render_record(referral: Referral, *, move_form=None, outcome_form=None, notes_form=None, status=200,
                   provider_link=None):
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
        notes_form=notes_form or _letter_notes_form(referral, notes), outcome=outcome, actor_of=actor_of,
        Actor=Actor, new_provider_link=provider_answers.can_reissue(referral, today), provider_link=provider_link,
        callback=callback_for(referral, current_app.extensions["intake_timezone"],
                              current_app.config["CALLBACK_BUSINESS_DAYS"]),
        **assessment_context(session, referral)), status


@bp.get("/referrals/<id:referral_id>")
def record(referral_id: int):
    shown = flask_session.pop(PROVIDER_LINK, None)  # the page sends no-store (security.py), like every page
    return _render_record(_referral(referral_id),
                          provider_link=shown if shown and shown.get("referral") == referral_id else None)


@bp.post("/referrals/<id:referral_id>/move")
def change_status(referral_id: int):
    referral = _referral(referral_id)
    form = MoveForm(prefix="move")
    form.target.choices = status_options(Status)
    if not form.validate():
        return _render_record(referral, move_form=form, status=400)
    target, note, issued = Status(form.target.data), (form.note.data or "").strip(), None
    try:
        if target is Status.SENT_TO_PROVIDER:  # with the provider's link, emailed or shown once below
            issued = provider_answers.send(get_session(), referral, seen=form.seen.data, by=current_user, note=note,
                                           today=clock.today(), now=utcnow(), email=_referral_email(referral),
                                           days=current_app.config["PROVIDER_LINK_DAYS"])
        else:
            move(get_session(), referral, target, seen=form.seen.data, by=current_user, note=note,
                 today=clock.today())
    except TransitionRefused as refused:
        form.target.errors = [str(refused)]
        return _render_record(referral, move_form=form, status=409)
    flash(f"Moved to “{target.label}”.")
    return _handed_over(referral, issued)


def _referral_email(referral: Referral) -> str | None:
    profile = catalog().get(referral.provider_slug or "")
    return profile.referral.email if profile is not None else None


def _handed_over(referral: Referral, issued):
    """Back to the record, which says the provider's link was emailed, or shows it once to hand over."""
    if issued is not None and issued.emailed:
        flash("The provider's link was emailed to its referral address; any earlier link no longer works.")
    elif issued is not None:
        flash("The provider's link is below the status history, shown only this once.")
        flask_session[PROVIDER_LINK] = {"referral": referral.id, "url": issued.url,
                                        "expires_on": issued.expires_on.isoformat()}
    return redirect(url_for("staff.record", referral_id=referral.id))


@bp.post("/referrals/<id:referral_id>/provider-link")
def new_provider_link(referral_id: int):
    """A new link for the provider (the old one stops working): lost, or never received."""
    referral = _referral(referral_id)
    if not ButtonForm().validate():  # CSRF only
        abort(400)
    try:
        issued = provider_answers.reissue(get_session(), referral, by=current_user, today=clock.today(),
                                          now=utcnow(), days=current_app.config["PROVIDER_LINK_DAYS"],
                                          email=_referral_email(referral))
    except TransitionRefused as refused:
        flash(str(refused))
        return redirect(url_for("staff.record", referral_id=referral.id))
    return _handed_over(referral, issued)


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
    outcome = outcome_of(get_session(), referral)
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
    config = current_app.config
    sections, signed = compose(session, referral, sender=current_user, service=config["REFERRING_SERVICE"],
                               service_phone=config["CONTACT_PHONE"], service_email=config["CONTACT_EMAIL"])
    audit.record(session, audit.VIEWED_LETTER, referral.id, by=current_user)
    session.commit()
    return render_template("staff/letter.html", referral=referral, profile=catalog().get(referral.provider_slug or ""),
                           sections=sections, today=today, signed=signed)


