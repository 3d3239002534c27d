"""Consent for the provider chosen with the client, from the record: signed in person on the clinic's device
(the signed-in staff member is the witness), or remotely through a one-time link printed for the client; a
refusal to sign is recorded. Also: a public "help me choose" request starts its needs assessment here.

The link's token is shown on the page that issues it and never again (only its hash is stored).
"""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import consent as consent_text
from intake_app.referrals import consent_links, help_me_choose
from intake_app.referrals.consent import POLICY
from intake_app.referrals.models import Referral
from intake_app.referrals.workflow import Status
from intake_app.web.consent_form import ConsentForm, ButtonForm
from intake_app.web.staff.blueprint import bp


def _referral(referral_id: int) -> Referral:
    referral = get_session().get(Referral, referral_id)
    if referral is None:
        abort(404)
    return referral


def paragraphs(referral: Referral) -> list[str]:
    config = current_app.config
    return consent_text.paragraphs(consent_text.Parties(
        discloser=config["REFERRING_SERVICE"], recipient=referral.provider_name,
        contact=f"{config['REFERRING_SERVICE']} at {config['CONTACT_EMAIL']}"))


def _ready(referral: Referral):
    """A redirect back to the record when consent cannot be asked for yet (or any more); else None."""
    if referral.provider_slug is None:
        flash("Choose a provider with the client first: complete the needs assessment and the matching.")
    elif Status(referral.status).is_final:
        flash("This referral has ended: no consent can be recorded for it.")
    else:
        return None
    return redirect(url_for("staff.record", referral_id=referral.id))


def _render(referral: Referral, form: ConsentForm | None = None, status: int = 200):
    today = clock.today()
    shown = paragraphs(referral)
    if form is None:
        form = ConsentForm(formdata=None, today=today, expires_on=POLICY.default_expiry(today))
    form.consent_sha256.data = consent_text.sha256(consent_text.text(shown))
    return render_template("staff/consent.html", referral=referral, form=form, paragraphs=shown,
                           recipient=referral.provider_name, expiry_hint=POLICY.expiry_hint,
                           decline_form=ButtonForm(), link_days=current_app.config["CONSENT_LINK_DAYS"]), status


@bp.get("/referrals/<id:referral_id>/consent")
def consent(referral_id: int):
    referral = _referral(referral_id)
    return _ready(referral) or _render(referral)


@bp.post("/referrals/<id:referral_id>/consent/in-person")
def consent_in_person(referral_id: int):
    referral = _referral(referral_id)
    if (back := _ready(referral)) is not None:
        return back
    today = clock.today()
    form = ConsentForm(today=today)
    shown = consent_text.text(paragraphs(referral))
    if not form.validate():
        return _render(referral, form, 400)
    if form.consent_sha256.data != consent_text.sha256(shown):
        form.signature_name.errors = ["The consent wording changed while this page was open (or the provider "
                                      "did). Read it again with the client, then sign again."]
        return _render(referral, form, 409)
    session = get_session()
    signed = consent_links.new_consent(referral, shown=shown, discloser=current_app.config["REFERRING_SERVICE"],
                                       today=today, values=form.consent_values())
    secret = consent_links.sign(session, referral, signed, via=consent_links.IN_PERSON, now=utcnow(),
                                witness=current_user)
    if secret is None:
        flash(f"Consent for {referral.provider_name} recorded, witnessed by you.")
        return redirect(url_for("staff.record", referral_id=referral.id))
    return render_template("staff/consent_signed.html", referral=referral, secret=secret)


@bp.post("/referrals/<id:referral_id>/consent/decline")
def consent_declined(referral_id: int):
    referral = _referral(referral_id)
    if (back := _ready(referral)) is not None:
        return back
    if not ButtonForm().validate():
        abort(400)
    consent_links.decline(get_session(), referral, via=consent_links.IN_PERSON, now=utcnow(), by=current_user)
    flash(f"Recorded that the client declined to sign the consent for {referral.provider_name}.")
    return redirect(url_for("staff.record", referral_id=referral.id))


@bp.post("/referrals/<id:referral_id>/consent/link")
def consent_link(referral_id: int):
    referral = _referral(referral_id)
    if (back := _ready(referral)) is not None:
        return back
    if not ButtonForm().validate():  # CSRF only
        abort(400)
    days = current_app.config["CONSENT_LINK_DAYS"]
    token = consent_links.issue(get_session(), referral, by=current_user, now=utcnow(), days=days,
                                link_for=lambda token: url_for("public.consent_link", token=token, _external=True))
    response = current_app.make_response(render_template(
        "staff/consent_link.html", referral=referral, days=days, emailed=consent_links.emails_link(referral),
        url=url_for("public.consent_link", token=token, _external=True)))
    response.headers["Cache-Control"] = "no-store"  # the token is shown once; the back button must not keep it
    return response


@bp.post("/referrals/<id:referral_id>/assess")
def begin_assessment(referral_id: int):
    referral = _referral(referral_id)
    if not ButtonForm().validate():  # CSRF only
        abort(400)
    help_me_choose.begin_assessment(get_session(), referral, by=current_user)
    return redirect(url_for("staff.assessment", referral_id=referral.id))
