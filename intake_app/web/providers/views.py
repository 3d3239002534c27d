"""/provider/<token>: the receiving provider reads the referral letter (only what the client consented to share;
each view audited) and answers. The token is the only key and the URL holds nothing else. A link that does not
work, for whatever reason (unknown, expired, replaced, the referral closed or its consent gone), gets one
neutral page that says nothing about the referral.
"""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask import session as flask_session

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.infrastructure.directory import catalog
from intake_app.infrastructure.extensions import limiter
from intake_app.referrals import answer_links, audit, provider_answers
from intake_app.referrals.letter import compose
from intake_app.referrals.provider_answers import ANSWERS, AnswerRefused
from intake_app.referrals.workflow import Actor, Status, TransitionRefused
from intake_app.web.providers.forms import AnswerForm
from intake_app.web.widgets import options

bp = Blueprint("providers", __name__)
ANSWERED = "provider_answered"  # session key: the answer just stored, shown once on the next page


def _find(token: str):
    return answer_links.find(get_session(), token, answer_links.PROVIDER, now=utcnow(), today=clock.today())


def _no_store(response):
    response = current_app.make_response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _gone():
    return _no_store((render_template("providers/gone.html"), 404))


def _render(token: str, link, form: AnswerForm | None = None, status: int = 200):
    session, referral, config = get_session(), link.referral, current_app.config
    sections, signed = compose(session, referral, sender=provider_answers.sender(session, referral,
                                                                                 config["REFERRING_SERVICE"]),
                               service=config["REFERRING_SERVICE"], service_phone=config["CONTACT_PHONE"],
                               service_email=config["CONTACT_EMAIL"])
    offered = provider_answers.offered(referral)
    form = form or AnswerForm(formdata=None)
    form.seen.data = referral.status
    form.answer.choices = options((s.value, ANSWERS[s]) for s in offered)
    audit.record(session, audit.VIEWED_LETTER, referral.id, "on the provider's link", username=Actor.PROVIDER.value)
    session.commit()
    answered = flask_session.pop(ANSWERED, None)
    return _no_store((render_template(
        "providers/referral.html", token=token, referral=referral, sections=sections, signed=signed,
        profile=catalog().get(referral.provider_slug or ""), today=clock.today(), form=form, offered=offered,
        Status=Status, status=Status(referral.status), answered=answered and Status(answered).label), status))


@bp.get("/provider/<token>")
def referral(token: str):
    link = _find(token)
    return _gone() if link is None else _render(token, link)


def _text(field) -> str | None:
    return (field.data or "").strip() or None


@bp.post("/provider/<token>")
@limiter.limit(lambda: current_app.config["PUBLIC_POST_LIMIT"])
def answer(token: str):
    link = _find(token)
    if link is None:
        return _gone()
    form = AnswerForm()
    form.answer.choices = options((s.value, label) for s, label in ANSWERS.items())  # the domain says what is offered
    if not form.validate():
        return _render(token, link, form, 400)
    target = Status(form.answer.data)
    try:
        provider_answers.answer(get_session(), link, target, seen=form.seen.data, today=clock.today(),
                                note=_text(form.note), appointment_on=form.appointment_on.data,
                                report_summary=_text(form.report_summary))
    except AnswerRefused as refused:
        getattr(form, refused.field).errors = [str(refused)]
        return _render(token, link, form, 400)
    except TransitionRefused as refused:  # changed meanwhile; the link may have died with it
        link = _find(token)
        if link is None:
            return _gone()
        form.answer.errors = [str(refused)]
        return _render(token, link, form, 409)
    if target.is_final:  # the link ends with the referral: thank them here, not on a page it can no longer open
        return _no_store(render_template("providers/answered.html", answer=target.label))
    flask_session[ANSWERED] = target.value
    return redirect(url_for("providers.referral", token=token), 303)
