"""The client's check-in (referrals/checkins.py): with their reference code and secret, or with the link in a
check-in email, the client sees where the referral stands and who will contact them, and tells us what happened.

Neither code ever goes into a URL: after a sign-in the referral's id waits in the signed session for
SIGNED_IN_MINUTES, and the page is /check-in/referral. Every answer redirects (303) to a thank-you page that shows
nothing about anyone, so a reload or the back button sends nothing again. A wrong code or secret gets one neutral
message, and a dead link one neutral page, whatever the reason: a guess learns nothing.
"""
from __future__ import annotations

import logging
import time

from flask import current_app, redirect, render_template, url_for
from flask import session as flask_session

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.directory import catalog
from intake_app.infrastructure.extensions import limiter
from intake_app.referrals import answer_links, checkins, submissions
from intake_app.referrals.models import Referral
from intake_app.referrals.workflow import AWAITING_CONTACT, Status
from intake_app.web.public.forms import CheckInForm, CodesForm
from intake_app.web.public.views import bp, revoke_limit

log = logging.getLogger(__name__)

SIGNED_IN = "checkin"  # session key: {"referral": id, "at": epoch seconds}
SIGNED_IN_MINUTES = 30
S = Status
# Where the referral stands, in the client's words ({provider}: the provider's name, or "the provider").
STATUS_WORDS = {
    S.RECEIVED: "We have your request. Our intake team is checking it.",
    S.CONSENT_CHECKED: "We have checked your request and your permission, and will send it on soon.",
    S.SENT_TO_PROVIDER: "We have sent your referral to {provider}. They should contact you.",
    S.ACCEPTED: "{provider} has accepted your referral. They should contact you to book an appointment.",
    S.APPOINTMENT_BOOKED: "An appointment has been booked.",
    S.SEEN: "You have been seen by {provider}.",
    S.REPORT_RECEIVED: "{provider} has sent us their report.",
    S.CLOSED: "This referral is closed.",
    S.CLIENT_WITHDREW: "You told us you no longer need this referral, so it is closed.",
    S.COULD_NOT_CONTACT: "{provider} could not reach you. Contact us and we will help.",
}
CANNOT_TAKE = "{provider} cannot take this referral. Contact us and we will look at other options with you."


def status_words(referral: Referral, provider_name: str | None) -> str:
    words = STATUS_WORDS.get(Status(referral.status), CANNOT_TAKE)  # not eligible, no capacity, declined...
    if referral.provider_slug is None and Status(referral.status) in (S.RECEIVED, S.CONSENT_CHECKED):
        words = "We have your request and will contact you to choose a service with you."
    return words.format(provider=provider_name or "the provider")


def _page(referral: Referral, form: CheckInForm, action: str, status: int = 200):
    profile = catalog().get(referral.provider_slug) if referral.provider_slug else None
    name = profile.name if profile else referral.provider_name
    return render_template("public/checkin.html", form=form, action=action, profile=profile, provider_name=name,
                           words=status_words(referral, name), expected=referral.expected_contact_date,
                           awaiting=Status(referral.status) in AWAITING_CONTACT), status


def _answer(referral: Referral, action: str):
    """Validates and records the answer, then redirects to the thank-you page; the form again with its errors."""
    today = clock.today()
    form = CheckInForm(today=today)
    if not form.validate():
        return current_app.make_response(_page(referral, form, action, 400))
    moved = checkins.record(get_session(), referral, form.answer_given(), today=today, now=utcnow())
    log.info("client check-in on referral %s (%s)", referral.id, "status moved" if moved else "signal")
    return redirect(url_for("public.checkin_thanks"), 303)


def _sign_in_page(form: CodesForm, status: int = 200, **kwargs):
    return render_template("public/checkin_sign_in.html", form=form, **kwargs), status


@bp.get("/check-in")
def checkin():
    return _sign_in_page(CodesForm())


@bp.post("/check-in")
@limiter.limit(revoke_limit, override_defaults=False)  # the same as revocation: the codes must stay unguessable
def checkin_sign_in():
    form = CodesForm()
    if not form.validate():
        return _sign_in_page(form, 400)
    referral = submissions.find_by_secret(get_session(), form.reference.data, form.secret.data)
    if referral is None:
        return _sign_in_page(form, 400, no_match=True)
    flask_session[SIGNED_IN] = {"referral": referral.id, "at": int(time.time())}
    return redirect(url_for("public.checkin_referral"), 303)


def _signed_in() -> Referral | None:
    held = flask_session.get(SIGNED_IN)
    if not isinstance(held, dict) or not isinstance(held.get("referral"), int) or not isinstance(held.get("at"), int):
        return None
    if time.time() - held["at"] > SIGNED_IN_MINUTES * 60:
        flask_session.pop(SIGNED_IN, None)
        return None
    return get_session().get(Referral, held["referral"])


ENDED = (f"For your security, a check-in ends {SIGNED_IN_MINUTES} minutes after you enter your codes. "
         "Enter them again to tell us.")


@bp.get("/check-in/referral")
def checkin_referral():
    referral = _signed_in()
    if referral is None:
        return redirect(url_for("public.checkin"))
    return _page(referral, CheckInForm(today=clock.today(), formdata=None), url_for("public.checkin_referral_answer"))


@bp.post("/check-in/referral")
def checkin_referral_answer():
    referral = _signed_in()
    if referral is None:
        return _sign_in_page(CodesForm(formdata=None), 400, notice=ENDED)
    response = _answer(referral, url_for("public.checkin_referral_answer"))
    if response.status_code == 303:
        flask_session.pop(SIGNED_IN, None)  # one answer per sign-in: a shared computer keeps nothing open
    return response


@bp.get("/check-in/thanks")
def checkin_thanks():
    return render_template("public/checkin_thanks.html")


def _link(token: str):
    return answer_links.find(get_session(), token, answer_links.CLIENT, now=utcnow(), today=clock.today())


def _gone():
    return render_template("public/checkin_gone.html"), 404


@bp.get("/check-in/<token>")
def checkin_link(token: str):
    link = _link(token)
    if link is None:
        return _gone()
    get_session().commit()  # when it was last opened
    return _page(link.referral, CheckInForm(today=clock.today(), formdata=None),
                 url_for("public.checkin_link_answer", token=token))


@bp.post("/check-in/<token>")
def checkin_link_answer(token: str):
    link = _link(token)
    if link is None:
        return _gone()
    return _answer(link.referral, url_for("public.checkin_link_answer", token=token))
