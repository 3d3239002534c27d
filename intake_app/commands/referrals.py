"""`flask --app intake_app referrals fhir REFERENCE`: one referral as a FHIR R4 Bundle (JSON on stdout).

The Bundle holds personal data when the client consented to share it, so each export is an audited action,
committed before anything is printed.
"""
from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from intake_app.infrastructure import clock
from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import audit, codes
from intake_app.referrals.interop.fhir_bundle import FhirSettings, bundle, consented_categories
from intake_app.referrals.models import Referral
from intake_app.referrals.moves import consent_of

EXPORTED_FHIR = "exported FHIR bundle"  # audit action; the detail counts categories (their names could tell)


@click.group("referrals")
def referrals() -> None:
    """Referrals as other systems read them."""


def fhir_settings() -> FhirSettings:
    base = current_app.config.get("APP_URL") or current_app.config["DIRECTORY_URL"]
    return FhirSettings(base_url=base.rstrip("/") + "/fhir/", service=current_app.config["REFERRING_SERVICE"])


@referrals.command("fhir")
@click.argument("reference")
@click.option("--indent", default=2, show_default=True, type=click.IntRange(0, 8), help="0: one line.")
@with_appcontext
def fhir_command(reference: str, indent: int) -> None:
    """Print the referral REFERENCE as a FHIR R4 Bundle: ServiceRequest, Task and its history, Consent, and
    the client as Patient only if they consented to share their contact details."""
    session = get_session()
    referral = session.scalar(select(Referral).where(Referral.reference == codes.normalise(reference)))
    if referral is None:
        raise click.ClickException("No referral has that reference. Check it against the staff queue.")
    state = consent_of(referral, clock.today())
    shared = consented_categories(referral, state)
    document = bundle(referral, shared, fhir_settings(), consent_state=state, now=utcnow())
    audit.record(session, EXPORTED_FHIR, referral.id, f"consent {state.value}; {len(shared)} categories shared",
                 username="cli")
    session.commit()
    click.echo(json.dumps(document, ensure_ascii=False, indent=indent or None))
    if state.value != "valid":
        click.echo(f"The consent is {state.value}: no personal details are in the bundle.", err=True)
