"""Encrypt what care a client asked for; the provider becomes a keyed blind index

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

The provider (which may be an addiction service), the shared-information categories, the Part 2 flags and the
consent's recipient and purpose were plain columns beside the encrypted identity. This encrypts the existing
values with the app's keys (it runs in the app's context, see intake_app/migrate.py), fills the provider's
blind index from the old slug (queue filter, queue indexes, report, purge rows), drops the plain columns, and
renames what was named after the category (a column or constraint name is stored in the schema too). The
CHECK on the Part 2 acknowledgement cannot read an encrypted flag: submissions.missing_consent_elements keeps
it. On SQLite, secure_delete is on meanwhile, so the dropped plain values do not linger in free pages.
"""
import json

import sqlalchemy as sa
from alembic import op

from intake_app.infrastructure.crypto import EncryptedBoolean, EncryptedJSON, EncryptedText, blind_index

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BATCH = 500
TEXT, JSON_, FLAG = EncryptedText(), EncryptedJSON(), EncryptedBoolean()
OLD_PART2_CHECK = ("consent_" + "substance_use" + "_acknowledged", "NOT substance_use_records OR acknowledged_substance_use")
OLD_QUEUE = ["status", "urgent", "expected_contact_date", "created_at", "provider_slug", "id"]
OLD_BY_PROVIDER = ["provider_slug", "status", "urgent", "expected_contact_date", "created_at", "id"]
QUEUE = ["status", "urgent", "expected_contact_date", "created_at", "provider_index", "id"]
BY_PROVIDER = ["provider_index", "status", "urgent", "expected_contact_date", "created_at", "id"]


def _loaded(value):
    """A JSON column's value: SQLite hands over its text, PostgreSQL the decoded value."""
    return json.loads(value) if isinstance(value, str) else value


def _rewrite(table: str, sources: list[str], targets: dict, convert, drop: list[str], *, in_place=False) -> None:
    """Adds each of `targets` ({name: (type, nullable)}) under a temporary name, fills it from the `sources`
    of every row with `convert(row) -> {name: value}`, drops `drop`, then gives the new columns their names.

    `in_place` for `referrals`: SQLite's batch mode would copy and DROP the table, and with foreign keys on
    that DROP deletes every consent and history row (ON DELETE CASCADE); plain ALTER TABLE DROP/RENAME COLUMN
    (SQLite 3.35+) leaves them be, but cannot add NOT NULL."""
    temporary = {name: f"{name}_new" for name in targets}
    with op.batch_alter_table(table) as batch:
        for name, (type_, _nullable) in targets.items():
            batch.add_column(sa.Column(temporary[name], type_, nullable=True))
    old = sa.table(table, sa.column("id"), *(sa.column(name) for name in sources))
    new = sa.table(table, sa.column("id"), *(sa.column(temporary[name], type_) for name, (type_, _) in targets.items()))
    connection, last = op.get_bind(), 0
    while rows := connection.execute(sa.select(old).where(old.c.id > last).order_by(old.c.id).limit(BATCH)
                                     ).mappings().all():
        for row in rows:
            values = {temporary[name]: value for name, value in convert(row).items()}
            connection.execute(sa.update(new).where(new.c.id == row["id"]).values(**values))
        last = rows[-1]["id"]
    if in_place:
        assert all(nullable for _type, nullable in targets.values()), "SQLite cannot add NOT NULL in place"
        for name in drop:
            op.drop_column(table, name)
        for name, (type_, _nullable) in targets.items():
            op.alter_column(table, temporary[name], new_column_name=name, existing_type=type_)
        return
    with op.batch_alter_table(table) as batch:
        for name in drop:
            batch.drop_column(name)
        for name, (type_, nullable) in targets.items():
            batch.alter_column(temporary[name], new_column_name=name, existing_type=type_, nullable=nullable)


def _secure_delete(on: bool) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"PRAGMA secure_delete = {'ON' if on else 'OFF'}")


