"""The storage foundations on SQLite and PostgreSQL: migrations, encryption at rest, all-or-nothing submissions."""
from __future__ import annotations


from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, text

from intake_app.infrastructure.db import database, get_session
from intake_app.referrals import codes
from intake_app.referrals.models import Consent, Referral, StatusEvent
from intake_app.referrals.submissions import IncompleteConsent, store
from tests.app.fixtures import make_referral


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_submission_stores_referral_consent_and_received_event(app):
    with app.app_context():
        session = get_session()
        receipt = store(session, *make_referral(urgent=True))
        session.expunge_all()
        referral = session.scalar(select(Referral).where(Referral.reference == receipt.reference))
        assert referral.client_name == "Alex Testperson"
        assert referral.urgent and referral.status == "received"
        assert referral.consent.signature_name == "Alex Testperson"
        assert [e.status for e in referral.events] == ["received"]
        assert referral.events[0].by_user_id is None
        assert referral.created_at.tzinfo is not None
        assert codes.secret_matches(receipt.secret, referral.revocation_secret_hash)
        assert not codes.secret_matches(codes.new_secret(), referral.revocation_secret_hash)


def test_reference_is_easy_to_read_aloud(app):
    with app.app_context():
        references = {store(get_session(), *make_referral()).reference for _ in range(20)}
    assert len(references) == 20
    for reference in references:
        assert len(reference) == codes.REFERENCE_LENGTH
        assert not set(reference) & set("0O1lIL"), reference


def test_personal_fields_are_not_stored_in_plain_text(app):
    with app.app_context():
        receipt = store(get_session(), *make_referral(client_name="Quillon Marchbanks",
                                                      shared=("contact_details", "substance_use")))
        with database(app).engine.connect() as connection:
            rows = [repr(tuple(row)) for table in ("referrals", "consents", "status_events")
                    for row in connection.execute(text(f"SELECT * FROM {table}"))]
    dump = "\n".join(rows)
    assert "Quillon" not in dump and "555-0142" not in dump and "trouble sleeping" not in dump
    assert "cedar-falls-family-health-team" not in dump and "Cedar Falls" not in dump  # what care was asked for
    assert "substance_use" not in dump and "contact_details" not in dump
    assert receipt.reference in dump  # the check can fail: plain columns are visible


def test_incomplete_consent_stores_nothing(app):
    with app.app_context():
        session = get_session()
        referral, consent = make_referral(shared=("contact_details", "substance_use"))
        consent.acknowledged_substance_use = False
        with pytest.raises(IncompleteConsent, match="substance use"):
            store(session, referral, consent)
        assert count(session, Referral) == count(session, Consent) == count(session, StatusEvent) == 0


def test_database_refuses_consent_without_statements(app):
    """The check constraints hold even for code that bypasses `store`."""
    with app.app_context():
        session = get_session()
        referral, consent = make_referral()
        consent.acknowledged_redisclosure = False
        referral.reference, referral.revocation_secret_hash, referral.consent = "TEST2345", "x" * 64, consent
        session.add(referral)
        with pytest.raises(Exception, match="consent_statements_acknowledged"):
            session.commit()


def test_same_form_sent_twice_is_stored_once_and_keeps_its_secret(app):
    with app.app_context():
        session = get_session()
        first = store(session, *make_referral(submission_key="k" * 32))
        again = store(session, *make_referral(submission_key="k" * 32))
        assert again.duplicate and again.reference == first.reference and again.secret is None
        referral = session.scalar(select(Referral))
        assert codes.secret_matches(first.secret, referral.revocation_secret_hash)
        assert count(session, Referral) == count(session, StatusEvent) == 1


def test_reference_collision_draws_again(app, monkeypatch):
    drawn = iter(["SAME2345", "SAME2345", "XTHR2345"])
    monkeypatch.setattr(codes, "new_reference", lambda: next(drawn))
    with app.app_context():
        session = get_session()
        assert store(session, *make_referral()).reference == "SAME2345"
        assert store(session, *make_referral()).reference == "XTHR2345"
        assert count(session, Referral) == count(session, Consent) == 2


def test_consent_status_is_valid_through_its_expiry_date(app):
    _referral, consent = make_referral(signed_on=date(2026, 1, 15))
    assert consent.expires_on == date(2027, 1, 15)
    assert consent.status_on(date(2027, 1, 15)) == "valid"
    assert consent.status_on(date(2027, 1, 16)) == "expired"
    consent.revoked_at = datetime(2026, 3, 1, tzinfo=timezone.utc)
    assert consent.status_on(date(2026, 3, 2)) == "revoked"
