"""Client-facing pages. Steps: safety question → (crisis page →) request and consent form → confirmation.

Every step is a plain HTML form, so it works without JavaScript. The safety answer is POSTed, never put in a
URL, because URLs end up in logs. A stored request redirects (303) to /received, which shows the one-time
secret from the signed session once, then drops it (post/redirect/get: a reload sends nothing again).
"""
from __future__ import annotations

import logging
import secrets
from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from flask import session as flask_session
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import NotFound

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.directory import Profile, catalog, listed_provider
from intake_app.infrastructure.errors import csrf_failed
from intake_app.infrastructure.extensions import limiter
from intake_app.referrals import submissions
from intake_app.referrals import consent as consent_text
from intake_app.referrals.consent import POLICY
from intake_app.referrals.models import CONTACT_METHODS, HOW_SOON, SHARED_INFORMATION, Consent, Referral
from intake_app.referrals.submissions import expected_contact_date
from intake_app.web.public.forms import RequestForm, RevokeForm, SafetyForm

bp = Blueprint("public", __name__)
log = logging.getLogger(__name__)

HELP_CHOOSE = "help"  # /refer/help: "not sure — please help me choose"; "help" and "choose" are not provider slugs
RECEIPT = "receipt"  # session key: {"referral": id, "secret": ...} until the confirmation has been shown once


def revoke_limit() -> str:
    return current_app.config["REVOKE_LIMIT"]


def provider_for(target: str) -> Profile | None:
    """The provider a /refer/<target> URL names; None for "help me choose"; 404 if unknown or inactive."""
    if target == HELP_CHOOSE:
        return None
    profile = listed_provider(target)
    if profile is None:
        abort(404)
    return profile


def parties(profile: Profile | None) -> consent_text.Parties:
    config = current_app.config
    return consent_text.Parties(
        discloser=config["REFERRING_SERVICE"],
        recipient=profile.name if profile else consent_text.HELP_CHOOSE_RECIPIENT,
        contact=f"{config['REFERRING_SERVICE']} at {config['CONTACT_EMAIL']}")


def shown_consent(profile: Profile | None) -> str:
    """The consent text exactly as the form shows it (one paragraph per <p>)."""
    return consent_text.text(consent_text.paragraphs(parties(profile)))


def new_request_form(profile: Profile | None, *, urgent: bool) -> RequestForm:
    today = clock.today()
    form = RequestForm(formdata=None, today=today, expires_on=POLICY.default_expiry(today),
                       urgent="yes" if urgent else "", submission_key=secrets.token_hex(16))
    form.consent_sha256.data = consent_text.sha256(shown_consent(profile))
    return form


def render_request(profile: Profile | None, form: RequestForm, *, notice: str | None = None, status: int = 200):
    return render_template("public/request.html", profile=profile, form=form, notice=notice,
                           target=profile.slug if profile else HELP_CHOOSE,
                           consent=consent_text.paragraphs(parties(profile)), expiry_hint=POLICY.expiry_hint,
                           urgent=form.urgent.data == "yes"), status


@bp.get("/")
@bp.get("/refer")
def choose():
    return render_template("public/choose.html", providers=catalog().listed)


@bp.get("/refer/choose")
def choose_redirect():
    """The no-JavaScript chooser submits here (GET) and lands on the chosen provider's request."""
    return redirect(url_for("public.safety", target=request.args.get("provider", "")[:120] or HELP_CHOOSE))


def asks_about_safety(profile: Profile | None) -> bool:
    return submissions.asks_about_safety(profile, catalog().taxonomy.mental_health_categories)


def render_safety(profile: Profile | None, target: str, form: SafetyForm, status: int = 200):
    return render_template("public/safety.html", profile=profile, target=target, form=form,
                           ask=asks_about_safety(profile)), status


@bp.get("/refer/<target>")
def safety(target: str):
    profile = provider_for(target)
    return render_safety(profile, target, SafetyForm())


@bp.post("/refer/<target>/safety")
def safety_answer(target: str):
    profile = provider_for(target)
    form = SafetyForm()
    if not asks_about_safety(profile):  # the crisis lines were shown as a notice (CSRF checked app-wide)
        return render_request(profile, new_request_form(profile, urgent=False))
    if not form.validate():
        return render_safety(profile, target, form, 400)
    if form.in_danger.data == "yes" and "continue" not in request.form:
        return render_template("public/crisis.html", profile=profile, target=target, form=form)
    return render_request(profile, new_request_form(profile, urgent=form.in_danger.data == "yes"))


@bp.get("/refer/<target>/safety")
@bp.get("/refer/<target>/request")
def restart(target: str):
    """A bookmarked or reopened step (they are POST-only) starts the request again instead of a bare 405."""
    return redirect(url_for("public.safety", target=target))


@bp.get("/crisis")
def crisis():
    return render_template("public/crisis.html", profile=None, target=None, form=None)


@bp.post("/refer/<target>/request")
def submit(target: str):
    profile = provider_for(target)
    today = clock.today()
    form = RequestForm(today=today)
    shown = shown_consent(profile)
    if not form.validate():
        return render_request(profile, form, status=400)
    if form.consent_sha256.data != consent_text.sha256(shown):
        # The wording changed since the form was opened: never record agreement to text nobody saw.
        form.consent_sha256.data = consent_text.sha256(shown)
        return render_request(profile, form, status=409, notice="The consent wording has been updated since you "
                              "opened this form. Please read it again below, then send the form.")
    try:
        receipt = submissions.store(get_session(), *build_referral(form, profile, shown, today))
    except SQLAlchemyError as error:
        # Only the error's kind is logged: its text may quote the values that were being written.
        get_session().rollback()
        log.error("referral could not be stored: %s", type(error).__name__)
        return render_request(profile, form, status=503, notice="We could not save your request just now. Nothing "
                              "you typed is lost: please send the form again in a minute, or call us at "
                              f"{current_app.config['CONTACT_PHONE']}.")
    log.info("referral %s stored%s", receipt.referral_id, " (resent form)" if receipt.duplicate else "")
    if not receipt.duplicate:
        flask_session[RECEIPT] = {"referral": receipt.referral_id, "secret": receipt.secret}
    # A duplicate leaves the session alone: it shows a secret not yet shown to this browser, or "already received".
    return redirect(url_for("public.confirmation"), 303)


