"""The client's forms. Every field has a length limit and a message that says exactly what to fix."""
from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Optional, ValidationError

from intake_app.referrals import checkins
from intake_app.referrals.models import CONTACT_METHODS, HOW_SOON
from intake_app.web.consent_form import ConsentChecks, consent_fields
from intake_app.web.widgets import ClearDateField, limit, options

PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,22}[0-9]$")


CHECK_IN_ANSWERS = {
    checkins.NOT_HEARD: "I have not heard from them yet",
    checkins.BOOKED: "I booked an appointment",
    checkins.HELPED: "I went, and I can tell you how much it helped",
    checkins.NO_LONGER_NEEDED: "I no longer need this referral",
}
HELPFULNESS = {"1": "1 – not at all", "2": "2", "3": "3", "4": "4", "5": "5 – a lot"}


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


class CodesForm(FlaskForm):
    """The reference code and secret that open a referral to its client (to revoke, to check in)."""
    reference = StringField("Reference code", validators=[DataRequired("Enter your reference code"),
                                                          limit("Reference code", 20)],
                            render_kw={"autocomplete": "off", "spellcheck": "false"})
    secret = StringField("Secret", validators=[DataRequired("Enter the secret shown when you sent your request"),
                                               limit("Secret", 40)],
                         render_kw={"autocomplete": "off", "spellcheck": "false"})


class RevokeForm(CodesForm):
    confirm = BooleanField("I want to take back my permission to share my information",
                           validators=[DataRequired("Confirm that you want to take back your permission")])


class CheckInForm(FlaskForm):
    """The client's answer on their check-in page: the date only with "booked", the rating only with "helped"."""
    answer = RadioField("What would you like to tell us?", choices=_choices(CHECK_IN_ANSWERS),
                        validators=[InputRequired("Choose what you would like to tell us")])
    booked_on = ClearDateField("Date of the appointment", example="2027-01-15", validators=[Optional()])
    helpfulness = RadioField("How much did it help?", choices=_choices(HELPFULNESS), validators=[Optional()])
    comment = TextAreaField("Anything you would like to tell us about it (optional)",
                            validators=[limit("Your comment", checkins.COMMENT_MAX)])

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate(self, extra_validators=None) -> bool:
        """The date and the rating are checked only with the answer they belong to; the rest is ignored."""
        super().validate(extra_validators)
        kind = self.answer.data
        for field in (self.booked_on,) if kind != checkins.BOOKED else ():
            field.errors = []
        for field in (self.helpfulness, self.comment) if kind != checkins.HELPED else ():
            field.errors = []
        day = self.booked_on.data
        if kind == checkins.BOOKED and not self.booked_on.errors:
            if day is None:
                self.booked_on.errors = ["Enter the date of your appointment, for example 2027-01-15"]
            elif not self.today - checkins.BOOKED_BEFORE <= day <= self.today + checkins.BOOKED_AFTER:
                self.booked_on.errors = ["Enter the date of your appointment: within a year before or two years "
                                         "after today"]
        if kind == checkins.HELPED and not self.helpfulness.data and not self.helpfulness.errors:
            self.helpfulness.errors = ["Choose how much it helped, from 1 (not at all) to 5 (a lot)"]
        return not any(field.errors for field in self)

    def answer_given(self) -> checkins.Answer:
        """The validated answer, with only the details that belong to it."""
        kind = self.answer.data
        return checkins.Answer(
            kind, booked_on=self.booked_on.data if kind == checkins.BOOKED else None,
            helpfulness=int(self.helpfulness.data) if kind == checkins.HELPED else None,
            comment=(self.comment.data or "").strip() or None if kind == checkins.HELPED else None)
