"""Privacy by design: no plaintext personal data in the raw database, key rotation, the audit log."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from intake_app import create_app
from intake_app.accounts.models import ADMIN
from intake_app.infrastructure.crypto import EncryptedText
from intake_app.infrastructure.db import Base, database, get_session
from intake_app.infrastructure.keys import encrypted_columns
from intake_app.referrals.audit import AppendOnly, AuditEvent
from intake_app.referrals.models import Referral
from tests.app.fixtures import PROVIDER
from tests.app.journey import submit
from tests.staff.conftest import add_referral, add_user, days_ago, post_form, sign_in

NAME = "Quillon Zephyrine-Okafor"
SECRETS = [NAME, "Zephyrine", "555-0142", "trouble sleeping", "Panic attacks since the flood",
           "Seen twice; discharged", "Signature checked by phone", "Methadone programme"]
# What care was asked for: the provider (slug and name) and the Part 2 category's key.
CARE = [PROVIDER, "Cedar Falls Family Health Team", "substance_use"]


def fill_everything(app, client) -> int:
    """A referral with every kind of personal field filled in through the staff pages."""
    referral_id = add_referral(app, client_name=NAME, shared=("contact_details", "reason", "history", "substance_use"))
    record = f"/staff/referrals/{referral_id}"
    assert post_form(client, record, f"{record}/move", {"move-target": "consent_checked",
                                                         "move-note": "Signature checked by phone"}).status_code == 302
    assert post_form(client, record, f"{record}/letter-notes",
                     {"letter-history": "Panic attacks since the flood",
                      "letter-substance_use": "Methadone programme since 2021"}).status_code == 302
    assert post_form(client, record, f"{record}/outcome",
                     {"outcome-report_summary": "Seen twice; discharged", "outcome-helpfulness": "4"}).status_code == 302
    return referral_id


def raw_database(app) -> bytes:
    """Everything the database holds, as stored: the SQLite files (after a checkpoint), or every PostgreSQL row
    as text."""
    engine = database(app).engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database(app).engine.dispose()
        path = Path(engine.url.database)
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        return "\n".join(str(value) for table in tables
                         for value in connection.execute(text(f'SELECT CAST(t AS text) FROM "{table}" t')).scalars()
                         ).encode()


def reference_of(app, referral_id: int) -> str:
    with app.app_context():
        return get_session().get(Referral, referral_id).reference


def test_the_raw_database_holds_no_plaintext_personal_data(app, logged_in):
    referral_id = fill_everything(app, logged_in)
    raw = raw_database(app)
    assert reference_of(app, referral_id).encode() in raw  # the check can fail: plain columns are readable this way
    for secret in SECRETS + CARE:
        assert secret.encode() not in raw, secret
    assert b"gAAAAA" in raw  # Fernet tokens are there instead


def test_the_raw_database_does_not_say_what_care_was_asked_for(app, client):
    """A request through the public form for a named provider, sharing Part 2 records: neither the provider nor
    the category's key is anywhere in the database, not even as a column, constraint or index name."""
    page = submit(client, shared_information=["contact_details", "reason", "substance_use"],
                  acknowledged_substance_use="y").text
    assert "Your request has been sent" in page and "Cedar Falls Family Health Team" in page
    reference = re.search(r'id="reference">([^<]+)<', page).group(1).replace("-", "")
    with app.app_context():  # stored, and readable with the keys
        referral = get_session().scalar(select(Referral).where(Referral.reference == reference))
        assert referral.provider_slug == PROVIDER and referral.consent.substance_use_records
        assert "substance_use" in referral.consent.shared_information
    raw = raw_database(app)
    assert reference.encode() in raw  # the check can fail
    for plain in CARE:
        assert plain.encode() not in raw, plain


def test_every_personal_column_is_encrypted():
    """A new personal column added as plain Text would escape the grep above until someone fills it."""
    columns = {f"{t.name}.{c}" for t, names in encrypted_columns() for c in names}
    assert {"referrals.client_name", "referrals.reason", "status_events.note", "outcomes.report_summary",
            "outcomes.plan_fit", "letter_notes.history", "consents.signature_name",
            # what care was asked for
            "referrals.provider_slug", "referrals.provider_name", "consents.shared_information",
            "consents.recipient", "consents.purpose", "consents.part2_records", "consents.acknowledged_part2",
            "letter_notes.part2_records", "consents.recipient_slug"} <= columns
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            assert str(column.type) != "TEXT" or f"{table.name}.{column.name}" in columns, \
                f"plain text column {table.name}.{column.name}"
        names = [table.name, *(c.name for c in table.columns), *(i.name for i in table.indexes),
                 *(str(c.name) for c in table.constraints)]
        assert not [n for n in names if "substance" in n.lower()], names  # names are stored in the schema too


def read_everything(app) -> list[str]:
    """Every encrypted value of every row, decrypted with the app's keys."""
    values = []
    with app.app_context():
        session = get_session()
        for mapper in Base.registry.mappers:
            model = mapper.class_
            names = [a.key for a in mapper.column_attrs if isinstance(a.columns[0].type, EncryptedText)]
            for row in session.scalars(select(model)):
                values += [v if isinstance(v, str) else json.dumps(v)  # lists and flags too
                           for v in (getattr(row, n) for n in names) if v is not None]
    return values