@bp.get("/received")
def confirmation():
    """The request and its secret, once; afterwards (reload, resent form, another browser) only that it arrived.

    The URL holds nothing: no reference either, since reference and secret together revoke the consent."""
    pending = flask_session.pop(RECEIPT, None)
    referral = get_session().get(Referral, pending["referral"]) if isinstance(pending, dict) else None
    if referral is None:
        return render_template("public/already_received.html")
    # An urgent request: the referring service calls back, whatever the provider's wait.
    callback = submissions.callback_for(referral, current_app.extensions["intake_timezone"],
                                        current_app.config["CALLBACK_BUSINESS_DAYS"])
    return render_template("public/confirmation.html", referral=referral, consent=referral.consent,
                           profile=catalog().get(referral.provider_slug or ""), secret=pending["secret"],
                           labels=LABELS, callback=callback)


@bp.errorhandler(CSRFError)
def csrf_failed_here(error: CSRFError):
    """The request form is given back with everything the client typed, not thrown away; other public forms
    get the app's page. (The check runs in the app's before_request; Flask finds this handler by blueprint.)"""
    if request.endpoint == "public.submit":
        return request_form_again()
    return csrf_failed(error)


def request_form_again():
    """After a failed CSRF check: the same form, filled in with what was sent, and a new token."""
    try:
        profile = provider_for(request.view_args["target"])
    except NotFound:  # raised inside an error handler it would not reach the 404 handler
        return render_template("errors/404.html"), 404
    return render_request(profile, RequestForm(today=clock.today()), status=400,
                          notice="For your security this form expired before it was sent. Your answers are still "
                                 "below: check them, then send the form again.")


LABELS = {"contact_method": CONTACT_METHODS, "how_soon": HOW_SOON, "shared_information": SHARED_INFORMATION}


def _text(value: str) -> str | None:
    value = (value or "").strip()
    return value or None


def build_referral(form: RequestForm, profile: Profile | None, shown: str, today: date) -> tuple[Referral, Consent]:
    config = current_app.config
    recipient = parties(profile).recipient
    shared = list(form.shared_information.data)
    representative = form.signed_by.data == "representative"
    referral = Referral(
        submission_key=form.submission_key.data,
        provider_slug=profile.slug if profile else None, provider_name=profile.name if profile else None,
        urgent=form.urgent.data == "yes",
        expected_contact_date=expected_contact_date(
            today, profile.typical_days if profile else 0, config["PROCESSING_DAYS"], config["UNKNOWN_WAIT_DAYS"]),
        client_name=form.full_name.data.strip(),
        date_of_birth=form.date_of_birth.data.isoformat() if form.date_of_birth.data else None,
        contact_method=form.contact_method.data, phone=_text(form.phone.data), email=_text(form.email.data),
        preferred_language=_text(form.preferred_language.data),
        accessibility_needs=_text(form.accessibility_needs.data), best_times=_text(form.best_times.data),
        reason=form.reason.data.strip(), hopes=_text(form.hopes.data), how_soon=form.how_soon.data,
        suggested_by=_text(form.suggested_by.data))
    consent = Consent(
        text_version=consent_text.VERSION, text=shown, text_sha256=consent_text.sha256(shown),
        shared_information=shared, discloser=config["REFERRING_SERVICE"], recipient=recipient,
        purpose=consent_text.purpose(recipient), expires_on=form.expires_on.data,
        acknowledged_revocation=form.acknowledged_revocation.data,
        acknowledged_not_conditional=form.acknowledged_not_conditional.data,
        acknowledged_redisclosure=form.acknowledged_redisclosure.data,
        substance_use_records="substance_use" in shared,
        acknowledged_substance_use=bool(form.acknowledged_substance_use.data) and "substance_use" in shared,
        signed_by=form.signed_by.data, signature_name=form.signature_name.data.strip(),
        representative_relationship=_text(form.representative_relationship.data) if representative else None,
        representative_authority=_text(form.representative_authority.data) if representative else None,
        signed_on=today)
    return referral, consent


@bp.get("/revoke")
def revoke():
    return render_template("public/revoke.html", form=RevokeForm())


@bp.post("/revoke")
@limiter.limit(revoke_limit, override_defaults=False)  # on top of PUBLIC_POST_LIMIT
def revoke_submit():
    form = RevokeForm()
    if not form.validate():
        return render_template("public/revoke.html", form=form), 400
    session = get_session()
    referral = submissions.find_by_secret(session, form.reference.data, form.secret.data)
    if referral is None:
        # One answer for a wrong code and a wrong secret: a guess learns nothing about which references exist.
        return render_template("public/revoke.html", form=form, no_match=True), 400
    # Every consent of the referral: the public request's and any signed later for a provider chosen with staff.
    now = utcnow()
    pending = [c for c in referral.consents if c.revoked_at is None]
    for consent in pending:
        consent.revoked_at = now
    if pending:
        session.commit()
        log.info("consents of referral %s revoked", referral.id)
    revoked = max((c.revoked_at for c in referral.consents if c.revoked_at), default=now)
    return render_template("public/revoked.html", revoked_at=revoked)
