"""The one-time consent link: the client opens it (no account), reads the consent naming the provider chosen
with them, and signs it or says they do not agree. Used, expired, revoked, closed, or the provider changed:
the same page that says only that the link does not work, and nothing about whom it was for.
"""
from __future__ import annotations

import logging

from flask import current_app, render_template

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import consent as consent_text
from intake_app.referrals import consent_links
from intake_app.referrals.consent import POLICY
from intake_app.referrals.models import SHARED_INFORMATION
from intake_app.web.consent_form import ButtonForm, ConsentForm
from intake_app.web.public.views import bp

log = logging.getLogger(__name__)


def _paragraphs(referral) -> list[str]:
    config = current_app.config
    return consent_text.paragraphs(consent_text.Parties(
        discloser=config["REFERRING_SERVICE"], recipient=referral.provider_name,
        contact=f"{config['REFERRING_SERVICE']} at {config['CONTACT_EMAIL']}"))


def _gone():
    return render_template("public/consent_link_gone.html"), 404


def _render(token: str, referral, form: ConsentForm | None = None, status: int = 200):
    today = clock.today()
    shown = _paragraphs(referral)
    if form is None:
        form = ConsentForm(formdata=None, today=today, expires_on=POLICY.default_expiry(today))
    form.consent_sha256.data = consent_text.sha256(consent_text.text(shown))
    response = current_app.make_response((render_template(
        "public/consent_link.html", token=token, form=form, paragraphs=shown, recipient=referral.provider_name,
        expiry_hint=POLICY.expiry_hint, decline_form=ButtonForm()), status))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/consent/<token>")
def consent_link(token: str):
    link = consent_links.find(get_session(), token, utcnow())
    return _gone() if link is None else _render(token, link.referral)


@bp.post("/consent/<token>")
def consent_link_sign(token: str):
    session = get_session()
    link = consent_links.find(session, token, utcnow())
    if link is None:
        return _gone()
    referral, today = link.referral, clock.today()
    form = ConsentForm(today=today)
    shown = consent_text.text(_paragraphs(referral))
    if not form.validate():
        return _render(token, referral, form, 400)
    if form.consent_sha256.data != consent_text.sha256(shown):
        return _render(token, referral, None, 409)
    signed = consent_links.new_consent(referral, shown=shown, discloser=current_app.config["REFERRING_SERVICE"],
                                       today=today, values=form.consent_values())
    try:
        secret = consent_links.sign(session, referral, signed, via=consent_links.LINK, now=utcnow(), link=link)
    except consent_links.LinkUnusable:
        return _gone()
    log.info("consent for referral %s signed on a link", referral.id)
    return render_template("public/consent_signed.html", referral=referral, consent=signed, secret=secret,
                           labels=SHARED_INFORMATION)


@bp.post("/consent/<token>/decline")
def consent_link_decline(token: str):
    session = get_session()
    link = consent_links.find(session, token, utcnow())
    if link is None or not ButtonForm().validate():
        return _gone()
    try:
        consent_links.decline(session, link.referral, via=consent_links.LINK, now=utcnow(), link=link)
    except consent_links.LinkUnusable:
        return _gone()
    log.info("consent for referral %s declined on a link", link.referral_id)
    return render_template("public/consent_declined.html")