def upgrade() -> None:
    _secure_delete(True)
    for index in ("ix_referrals_queue", "ix_referrals_provider_queue", "ix_referrals_provider_slug"):
        op.drop_index(index, table_name="referrals")
    _rewrite("referrals", ["provider_slug", "provider_name"],
             {"provider_index": (sa.String(64), True), "provider_slug": (sa.Text(), True),
              "provider_name": (sa.Text(), True)},
             lambda row: {"provider_index": blind_index(row["provider_slug"]),
                          "provider_slug": TEXT.process_bind_param(row["provider_slug"], None),
                          "provider_name": TEXT.process_bind_param(row["provider_name"], None)},
             drop=["provider_slug", "provider_name"], in_place=True)
    op.create_index("ix_referrals_queue", "referrals", QUEUE)
    op.create_index("ix_referrals_provider_queue", "referrals", BY_PROVIDER)

    with op.batch_alter_table("consents") as batch:
        batch.drop_constraint(OLD_PART2_CHECK[0], type_="check")
    plain = ["shared_information", "recipient", "purpose", "substance_use_records", "acknowledged_substance_use"]
    _rewrite("consents", plain,
             {"shared_information": (sa.Text(), False), "recipient": (sa.Text(), False),
              "purpose": (sa.Text(), False), "part2_records": (sa.Text(), False),
              "acknowledged_part2": (sa.Text(), False)},
             lambda row: {"shared_information": JSON_.process_bind_param(_loaded(row["shared_information"]), None),
                          "recipient": TEXT.process_bind_param(row["recipient"], None),
                          "purpose": TEXT.process_bind_param(row["purpose"], None),
                          "part2_records": FLAG.process_bind_param(row["substance_use_records"], None),
                          "acknowledged_part2": FLAG.process_bind_param(row["acknowledged_substance_use"], None)},
             drop=plain)

    with op.batch_alter_table("letter_notes") as batch:  # already encrypted: only its name said what it holds
        batch.alter_column("substance_use", new_column_name="part2_records", existing_type=sa.Text())

    op.drop_index("ix_purged_referrals_provider_slug", table_name="purged_referrals")
    _rewrite("purged_referrals", ["provider_slug"], {"provider_index": (sa.String(64), True)},
             lambda row: {"provider_index": blind_index(row["provider_slug"])}, drop=["provider_slug"])
    op.create_index("ix_purged_referrals_provider_index", "purged_referrals", ["provider_index"])
    _secure_delete(False)


def downgrade() -> None:
    """Back to plain columns (decrypted with the app's keys); a purged row's provider is found again only if
    its slug is still in the catalog."""
    from intake_app.infrastructure.directory import catalog

    slugs = {blind_index(p.slug): p.slug for p in catalog().profiles}
    op.drop_index("ix_purged_referrals_provider_index", table_name="purged_referrals")
    _rewrite("purged_referrals", ["provider_index"], {"provider_slug": (sa.String(120), True)},
             lambda row: {"provider_slug": slugs.get(row["provider_index"])}, drop=["provider_index"])
    op.create_index("ix_purged_referrals_provider_slug", "purged_referrals", ["provider_slug"])

    with op.batch_alter_table("letter_notes") as batch:
        batch.alter_column("part2_records", new_column_name="substance_use", existing_type=sa.Text())

    encrypted = ["shared_information", "recipient", "purpose", "part2_records", "acknowledged_part2"]
    _rewrite("consents", encrypted,
             {"shared_information": (sa.JSON(), False), "recipient": (sa.String(300), False),
              "purpose": (sa.Text(), False), "substance_use_records": (sa.Boolean(), False),
              "acknowledged_substance_use": (sa.Boolean(), False)},
             lambda row: {"shared_information": JSON_.process_result_value(row["shared_information"], None),
                          "recipient": TEXT.process_result_value(row["recipient"], None),
                          "purpose": TEXT.process_result_value(row["purpose"], None),
                          "substance_use_records": FLAG.process_result_value(row["part2_records"], None),
                          "acknowledged_substance_use": FLAG.process_result_value(row["acknowledged_part2"], None)},
             drop=encrypted)
    with op.batch_alter_table("consents") as batch:
        batch.create_check_constraint(OLD_PART2_CHECK[0], OLD_PART2_CHECK[1])

    for index in ("ix_referrals_queue", "ix_referrals_provider_queue"):
        op.drop_index(index, table_name="referrals")
    _rewrite("referrals", ["provider_slug", "provider_name"],
             {"provider_slug": (sa.String(120), True), "provider_name": (sa.String(200), True)},
             lambda row: {"provider_slug": TEXT.process_result_value(row["provider_slug"], None),
                          "provider_name": TEXT.process_result_value(row["provider_name"], None)},
             drop=["provider_slug", "provider_name", "provider_index"], in_place=True)
    op.create_index("ix_referrals_provider_slug", "referrals", ["provider_slug"])
    op.create_index("ix_referrals_queue", "referrals", OLD_QUEUE)
    op.create_index("ix_referrals_provider_queue", "referrals", OLD_BY_PROVIDER)
