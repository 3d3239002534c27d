"""Concurrent wrong passwords all count: the lock is decided by the database, not by each worker's copy."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select, update

from intake_app.accounts import login
from intake_app.accounts.models import User
from intake_app.infrastructure.db import get_session, utcnow
from tests.app.fixtures import csrf_token
from tests.staff.conftest import PASSWORD, add_user, sign_in

GUESSES = 8


def stored_user(app, username: str) -> User:
    with app.app_context():
        return get_session().scalar(select(User).where(User.username == username))


def test_eight_wrong_passwords_at_once_lock_the_account(app):
    """Each guess has its own client (session, app context, database connection) and all post at once."""
    add_user(app, "sam.staff")
    clients = [app.test_client() for _ in range(GUESSES)]
    tokens = [csrf_token(client.get("/account/login").text) for client in clients]
    ready = threading.Barrier(GUESSES)

    def guess(number: int) -> int:
        ready.wait()
        return clients[number].post("/account/login", data={
            "csrf_token": tokens[number], "username": "sam.staff", "password": f"wrong guess {number}"}).status_code

    with ThreadPoolExecutor(GUESSES) as pool:
        assert list(pool.map(guess, range(GUESSES))) == [401] * GUESSES
    user = stored_user(app, "sam.staff")
    assert user.locked_until is not None and user.locked_until > utcnow(), (user.failed_logins, user.locked_until)
    # The three guesses after the fifth counted too (the fifth reset the count as it set the lock).
    assert user.failed_logins == GUESSES - login.MAX_FAILURES
    assert sign_in(app.test_client(), "sam.staff", PASSWORD).status_code == 401  # until the lock ends


def test_a_lock_set_while_the_right_password_is_checked_still_refuses_it(app, monkeypatch):
    """The right password, checked while other guesses lock the account, must not sign in (nor lift the lock)."""
    add_user(app, "sam.staff")
    real_verify = login.verify_password

    def verify_while_others_lock(stored_hash: str, password: str) -> bool:
        matches = real_verify(stored_hash, password)
        with app.app_context():  # another request's connection, committing during this check
            other = get_session()
            other.execute(update(User).values(locked_until=utcnow() + timedelta(minutes=15)))
            other.commit()
        return matches

    monkeypatch.setattr(login, "verify_password", verify_while_others_lock)
    assert sign_in(app.test_client(), "sam.staff", PASSWORD).status_code == 401
    assert stored_user(app, "sam.staff").locked_until > utcnow()
