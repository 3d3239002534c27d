"""Accounts: argon2 hashes, the users command, sign-in, lockout after repeated failures, rate limit."""
from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from intake_app.accounts.login import FAILED, MAX_FAILURES, authenticate
from intake_app.accounts.models import User
from intake_app.infrastructure.db import get_session, utcnow
from tests.staff.conftest import PASSWORD, add_user, sign_in

NEW_PASSWORD = "a much longer new passphrase"


def user(app, username: str) -> User:
    with app.app_context():
        return get_session().scalar(select(User).where(User.username == username))


def cli(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["users", *args], input=input)


def test_create_stores_an_argon2id_hash_never_the_password(app):
    result = cli(app, "create", "robin", "--role", "admin", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    created = user(app, "robin")
    assert created.role == "admin" and created.enabled
    assert created.password_hash.startswith("$argon2id$") and PASSWORD not in created.password_hash


def test_create_refuses_short_passwords_duplicates_and_unknown_roles(app, staff_user):
    short = cli(app, "create", "kim", "--password", "short")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert user(app, "kim") is None
    duplicate = cli(app, "create", staff_user, "--password", PASSWORD)
    assert duplicate.exit_code != 0 and "already exists" in duplicate.output
    role = cli(app, "create", "kim", "--role", "root", "--password", PASSWORD)
    assert role.exit_code != 0 and "root" in role.output


def test_set_password_and_disable(app, client, staff_user):
    assert cli(app, "set-password", staff_user, "--password", NEW_PASSWORD).exit_code == 0
    assert sign_in(client, staff_user, PASSWORD).status_code == 401
    assert sign_in(client, staff_user, NEW_PASSWORD).status_code == 302
    assert cli(app, "disable", staff_user).exit_code == 0
    client.post("/account/logout")  # (no token: refused; the disabled account is signed out anyway)
    refused = sign_in(client, staff_user, NEW_PASSWORD)
    assert refused.status_code == 401 and "disabled" in refused.text
    still = cli(app, "set-password", staff_user, "--password", NEW_PASSWORD)
    assert "still disabled" in still.output and not user(app, staff_user).enabled
    assert cli(app, "set-password", staff_user, "--enable", "--password", NEW_PASSWORD).exit_code == 0
    assert sign_in(client, staff_user, NEW_PASSWORD).status_code == 302
    missing = cli(app, "disable", "nobody")
    assert missing.exit_code != 0 and "no account called 'nobody'" in missing.output


def sign_in_problem(response) -> str:
    """The message in the sign-in page's error box."""
    found = re.search(r'id="sign-in-problem".*?<p>(.*?)</p>', response.text, re.S)
    assert response.status_code == 401 and found, response.text
    return found.group(1)


def lock(app, client, username: str) -> None:
    for attempt in range(MAX_FAILURES):
        sign_in(client, username, f"guess number {attempt}")
    assert user(app, username).locked_until > utcnow()


def test_unknown_user_wrong_password_and_locked_account_get_the_same_answer(app, client, staff_user):
    """Any difference would tell a guesser which usernames exist."""
    add_user(app, "lee.locked")
    lock(app, client, "lee.locked")
    answers = {"unknown user": sign_in_problem(sign_in(client, "nobody", "not the password at all")),
               "wrong password": sign_in_problem(sign_in(client, staff_user, "not the password at all")),
               "locked, wrong password": sign_in_problem(sign_in(client, "lee.locked", "not the password at all")),
               "locked, right password": sign_in_problem(sign_in(client, "lee.locked", PASSWORD))}
    assert set(answers.values()) == {FAILED}, answers
    assert "locked for 15 minutes" in FAILED and "unlock" in FAILED


def test_a_locked_account_takes_as_long_to_refuse_as_an_unknown_one(app, staff_user):
    """Refusing a locked account without checking the password would be fast, and so tell it exists."""
    with app.app_context():
        session = get_session()
        session.execute(update(User).values(locked_until=utcnow() + timedelta(minutes=15)))
        session.commit()

        def fastest(username: str) -> float:  # the least disturbed of a few runs
            times = []
            for _ in range(3):
                started = time.perf_counter()
                assert authenticate(session, username, PASSWORD, utcnow()).user is None
                times.append(time.perf_counter() - started)
            return min(times)

        assert fastest(staff_user) > 0.5 * fastest("nobody")


def test_lockout_after_repeated_failures_even_with_the_right_password(app, client, staff_user):
    lock(app, client, staff_user)
    assert sign_in_problem(sign_in(client, staff_user, PASSWORD)) == FAILED
    assert client.get("/staff/").status_code == 302
    with app.app_context():  # fifteen minutes later
        session = get_session()
        session.execute(update(User).values(locked_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    assert sign_in(client, staff_user, PASSWORD).status_code == 302
    assert user(app, staff_user).failed_logins == 0


def test_set_password_lifts_a_lock(app, client, staff_user):
    for attempt in range(MAX_FAILURES):
        sign_in(client, staff_user, f"guess number {attempt}")
    assert user(app, staff_user).locked_until is not None
    cli(app, "set-password", staff_user, "--password", NEW_PASSWORD)
    assert sign_in(client, staff_user, NEW_PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count(app, client, staff_user):
    for attempt in range(MAX_FAILURES - 1):
        sign_in(client, staff_user, f"guess number {attempt}")
    assert sign_in(client, staff_user).status_code == 302
    client.post("/account/logout", data={"csrf_token": ""})
    assert user(app, staff_user).failed_logins == 0 and user(app, staff_user).locked_until is None


@pytest.mark.parametrize("target, expected", [("/staff/follow-up", "/staff/follow-up"),
                                              ("https://evil.example/", "/staff/"), ("//evil.example", "/staff/")])
def test_after_sign_in_only_local_pages(app, client, staff_user, target, expected):
    from tests.app.fixtures import csrf_token
    token = csrf_token(client.get("/account/login").text)
    response = client.post(f"/account/login?next={target}", data={"csrf_token": token, "username": staff_user,
                                                                   "password": PASSWORD})
    assert response.status_code == 302 and response.location == expected


def test_admin_unlocks_and_disables_accounts_but_not_their_own(app, client, staff_user, admin_user):
    from tests.staff.conftest import post_form
    for attempt in range(MAX_FAILURES):
        sign_in(client, staff_user, f"guess number {attempt}")
    admin = app.test_client()
    assert sign_in(admin, admin_user).status_code == 302
    page = admin.get("/staff/users").text
    assert "Locked until" in page and "Unlock" in page
    staff_id, admin_id = user(app, staff_user).id, user(app, admin_user).id
    assert post_form(admin, "/staff/users", f"/staff/users/{staff_id}/unlock", {}).status_code == 302
    assert sign_in(client, staff_user).status_code == 302
    post_form(admin, "/staff/users", f"/staff/users/{staff_id}/disable", {})
    assert client.get("/staff/").status_code == 302 and not user(app, staff_user).enabled
    post_form(admin, "/staff/users", f"/staff/users/{admin_id}/disable", {})
    assert user(app, admin_user).enabled
    with app.app_context():
        from intake_app.referrals.audit import AuditEvent
        trail = [(e.username, e.action, e.detail) for e in get_session().scalars(select(AuditEvent))]
    assert trail == [(admin_user, "unlocked account", f"account {staff_user}"),
                     (admin_user, "disabled account", f"account {staff_user}")]
