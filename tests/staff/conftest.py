"""Staff-workspace fixtures on top of the intake app's (`app` over SQLite and PostgreSQL, `client`)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from intake_app.accounts.models import ADMIN, STAFF, User
from intake_app.accounts.passwords import hash_password
from intake_app.infrastructure.db import get_session
from intake_app.referrals.models import Referral, StatusEvent
from intake_app.referrals.submissions import store
from tests.app.fixtures import *  # noqa: F401,F403
from tests.app.fixtures import csrf_token, make_referral

PASSWORD = "correct horse battery staple"


def add_user(app, username: str, role: str = STAFF, *, enabled: bool = True) -> int:
    with app.app_context():
        session = get_session()
        user = User(username=username, role=role, enabled=enabled, password_hash=hash_password(PASSWORD))
        session.add(user)
        session.commit()
        return user.id


def sign_in(client, username: str, password: str = PASSWORD):
    token = csrf_token(client.get("/account/login").text)
    return client.post("/account/login", data={"csrf_token": token, "username": username, "password": password})


@pytest.fixture
def staff_user(app) -> str:
    add_user(app, "sam.staff")
    return "sam.staff"


@pytest.fixture
def admin_user(app) -> str:
    add_user(app, "ada.admin", ADMIN)
    return "ada.admin"


@pytest.fixture
def logged_in(client, staff_user):
    """`client`, signed in with the staff role."""
    assert sign_in(client, staff_user).status_code == 302
    return client


@pytest.fixture
def admin_client(client, admin_user):
    assert sign_in(client, admin_user).status_code == 302
    return client


def add_referral(app, *, client_name: str = "Alex Testperson", urgent: bool = False, status: str = "received",
                 created: datetime | None = None, expected: date | None = None, **kwargs) -> int:
    """A stored referral (through the real submission path), then placed in time and status as asked."""
    with app.app_context():
        session = get_session()
        receipt = store(session, *make_referral(client_name=client_name, urgent=urgent, **kwargs))
        values = {"status": status}
        if created:
            values["created_at"] = created
        if expected:
            values["expected_contact_date"] = expected
        session.execute(update(Referral).where(Referral.id == receipt.referral_id).values(**values))
        if status != "received":
            session.add(StatusEvent(referral_id=receipt.referral_id, status=status, by_user_id=None))
        session.commit()
        return receipt.referral_id


def days_ago(days: int) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)


def post_form(client, page_url: str, action: str, data: dict):
    """POST `data` to `action` with the hidden fields (CSRF token, status seen) of the page at `page_url`."""
    page = client.get(page_url).text
    hidden = dict(re.findall(r'<input id="[^"]*" name="([^"]+)" type="hidden" value="([^"]*)"', page))
    return client.post(action, data={**hidden, "csrf_token": csrf_token(page), **data})


def age_sessions(app, minutes: float) -> None:
    """Move every staff session's last activity `minutes` into the past, as if the staff member had walked away."""
    from intake_app.accounts.models import StaffSession
    with app.app_context():
        session = get_session()
        for row in session.scalars(select(StaffSession)):
            row.last_seen_at -= timedelta(minutes=minutes)
        session.commit()


def replay(app, cookie: str):
    """A fresh client (another browser) carrying a copy of a session cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def session_cookie(client) -> str:
    return client.get_cookie("session").value
