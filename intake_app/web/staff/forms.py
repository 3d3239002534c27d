"""Staff forms. Every free-text field has a length limit and a message that says what to fix."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from intake_app.referrals.queue import ANY, NO_PROVIDER, OPEN
from intake_app.referrals.workflow import Status
from intake_app.web.widgets import ClearDateField, limit, options


def status_options(statuses) -> list[SelectChoice]:
    return options((s.value, s.label) for s in statuses)


class FiltersForm(FlaskForm):
    """GET form: it changes nothing, so it carries no CSRF token (and the URL can be bookmarked)."""

    class Meta:
        csrf = False

    status = SelectField("Status", default=OPEN, validators=[Optional()],
                         choices=options([(OPEN, "All open"), (ANY, "Any, closed included")]) + status_options(Status))
    urgency = SelectField("Urgency", default=ANY, validators=[Optional()],
                          choices=options([(ANY, "Any"), ("urgent", "Urgent only"), ("routine", "Not urgent")]))
    provider = SelectField("Provider", default=ANY, validators=[Optional()])

    def set_providers(self, profiles) -> None:
        self.provider.choices = options([(ANY, "Any provider"), (NO_PROVIDER, "None yet (help choosing)")] + [
            (p.slug, p.name) for p in profiles])


class MoveForm(FlaskForm):
    seen = HiddenField(validators=[InputRequired("Reload the page and try again"), limit("status", 32)])
    target = SelectField("Move to", validators=[InputRequired("Choose the new status")])
    note = TextAreaField("Note (optional)", validators=[limit("The note", 1000)])


class OutcomeForm(FlaskForm):
    first_appointment_on = ClearDateField("Date of the first appointment", example="2026-11-30",
                                          validators=[Optional()])
    helpfulness = RadioField("Did the client feel it helped?", validators=[Optional()], coerce=int,
                             choices=options([(1, "1 – not at all"), (2, "2"), (3, "3 – somewhat"), (4, "4"),
                                              (5, "5 – a great deal")]))
    report_summary = TextAreaField("Summary of the provider's report", validators=[limit("The summary", 4000)])
    plan_fit = TextAreaField("How it fits the client's plan", validators=[limit("How it fits the plan", 2000)])
    # The client's own words about the provider: staff read them on its network page, never in the CSV.
    comment = TextAreaField("The client's comment on the provider (optional)",
                            validators=[limit("The client's comment", 1000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not any(f.data for f in (self.first_appointment_on, self.helpfulness, self.report_summary,
                                              self.plan_fit, self.comment)):
            self.first_appointment_on.errors = ["Enter at least one part of the outcome, for example the date of "
                                                "the first appointment"]
            return False
        return valid


class LetterNotesForm(FlaskForm):
    """Only the fields for categories the client consented to are kept (see `records._letter_notes_form`)."""

    history = TextAreaField("Relevant history", validators=[limit("Relevant history", 4000)])
    assessments = TextAreaField("Assessments and results", validators=[limit("Assessments and results", 4000)])
    substance_use = TextAreaField("Substance use treatment records",
                                  validators=[limit("Substance use treatment records", 4000)])
