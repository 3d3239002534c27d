"""Check-in fixtures: the intake app's (`app` over SQLite and PostgreSQL, `client`) with mail going to the
in-process SMTP server of tests/outbox, and referrals whose client chose email."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, update

from intake_app.infrastructure.db import get_session, utcnow
from intake_app.referrals import answer_links
from intake_app.referrals.models import Referral, StatusEvent
from intake_app.referrals.outbox import OutboxMessage
from intake_app.referrals.submissions import store
from tests.app.fixtures import *  # noqa: F401,F403
from tests.app.fixtures import make_referral
from tests.outbox.conftest import STAFF, app_config, smtp  # noqa: F401  (fixtures: mail to aiosmtpd)

EMAIL = "alex@example.org"


@dataclass(frozen=True)
class Stored:
    id: int
    reference: str
    secret: str


def add_referral(app, status: str = "sent_to_provider", *, email: str | None = EMAIL, expected: date | None = None,
                 client_name: str = "Alex Testperson") -> Stored:
    """A public request stored the real way, then moved by staff to `status`."""
    referral, consent = make_referral(client_name=client_name)
    if email:
        referral.contact_method, referral.email = "email", email
    referral.expected_contact_date = expected or date.today() + timedelta(days=17)
    with app.app_context():
        session = get_session()
        receipt = store(session, referral, consent)
        if status != "received":
            session.execute(update(Referral).where(Referral.id == receipt.referral_id).values(status=status))
            session.add(StatusEvent(referral_id=receipt.referral_id, status=status, actor="staff"))
            session.commit()
        return Stored(receipt.referral_id, receipt.reference, receipt.secret)


def issue_link(app, referral_id: int, days: int = 180) -> str:
    with app.app_context():
        session = get_session()
        token, _link = answer_links.issue(session, session.get(Referral, referral_id), answer_links.CLIENT,
                                          now=utcnow(), days=days)
        session.commit()
        return token


def kinds(app) -> list[str]:
    with app.app_context():
        return [m.kind for m in get_session().scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
