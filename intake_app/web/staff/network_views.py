"""One provider in the staff workspace (/staff/network/<slug>): its row of the network report, what its clients
said, and the relationship log, with a form to add to it."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired

from intake_app.infrastructure import clock
from intake_app.infrastructure.crypto import blind_index
from intake_app.infrastructure.db import get_session
from intake_app.infrastructure.directory import catalog
from intake_app.referrals import audit, network
from intake_app.referrals.report import DECLINED, client_comments
from intake_app.web.staff.blueprint import bp
from intake_app.web.widgets import ClearDateField, limit, options

VIEWED_PROVIDER, LOGGED_PROVIDER = "viewed provider page", "added to provider log"  # audit actions


class LogEntryForm(FlaskForm):
    happened_on = ClearDateField("Date", example="2026-11-30",
                                 validators=[InputRequired("Enter the date, for example 2026-11-30")])
    kind = RadioField("What happened", choices=options(network.KINDS.items()),
                      validators=[InputRequired("Choose what happened")])
    contact_person = StringField("Contact person (optional)", validators=[limit("The contact person", 200)])
    notes = TextAreaField("Notes (optional)", validators=[limit("The notes", 4000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.happened_on.data > clock.today():
            self.happened_on.errors = [f"The date cannot be in the future (today is {clock.today()})"]
            return False
        return valid


def _profile(slug: str):
    profile = catalog().get(slug)
    if profile is None:
        abort(404)
    return profile


def _render(profile, form: LogEntryForm, status: int = 200):
    session = get_session()
    row = network.provider_report(session, catalog(), profile.slug)
    audit.record(session, VIEWED_PROVIDER, detail=profile.slug, by=current_user)  # the comments are personal
    page = render_template("staff/network_provider.html", profile=profile, form=form, rows=[row] if row else [],
                           reasons=DECLINED, comments=client_comments(session, blind_index(profile.slug)),
                           entries=network.entries(session, profile.slug))
    session.commit()
    return page, status


@bp.get("/network/<slug>")
def network_provider(slug: str):
    return _render(_profile(slug), LogEntryForm())


@bp.post("/network/<slug>")
def add_log_entry(slug: str):
    profile = _profile(slug)
    form = LogEntryForm()
    if not form.validate():
        return _render(profile, form, 400)
    session = get_session()
    network.add_entry(session, profile.slug, happened_on=form.happened_on.data, kind=form.kind.data,
                      contact_person=(form.contact_person.data or "").strip() or None,
                      notes=(form.notes.data or "").strip() or None, by=current_user)
    audit.record(session, LOGGED_PROVIDER, detail=profile.slug, by=current_user)
    session.commit()
    flash("Added to the relationship log.")
    return redirect(url_for("staff.network_provider", slug=profile.slug))
