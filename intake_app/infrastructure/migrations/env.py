"""Alembic environment: always run from intake_app.infrastructure.migrate, which hands over the app's connection."""
from importlib import import_module

from alembic import context

from intake_app.infrastructure.crypto import EncryptedText
from intake_app.infrastructure.db import Base, UTCDateTime

# Every module that defines tables; add yours here so autogenerate sees them.
MODEL_MODULES = ["intake_app.referrals.models", "intake_app.referrals.audit", "intake_app.accounts.models",
                 "intake_app.referrals.outbox", "intake_app.referrals.network", "intake_app.referrals.answer_links",
                 "intake_app.referrals.practice"]

for module in MODEL_MODULES:
    import_module(module)


def render_item(type_, obj, autogen_context):
    """Migrations name plain SQL types, so they keep working whatever happens to the app's Python types."""
    if type_ == "type" and isinstance(obj, EncryptedText):
        return "sa.Text()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through the app: flask --app intake_app init-db")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
