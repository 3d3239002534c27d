"""The consent's fields and checks, shared by every form a client signs on: the public request (public
blueprint), the one-time consent link (public) and consent in person on the clinic's device (staff).

`consent_fields()` makes new fields each call, so each form lists them where it places them (WTForms orders
fields by creation) and the error summary follows the page.
"""
from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from intake_app.referrals.consent import POLICY
from intake_app.referrals.models import SHARED_INFORMATION
from intake_app.web.widgets import ClearDateField, MultiCheckboxField, limit, options


def consent_fields() -> tuple:
    """shared_information, expires_on, the four acknowledgements, signed_by, signature_name, and the
    representative's relationship and authority, in that order."""
    return (
        MultiCheckboxField("What may we share with the provider?", choices=options(SHARED_INFORMATION.items()),
                           validators=[DataRequired("Choose at least one kind of information we may share")]),
        ClearDateField("This permission ends on", example="2027-11-22", validators=[
            InputRequired("Enter the date this permission ends, for example 2027-11-22")]),
        BooleanField("I understand I can take back this permission at any time, in writing, as explained above",
                     validators=[DataRequired("Confirm that you understand you can take back this permission")]),
        BooleanField("I understand that my care does not depend on signing this",
                     validators=[DataRequired("Confirm that you understand your care does not depend on signing")]),
        BooleanField("I understand the provider could share my information again",
                     validators=[DataRequired("Confirm that you understand the provider could share your "
                                              "information again")]),
        BooleanField("I have read the rules for substance use records above"),
        RadioField("Who is signing?", choices=options([("client", "I am the person this request is for"),
                                                       ("representative", "I am signing for someone else")]),
                   validators=[InputRequired("Choose who is signing")]),
        StringField("Type your full name to sign", validators=[DataRequired("Type your full name to sign"),
                                                               limit("Your signature", 120)],
                    render_kw={"autocomplete": "name"}),
        StringField("Your relationship to the person", validators=[limit("Your relationship", 120)]),
        StringField("What gives you the authority to act for them", validators=[limit("Your authority", 200)]),
    )


class ConsentChecks:
    """The checks across consent fields; mixed into any form that has them and a `today`."""

    today: date

    def validate_expires_on(self, field):
        if field.data is None:
            return  # unreadable: its own message is already there
        latest = POLICY.latest_expiry(self.today)
        if field.data <= self.today:
            raise ValidationError("The end date must be after today")
        if not POLICY.expiry_allowed(self.today, field.data):
            raise ValidationError(f"The end date can be at most {POLICY.longest_months} months from today: "
                                  f"{latest.isoformat()} or earlier")

    def validate_acknowledged_substance_use(self, field):
        if "substance_use" in (self.shared_information.data or []) and not field.data:
            raise ValidationError("Confirm that you have read the rules for substance use records, or untick "
                                  "substance use records")

    def validate_representative_relationship(self, field):
        if self.signed_by.data == "representative" and not field.data.strip():
            raise ValidationError("Say how you are related to the person you are signing for")

    def validate_representative_authority(self, field):
        if self.signed_by.data == "representative" and not field.data.strip():
            raise ValidationError("Say what gives you the authority to act for them")

    def consent_values(self) -> dict:
        """The Consent's signed elements as the client gave them (referrals/consent_links.new_consent)."""
        shared = list(self.shared_information.data)
        representative = self.signed_by.data == "representative"

        def text(field):
            return (field.data or "").strip() or None if representative else None

        return {
            "shared_information": shared, "expires_on": self.expires_on.data,
            **{flag: bool(getattr(self, flag).data) for flag in POLICY.acknowledgements},
            "substance_use_records": "substance_use" in shared,
            "acknowledged_substance_use": bool(self.acknowledged_substance_use.data) and "substance_use" in shared,
            "signed_by": self.signed_by.data, "signature_name": self.signature_name.data.strip(),
            "representative_relationship": text(self.representative_relationship),
            "representative_authority": text(self.representative_authority),
        }


class ConsentForm(ConsentChecks, FlaskForm):
    """The consent alone, for a provider chosen with the client (in person or on a one-time link)."""

    (shared_information, expires_on, acknowledged_revocation, acknowledged_not_conditional,
     acknowledged_redisclosure, acknowledged_substance_use, signed_by, signature_name,
     representative_relationship, representative_authority) = consent_fields()
    consent_sha256 = HiddenField(validators=[limit("consent version", 64)])

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today


class ButtonForm(FlaskForm):
    """A form that is only a button and its CSRF token: "I do not agree", "issue a link"."""
