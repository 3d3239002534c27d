"""Migration 0005 on a database with rows stored the old way: the plain care columns become encrypted ones and
the provider a blind index, with nothing lost (no cascade), on SQLite and PostgreSQL; and back again."""
from __future__ import annotations

import json
from datetime import date, timedelta

from alembic import command
from sqlalchemy import select, text

from intake_app import create_app
from intake_app.infrastructure.crypto import blind_index, fernet
from intake_app.infrastructure.db import database, get_session
from intake_app.infrastructure.directory import catalog
from intake_app.infrastructure.migrate import _config, upgrade
from intake_app.referrals.models import Referral, StatusEvent
from intake_app.referrals.models import LetterNotes, PurgedReferral
from intake_app.referrals.queue import Filters, queue_page
from intake_app.referrals.report import all_facts, network_report
from tests.app.fixtures import PROVIDER
from tests.staff.test_privacy import raw_database

NAME = "Cedar Falls Family Health Team"
SHARED = ["contact_details", "reason", "substance_use"]


def store_the_old_way(app) -> None:
    """One referral with its consent, history and letter notes, and one purged row, as 0004 stored them."""
    today = date.today()

    def token(value: str) -> str:
        return fernet().encrypt(value.encode()).decode()

    with app.app_context(), database(app).engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO referrals (id, reference, submission_key, revocation_secret_hash, provider_slug, "
            "provider_name, status, urgent, created_at, expected_contact_date, client_name, contact_method, reason, "
            "how_soon) VALUES (7, 'OLDR2345', 'old-key', :hash, :slug, :name, 'received', false, :now, :expected, "
            ":client, 'phone', :reason, 'weeks')"),
            {"hash": "0" * 64, "slug": PROVIDER, "name": NAME, "now": today, "expected": today + timedelta(days=17),
             "client": token("Robin Oldrow"), "reason": token("Low mood")})
        connection.execute(text(
            "INSERT INTO consents (referral_id, text_version, text_sha256, text, shared_information, discloser, "
            "recipient, purpose, expires_on, acknowledged_revocation, acknowledged_not_conditional, "
            "acknowledged_redisclosure, substance_use_records, acknowledged_substance_use, signed_by, "
            "signature_name, signed_on, signed_at) VALUES (7, 'v1', :sha, :text, :shared, 'the intake team', "
            ":recipient, :purpose, :expires, true, true, true, true, true, 'client', :signature, :today, :today)"),
            {"sha": "1" * 64, "text": token("The consent"), "shared": json.dumps(SHARED), "recipient": NAME,
             "purpose": f"To refer me to {NAME}", "expires": today + timedelta(days=365),
             "signature": token("Robin Oldrow"), "today": today})
        connection.execute(text("INSERT INTO status_events (referral_id, status, at) VALUES (7, 'received', :now)"),
                           {"now": today})
        connection.execute(text("INSERT INTO letter_notes (referral_id, substance_use) VALUES (7, :notes)"),
                           {"notes": token("Methadone programme since 2021")})
        connection.execute(text(
            "INSERT INTO purged_referrals (provider_slug, final_status, booked, seen, purged_at) "
            "VALUES (:slug, 'closed', true, true, :now)"), {"slug": PROVIDER, "now": today})


def test_0005_encrypts_the_old_rows_and_indexes_the_provider(app_config):
    app = create_app(app_config)
    upgrade(app, "0004")
    store_the_old_way(app)
    upgrade(app)
    with app.app_context():
        session = get_session()
        referral = session.get(Referral, 7)
        assert (referral.provider_slug, referral.provider_name) == (PROVIDER, NAME)
        assert referral.provider_index == blind_index(PROVIDER)
        consent = referral.consent  # not cascaded away while referrals was altered
        assert consent.shared_information == SHARED
        assert consent.substance_use_records is True and consent.acknowledged_substance_use is True
        assert (consent.recipient, consent.purpose) == (NAME, f"To refer me to {NAME}")
        assert [e.status for e in referral.events] == ["received"]
        assert session.scalar(select(LetterNotes.substance_use)) == "Methadone programme since 2021"
        assert session.scalar(select(PurgedReferral.provider_index)) == blind_index(PROVIDER)
        found = queue_page(session, Filters(provider=PROVIDER), date.today())
        assert [r.id for r in found.referrals] == [7]
        [row] = network_report(all_facts(session), catalog())
        assert (row.slug, row.referrals) == (PROVIDER, 2)  # the live referral and the purged one
    raw = raw_database(app)  # SQLite: the file itself, so the dropped plain values did not stay in free pages
    assert b"OLDR2345" in raw  # the check can fail
    for plain in (PROVIDER, NAME, "substance_use"):
        assert plain.encode() not in raw, plain
    database(app).engine.dispose()


def test_0005_downgrades_to_the_plain_columns(app_config):
    app = create_app(app_config)
    upgrade(app, "0004")
    store_the_old_way(app)
    upgrade(app)
    with app.app_context(), database(app).engine.begin() as connection:
        command.downgrade(_config(connection), "0004")
    with database(app).engine.connect() as connection:
        referral = connection.execute(text("SELECT provider_slug, provider_name FROM referrals")).one()
        consent = connection.execute(text(
            "SELECT shared_information, recipient, substance_use_records, acknowledged_substance_use "
            "FROM consents")).one()
        purged = connection.execute(text("SELECT provider_slug FROM purged_referrals")).scalar()
        notes = connection.execute(text("SELECT substance_use FROM letter_notes")).scalar()
    assert tuple(referral) == (PROVIDER, NAME) and purged == PROVIDER and notes.startswith("gAAAA")
    shared = consent[0] if isinstance(consent[0], list) else json.loads(consent[0])
    assert shared == SHARED and consent[1] == NAME and bool(consent[2]) and bool(consent[3])
    with app.app_context():
        assert get_session().scalar(select(StatusEvent.status)) == "received"
    database(app).engine.dispose()
