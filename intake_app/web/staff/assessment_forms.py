"""Forms for a referral staff start: the client and their needs, then the needs assessment.

The assessment form is built for the needs in hand (a words and a hopes field per need; the safety question
only with a mental-health or crisis need; findings and treatment only with a physical-health need), so what
the clinician sees is what applies to this client.
"""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, NumberRange, Optional

from intake_app.referrals.models import CONTACT_METHODS
from intake_app.web.widgets import ClearDateField, MultiCheckboxField, limit, options

YES_NO = options([("yes", "Yes"), ("no", "No")])
SAFETY_QUESTION = "Is the client thinking of harming themselves?"


def field_key(need: str) -> str:
    return need.replace("-", "_")


class StartForm(FlaskForm):
    client_name = StringField("Client's full name", validators=[InputRequired("Enter the client's full name"),
                                                               limit("The name", 200)])
    date_of_birth = ClearDateField("Date of birth (optional)", example="1980-04-30", validators=[Optional()])
    contact_method = RadioField("How should the provider contact the client?", choices=options(
        CONTACT_METHODS.items()), validators=[InputRequired("Choose how the client prefers to be contacted")])
    phone = StringField("Phone (optional)", validators=[limit("The phone number", 40)])
    email = StringField("Email (optional)", validators=[Optional(), Email("Enter an email address like "
                                                                          "name@example.com"), limit("Email", 200)])
    needs = MultiCheckboxField("What does the client need help with?",
                               validators=[InputRequired("Choose at least one need")])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        wanted = {"phone": self.phone, "text": self.phone, "email": self.email}.get(self.contact_method.data)
        if wanted is not None and not (wanted.data or "").strip():
            wanted.errors = list(wanted.errors) + [f"Enter the client's {wanted.name} to be contacted that way"]
            valid = False
        return valid


def assessment_form(needs: list[str], *, labels: dict[str, str], safety: bool, findings: bool,
                    choices: dict, data=None) -> FlaskForm:
    """The assessment form for `needs`; `choices` holds the options for needs, how soon, languages, fees,
    delivery and areas (from the directory, through the infrastructure seam)."""

    class AssessmentForm(FlaskForm):
        pass

    F = AssessmentForm
    F.needs = MultiCheckboxField("Needs", choices=choices["needs"],
                                 validators=[InputRequired("Choose at least one need")])
    for need in needs:
        label = labels.get(need, need)
        setattr(F, f"words_{field_key(need)}", TextAreaField(
            f"{label}: in the client's own words", validators=[
                InputRequired(f"Write the client's own words for “{label}”"), limit(f"The words for {label}", 2000)]))
        setattr(F, f"hopes_{field_key(need)}", TextAreaField(
            f"{label}: what the client feels would help (optional)", validators=[limit("What would help", 2000)]))
    F.primary = RadioField("Which need comes first?", choices=options((n, labels.get(n, n)) for n in needs),
                           validators=[InputRequired("Choose the need to deal with first")])
    F.how_soon = RadioField("How soon does the client need to be seen?", choices=choices["how_soon"],
                            validators=[InputRequired("Choose how soon the client needs to be seen")])
    if safety:
        F.at_risk = RadioField(SAFETY_QUESTION, choices=YES_NO,
                               validators=[InputRequired("Ask the client the safety question and record the answer")])
    F.languages = MultiCheckboxField("Languages the client can use (none ticked: any)", choices=choices["languages"])
    F.fees = MultiCheckboxField("Fees or coverage the client can use (none ticked: any)", choices=choices["fees"])
    F.delivery = MultiCheckboxField("Ways the client can attend (none ticked: any)", choices=choices["delivery"])
    F.area = SelectField("Area", choices=choices["areas"], validators=[Optional()])
    F.age = IntegerField("Client's age (optional)", validators=[Optional(), NumberRange(
        0, 120, "Enter the age as a whole number from 0 to 120")])
    F.accessibility = StringField("Accessibility needs (optional)", validators=[limit("Accessibility needs", 300)])
    if findings:
        F.findings = TextAreaField("Your findings (optional)", validators=[limit("The findings", 4000)])
        F.treatment = TextAreaField("Treatment so far (optional)", validators=[limit("The treatment so far", 4000)])
    F.question = TextAreaField("What would you like the provider to do or answer?",
                               validators=[InputRequired("Write the question for the provider"),
                                           limit("The question", 2000)])
    F.report_to = StringField("Where should the provider send reports? (optional)",
                              validators=[limit("Where to send reports", 300)])
    return F(data=data)


class ChooseForm(FlaskForm):
    """Only the CSRF token is checked here; the slugs are checked against the proposals by the view."""