def test_key_rotation_keeps_every_record_readable(app, app_config, logged_in):
    fill_everything(app, logged_in)
    before = sorted(read_everything(app))
    assert NAME in before and "Signature checked by phone" in before and len(before) >= 8
    assert {PROVIDER, "Methadone programme since 2021", "true"} <= set(before)  # provider, Part 2 notes and flags
    assert '["contact_details", "reason", "history", "substance_use"]' in before  # shared categories
    old_key, new_key = app_config["ENCRYPTION_KEYS"], Fernet.generate_key().decode()
    rotating = create_app({**app_config, "ENCRYPTION_KEYS": f"{new_key},{old_key}"})
    result = rotating.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0 and f"Re-encrypted {len(before)} personal fields" in result.output
    database(rotating).engine.dispose()
    new_only = create_app({**app_config, "ENCRYPTION_KEYS": new_key})
    assert sorted(read_everything(new_only)) == before
    database(new_only).engine.dispose()
    with pytest.raises(Exception, match="could not be decrypted"):
        read_everything(create_app({**app_config, "ENCRYPTION_KEYS": old_key}))  # the old key no longer reads them


def test_rotation_without_the_old_key_stops_with_a_clear_message(app, app_config, logged_in):
    fill_everything(app, logged_in)
    wrong = create_app({**app_config, "ENCRYPTION_KEYS": Fernet.generate_key().decode()})
    result = wrong.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 1 and "was encrypted with a key that is not in ENCRYPTION_KEYS" in result.output
    database(wrong).engine.dispose()
    assert NAME in read_everything(app)  # nothing was damaged


def audit_trail(app) -> list[tuple[str, str, int | None]]:
    with app.app_context():
        return [(e.username, e.action, e.referral_id)
                for e in get_session().scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_views_and_changes_are_audited(app, logged_in):
    referral_id = add_referral(app)
    logged_in.get(f"/staff/referrals/{referral_id}")
    post_form(logged_in, f"/staff/referrals/{referral_id}", f"/staff/referrals/{referral_id}/move",
              {"move-target": "consent_checked"})
    logged_in.get(f"/staff/referrals/{referral_id}/letter")
    trail = audit_trail(app)
    assert ("sam.staff", "changed status", referral_id) in trail
    assert ("sam.staff", "viewed letter", referral_id) in trail
    assert trail.count(("sam.staff", "viewed", referral_id)) >= 2
    with app.app_context():
        detail = get_session().scalar(select(AuditEvent.detail).where(AuditEvent.action == "changed status"))
    assert detail == "Received → Consent checked"


def test_only_admins_see_the_audit_log(app, admin_client):
    referral_id = add_referral(app)
    admin_client.get(f"/staff/referrals/{referral_id}")
    page = admin_client.get("/staff/audit").text
    assert "ada.admin" in page and f"#{referral_id}" in page and "viewed" in page


def test_queue_views_are_audited_with_the_page_and_filters_but_no_names(app, logged_in):
    add_referral(app, client_name="Quinn Listedperson", urgent=True)
    assert "Quinn Listedperson" in logged_in.get("/staff/?status=any&urgency=urgent&provider=any").text
    logged_in.get("/staff/?page=2&urgency=nonsense")  # an unknown filter is ignored, and the page still audited
    with app.app_context():
        queue_views = [(e.username, e.referral_id, e.detail) for e in get_session().scalars(
            select(AuditEvent).where(AuditEvent.action == "viewed queue").order_by(AuditEvent.id))]
    assert queue_views == [("sam.staff", None, "page 1; status any; urgency urgent; provider any"),
                           ("sam.staff", None, "page 2; status open; urgency any; provider any")]
    add_user(app, "ada.admin", ADMIN)
    admin = app.test_client()
    sign_in(admin, "ada.admin")
    audit_page = admin.get("/staff/audit").text
    assert "viewed queue" in audit_page and "page 1; status any; urgency urgent; provider any" in audit_page
    assert "Quinn Listedperson" not in audit_page


def test_follow_up_list_views_are_audited(app, logged_in):
    add_referral(app, client_name="Quinn Overdueperson", status="sent_to_provider", created=days_ago(30),
                 expected=date.today() - timedelta(days=3))
    assert "Quinn Overdueperson" in logged_in.get("/staff/follow-up").text
    assert audit_trail(app) == [("sam.staff", "viewed follow-up list", None)]


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET action = 'nothing'", "DELETE FROM audit_events"])
def test_the_audit_log_is_append_only_in_the_database(app, logged_in, statement):
    logged_in.get(f"/staff/referrals/{add_referral(app)}")
    with pytest.raises(DBAPIError, match="append-only"):
        with database(app).engine.begin() as connection:
            connection.execute(text(statement))
    assert audit_trail(app)[0][1] == "viewed"


def test_the_audit_log_is_append_only_in_the_orm(app, logged_in):
    logged_in.get(f"/staff/referrals/{add_referral(app)}")
    with app.app_context():
        session = get_session()
        session.scalar(select(AuditEvent)).action = "nothing"
        with pytest.raises(AppendOnly):
            session.commit()


def test_purged_personal_data_is_gone_from_the_raw_database_too(app, logged_in):
    """Not even the ciphertext stays behind in free pages (SQLite secure_delete during the purge)."""
    referral_id = fill_everything(app, logged_in)
    post_form(logged_in, f"/staff/referrals/{referral_id}", f"/staff/referrals/{referral_id}/move",
              {"move-target": "client_withdrew"})
    with database(app).engine.connect() as connection:
        token = connection.execute(text("SELECT client_name FROM referrals")).scalar()
    assert token.encode() in raw_database(app)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert "Purged 1 " in app.test_cli_runner().invoke(args=["purge", "--closed-before", tomorrow]).output
    assert token.encode() not in raw_database(app)
