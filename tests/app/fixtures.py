"""Intake-app fixtures over real databases. Reuse them from another test folder with

    from tests.app.fixtures import *  # noqa: F401,F403  (app, client, app_config, database_url, ...)

and override `app_config` there to change settings for that folder.
"""
from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import create_engine

from directory.dates import months_after
from intake_app import create_app
from intake_app.infrastructure.db import database
from intake_app.infrastructure.migrate import upgrade
from intake_app.referrals import consent as consent_text
from intake_app.referrals.models import Consent, Referral

TEST_PROVIDERS = Path(__file__).parent / "providers"  # a fixed few, so edits to providers/ cannot break tests
PROVIDER = "cedar-falls-family-health-team"           # active, typical wait 14 days
INACTIVE_PROVIDER = "oakridge-evening-counselling-drop-in"
TEST_SECRET_KEY = "t" * 64

__all__ = ["TEST_PROVIDERS", "PROVIDER", "INACTIVE_PROVIDER", "database_url", "app_config", "app", "client",
           "csrf_token", "make_referral", "reset_postgres"]


def reset_postgres(url: str) -> None:
    """Each test gets an empty database: drop every table, sequence and type with the schema."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'intake.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    reset_postgres(url)
    return url


@pytest.fixture
def app_config(database_url) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": database_url,
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": secrets.token_hex(32),
        "PROVIDERS_DIR": str(TEST_PROVIDERS),
        "RATELIMIT_ENABLED": False,  # tests of the limits turn it on
    }


@pytest.fixture
def app(app_config):
    """A migrated app on an empty database; CSRF protection stays ON, as in production."""
    app = create_app(app_config)
    upgrade(app)
    yield app
    database(app).engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form in a page (`client.get(url).text`)."""
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or \
        re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field in the page"
    return found.group(1)


def make_referral(provider: str | None = PROVIDER, *, client_name: str = "Alex Testperson", urgent: bool = False,
                  shared: tuple[str, ...] = ("contact_details", "reason"), signed_on: date | None = None,
                  submission_key: str | None = None) -> tuple[Referral, Consent]:
    """A complete, storable referral and consent (pass both to `intake_app.referrals.submissions.store`)."""
    signed_on = signed_on or date.today()
    shown = consent_text.text(consent_text.paragraphs(consent_text.Parties(
        "the intake team", provider or consent_text.HELP_CHOOSE_RECIPIENT, "intake@referrals.example")))
    referral = Referral(
        submission_key=submission_key or secrets.token_hex(16), provider_slug=provider,
        provider_name=provider and provider.replace("-", " ").title(), urgent=urgent,
        expected_contact_date=signed_on + timedelta(days=17), client_name=client_name, contact_method="phone",
        phone="+1 613-555-0142", reason="Low mood for months and trouble sleeping", how_soon="weeks")
    consent = Consent(
        text_version=consent_text.VERSION, text=shown, text_sha256=consent_text.sha256(shown),
        shared_information=list(shared), discloser="the intake team", recipient=provider or "to be chosen",
        recipient_slug=provider,
        purpose=consent_text.purpose(provider or "a provider"), expires_on=months_after(signed_on, 12),
        acknowledged_revocation=True, acknowledged_not_conditional=True, acknowledged_redisclosure=True,
        substance_use_records="substance_use" in shared, acknowledged_substance_use="substance_use" in shared,
        signed_by="client", signature_name=client_name, signed_on=signed_on)
    return referral, consent
