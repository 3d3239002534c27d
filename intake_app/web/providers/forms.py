"""The provider's answer: one choice, and the detail some answers need (checked in referrals/provider_answers)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Optional

from intake_app.web.widgets import ClearDateField, limit


class AnswerForm(FlaskForm):
    seen = HiddenField(validators=[InputRequired("Reload the page and try again"), limit("status", 32)])
    answer = RadioField("Your answer", validators=[InputRequired("Choose your answer")])
    appointment_on = ClearDateField("Date of the appointment (if one is offered or booked)", example="2026-11-30",
                                    validators=[Optional()])
    report_summary = TextAreaField("Summary of your report (if you sent one)",
                                   validators=[limit("The summary", 4000)])
    note = TextAreaField("Note for the referring clinician (needed if you decline for another reason)",
                         validators=[limit("The note", 500)])
