"""The provider's side: the app (SQLite and PostgreSQL) with mail to an in-process SMTP server, a signed-in
staff member, and a referral sent to a provider with or without a referral email."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import select

from intake_app.infrastructure.db import get_session
from intake_app.referrals.outbox import OutboxMessage
from tests.app.fixtures import *  # noqa: F401,F403
from tests.outbox.conftest import STAFF, app_config, smtp  # noqa: F401  (fixtures: mail to the in-process server)
from tests.staff.conftest import add_referral, logged_in, post_form, staff_user  # noqa: F401  (fixtures)

EMAILED = "fernhollow-physiotherapy-and-rehab"  # its profile has referral.email
EMAILED_TO = "referrals@fernhollow-physiotherapy-and-rehab.example"
RECORD = "/staff/referrals/{}"


def move(client, referral_id: int, target: str, note: str = ""):
    url = RECORD.format(referral_id)
    return post_form(client, url, f"{url}/move", {"move-target": target, "move-note": note})


def outbox(app, kind: str) -> list[OutboxMessage]:
    with app.app_context():
        session = get_session()
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                               .order_by(OutboxMessage.id)).all()
        for row in rows:  # decrypt while the app context holds the keys
            _ = (row.recipient, row.subject, row.body)
        session.expunge_all()
        return list(rows)


def link_in(text: str) -> str:
    """The provider link's path in a message or a page (the host is APP_URL's)."""
    found = re.search(r"https://intake\.example/provider/[A-Za-z0-9_-]+", text)
    assert found, "no provider link"
    return urlsplit(found.group(0)).path


def send(app, client, provider: str | None = None, **kwargs) -> tuple[int, str]:
    """A referral consented for `provider`, moved by staff to "sent to provider"; (its id, the link's path),
    the link taken from the email when the profile has an address, else from the record, where it shows once."""
    referral_id = add_referral(app, status="consent_checked", **({"provider": provider} if provider else {}),
                               **kwargs)
    response = move(client, referral_id, "sent_to_provider")
    assert response.status_code == 302, response.text
    if provider == EMAILED:
        return referral_id, link_in(outbox(app, "provider_link")[-1].body)
    return referral_id, link_in(client.get(RECORD.format(referral_id)).text)
