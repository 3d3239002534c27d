"""`flask --app intake_app referrals fhir REFERENCE`: valid JSON on stdout, one audit line per export."""
from __future__ import annotations

import json

from sqlalchemy import select

from intake_app.commands.referrals import EXPORTED_FHIR
from intake_app.infrastructure.db import get_session
from intake_app.referrals.audit import AuditEvent
from intake_app.referrals.models import Referral
from tests.fhir.checks import problems, resources
from tests.fhir.test_bundle import NOW, stored


def audit_lines(app) -> list[AuditEvent]:
    with app.app_context():
        return list(get_session().scalars(select(AuditEvent).where(AuditEvent.action == EXPORTED_FHIR)))


def test_the_command_prints_a_valid_bundle_and_audits_it(app):
    reference = stored(app, shared=("contact_details", "substance_use"))
    result = app.test_cli_runner().invoke(args=["referrals", "fhir", reference.lower()[:4] + "-" + reference[4:]])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert problems(document) == []
    assert resources(document, "Task")[0]["identifier"][0]["value"] == reference
    assert resources(document, "Task")[0]["identifier"][0]["system"] == "https://intake.example/fhir/referral"
    [line] = audit_lines(app)
    with app.app_context():
        referral_id = get_session().scalar(select(Referral.id).where(Referral.reference == reference))
    assert (line.referral_id, line.username, line.user_id) == (referral_id, "cli", None)
    assert line.detail == "consent valid; 2 categories shared"  # counted, not named: the names could tell


def test_a_revoked_consent_is_said_on_stderr(app):
    reference = stored(app)
    with app.app_context():
        session = get_session()
        session.scalar(select(Referral).where(Referral.reference == reference)).consent.revoked_at = NOW
        session.commit()
    result = app.test_cli_runner().invoke(args=["referrals", "fhir", reference])
    assert result.exit_code == 0, result.output
    assert "revoked" in result.stderr and "no personal details" in result.stderr
    assert resources(json.loads(result.stdout), "Patient") == []
    assert audit_lines(app)[0].detail == "consent revoked; 0 categories shared"


def test_an_unknown_reference_is_a_clear_message_and_no_export(app):
    result = app.test_cli_runner().invoke(args=["referrals", "fhir", "ZZZZ-ZZZZ"])
    assert result.exit_code == 1
    assert "No referral has that reference" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert audit_lines(app) == []
