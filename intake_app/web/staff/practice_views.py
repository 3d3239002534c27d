"""The practice's steps on the record page (letter read, timeframe explained, report reviewed, how it fits the
plan): a checkbox with its date each, saved together, audited.

The record page includes `staff/_practice_steps.html`, which asks `practice_steps(referral)` for its form; a
rejected form is kept in `g` so the record page shows it again with its errors.
"""
from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Optional

from intake_app.accounts.models import User
from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session
from intake_app.referrals import audit, practice
from intake_app.web.staff.blueprint import bp
from intake_app.web.staff.records import _referral, _render_record
from intake_app.web.widgets import ClearDateField, limit

RECORDED_STEPS = "recorded practice steps"  # audit action; its detail names the steps, never a note
WHEN = {"letter_read": "the letter was read", "timeframe_explained": "the timeframe was explained",
        "report_reviewed": "the report was reviewed", "plan_fit": "the plan was discussed"}
NOTES = {"report_reviewed": "What the client made of the report (optional)",
         "plan_fit": "How its recommendations fit the plan (optional)"}


class PracticeStepsForm(FlaskForm):
    """Fields `<step>`, `<step>_on` and, for the steps in NOTES, `<step>_note` (added below, flat, so the error
    summary links to each field)."""

    made_on = None  # the referral's date: no step comes before it

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        today = clock.today()
        for step in practice.STEPS:
            on, note = self[f"{step}_on"], self._fields.get(f"{step}_note")
            if not self[step].data:
                on.errors = []  # a date left on an unticked step is not read
                if note is not None and (note.data or "").strip():
                    note.errors = [f"Tick “{practice.STEPS[step]}” to save this note, or clear it"]
            elif on.data is None and not on.errors:
                on.errors = [f"Enter the date {WHEN[step]}, for example {today}"]
            elif on.data is not None and on.data > today:
                on.errors = [f"The date {WHEN[step]} cannot be in the future (today is {today})"]
            elif on.data is not None and self.made_on and on.data < self.made_on:
                on.errors = [f"The date {WHEN[step]} cannot be before the referral was made ({self.made_on})"]
        return not any(field.errors for field in self)  # a date left on an unticked step failed super() only


for _step, _label in practice.STEPS.items():
    setattr(PracticeStepsForm, _step, BooleanField(_label))
    setattr(PracticeStepsForm, f"{_step}_on", ClearDateField(f"Date {WHEN[_step]}", example="2026-11-30",
                                                              validators=[Optional()]))
    if _step in NOTES:
        setattr(PracticeStepsForm, f"{_step}_note", TextAreaField(NOTES[_step], validators=[limit("The note", 2000)]))


def _form(done: dict[str, practice.PracticeStep]) -> PracticeStepsForm:
    form = PracticeStepsForm(prefix="steps")
    for step in practice.STEPS:
        row = done.get(step)
        form[step].data = row is not None
        form[f"{step}_on"].data = row.done_on if row else clock.today()
        if step in NOTES:
            form[f"{step}_note"].data = row.note if row else None
    return form


@bp.app_template_global()
def practice_steps(referral) -> dict:
    """What the record page's steps part shows: the form (the rejected one, after a failed save) and who
    recorded each step done, and when."""
    session = get_session()
    done = practice.steps_of(session, referral.id)
    ids = {row.by_user_id for row in done.values() if row.by_user_id}
    names = dict(session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()) if ids else {}
    recorded = {step: f"Recorded by {names.get(row.by_user_id, 'a former account')} on "
                      f"{row.recorded_at:%Y-%m-%d %H:%M} UTC" for step, row in done.items()}
    return dict(form=g.get("practice_form") or _form(done), steps=practice.STEPS, notes=NOTES, recorded=recorded)


@bp.post("/referrals/<id:referral_id>/steps")
def save_practice_steps(referral_id: int):
    referral = _referral(referral_id)
    form = PracticeStepsForm(prefix="steps")
    form.made_on = referral.created_at.date()
    if not form.validate():
        g.practice_form = form
        return _render_record(referral, status=400)
    done = {step: (form[f"{step}_on"].data, (form[f"{step}_note"].data or "").strip() or None
                   if step in NOTES else None) for step in practice.STEPS if form[step].data}
    session = get_session()
    detail = practice.save(session, referral.id, done, by=current_user)
    audit.record(session, RECORDED_STEPS, referral.id, detail, by=current_user)
    session.commit()
    flash("Steps saved.")
    return redirect(url_for("staff.record", referral_id=referral.id, _anchor="practice-heading"))
