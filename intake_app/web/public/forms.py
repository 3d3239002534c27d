"""The client's forms. Every field has a length limit and a message that says exactly what to fix."""
from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Optional, ValidationError

from intake_app.referrals.models import CONTACT_METHODS, HOW_SOON
from intake_app.web.consent_form import ConsentChecks, consent_fields
from intake_app.web.widgets import ClearDateField, limit, options

PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,22}[0-9]$")


def _choices(labels: dict[str, str]) -> list[SelectChoice]:
    return options(labels.items())


class SafetyForm(FlaskForm):
    in_danger = RadioField(
        "Are you thinking about harming yourself or someone else, or are you in danger now?",
        choices=_choices({"yes": "Yes", "no": "No"}),
        validators=[InputRequired("Choose yes or no, so we know whether you need help right now")])


class RequestForm(ConsentChecks, FlaskForm):
    # Who the client is
    full_name = StringField("Full name", validators=[DataRequired("Enter your full name"), limit("Full name", 120)])
    date_of_birth = ClearDateField("Date of birth (optional)", example="1990-03-27", validators=[Optional()],
                                   render_kw={"autocomplete": "bday"})
    contact_method = RadioField("How should the provider contact you?", choices=_choices(CONTACT_METHODS),
                                validators=[InputRequired("Choose how the provider should contact you")])
    phone = StringField("Phone number", validators=[limit("Phone number", 30)],
                        render_kw={"autocomplete": "tel", "type": "tel"})
    email = StringField("Email address", validators=[limit("Email address", 254)],
                        render_kw={"autocomplete": "email", "type": "email", "spellcheck": "false"})
    preferred_language = StringField("Preferred language (optional)", validators=[limit("Preferred language", 60)])
    accessibility_needs = TextAreaField("Accessibility needs (optional)",
                                        validators=[limit("Accessibility needs", 1000)])
    best_times = StringField("Best times to call (optional)", validators=[limit("Best times to call", 200)])
    # What they need
    reason = TextAreaField("Why do you want this referral? Use your own words.",
                           validators=[DataRequired("Tell us in your own words why you want this referral"),
                                       limit("Why you want this referral", 2000)])
    hopes = TextAreaField("What do you hope will come of it? (optional)",
                          validators=[limit("What you hope for", 1000)])
    how_soon = RadioField("How soon do you need help?", choices=_choices(HOW_SOON),
                          validators=[InputRequired("Choose how soon you need help")])
    suggested_by = StringField("Who suggested this referral? (optional)",
                               validators=[limit("Who suggested this referral", 200)])
    # Consent (web/consent_form.py: the same fields and checks as the consent link and consent in person)
    (shared_information, expires_on, acknowledged_revocation, acknowledged_not_conditional,
     acknowledged_redisclosure, acknowledged_substance_use, signed_by, signature_name,
     representative_relationship, representative_authority) = consent_fields()
    # Carried between steps; checked like any other input
    urgent = HiddenField(validators=[Optional(), limit("urgent", 3)])
    submission_key = HiddenField(validators=[DataRequired("The form is incomplete; please reload the page"),
                                             limit("submission key", 64)])
    consent_sha256 = HiddenField(validators=[limit("consent version", 64)])
    # Honeypot: hidden from people (and from screen readers); bots fill it in
    leave_blank = StringField("Leave this field empty", validators=[limit("This field", 200)],
                              render_kw={"tabindex": "-1", "autocomplete": "off"})

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_date_of_birth(self, field):
        if field.data and not (date(self.today.year - 120, 1, 1) <= field.data <= self.today):
            raise ValidationError("Date of birth must be a real date in the past, for example 1990-03-27")

    def validate_phone(self, field):
        wanted = self.contact_method.data in ("phone", "text")
        if wanted and not field.data.strip():
            raise ValidationError("Enter a phone number, so the provider can call or text you")
        if field.data.strip() and not PHONE.match(field.data.strip()):
            raise ValidationError("Enter a phone number using digits, like +1 613-555-0142")

    def validate_email(self, field):
        if self.contact_method.data == "email" and not field.data.strip():
            raise ValidationError("Enter an email address, so the provider can email you")
        if field.data.strip():
            Email("Enter an email address like name@example.com")(self, field)

    def validate_leave_blank(self, field):
        if field.data:
            raise ValidationError("Clear the field labelled “Leave this field empty”, then send the form again")


class RevokeForm(FlaskForm):
    reference = StringField("Reference code", validators=[DataRequired("Enter your reference code"),
                                                          limit("Reference code", 20)],
                            render_kw={"autocomplete": "off", "spellcheck": "false"})
    secret = StringField("Secret", validators=[DataRequired("Enter the secret shown when you sent your request"),
                                               limit("Secret", 40)],
                         render_kw={"autocomplete": "off", "spellcheck": "false"})
    confirm = BooleanField("I want to take back my permission to share my information",
                           validators=[DataRequired("Confirm that you want to take back your permission")])
