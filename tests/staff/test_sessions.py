"""Staff sessions end on the server: a copy of the cookie taken before logout, disabling, a new password or
the idle timeout is refused afterwards (replayed from a fresh client, as another browser would)."""
from __future__ import annotations

import hashlib

from sqlalchemy import select, update

from intake_app.accounts import sessions
from intake_app.accounts.models import StaffSession, User
from intake_app.infrastructure.db import get_session, utcnow
from tests.app.fixtures import csrf_token
from tests.staff.conftest import add_referral, age_sessions, replay, session_cookie, sign_in


def refused(client, url: str = "/staff/") -> bool:
    response = client.get(url)
    return response.status_code == 302 and response.location.startswith("/account/login")


def rows(app) -> list[StaffSession]:
    with app.app_context():
        return list(get_session().scalars(select(StaffSession).order_by(StaffSession.id)))


def log_out(client):
    return client.post("/account/logout", data={"csrf_token": csrf_token(client.get("/staff/").text)})


def test_a_cookie_copied_before_logout_is_refused_after(app, logged_in):
    referral_id = add_referral(app)
    copy = session_cookie(logged_in)
    assert replay(app, copy).get(f"/staff/referrals/{referral_id}").status_code == 200  # the copy did work
    assert log_out(logged_in).status_code == 302
    for url in ("/staff/", f"/staff/referrals/{referral_id}"):
        assert refused(replay(app, copy), url), url
    assert [row.ended_reason for row in rows(app)] == [sessions.LOGOUT]


def test_logout_ends_only_that_session(app, client, staff_user):
    other = app.test_client()
    assert sign_in(client, staff_user).status_code == 302 and sign_in(other, staff_user).status_code == 302
    log_out(client)
    assert refused(client)
    assert other.get("/staff/").status_code == 200


def test_disabling_from_the_command_line_ends_every_session(app, client, staff_user):
    other = app.test_client()
    sign_in(client, staff_user), sign_in(other, staff_user)
    copies = [session_cookie(client), session_cookie(other)]
    result = app.test_cli_runner().invoke(args=["users", "disable", staff_user])
    assert result.exit_code == 0, result.output
    assert [row.ended_reason for row in rows(app)] == [sessions.DISABLED] * 2
    with app.app_context():  # enabled again behind the command's back: the ended sessions stay ended
        get_session().execute(update(User).where(User.username == staff_user).values(enabled=True))
        get_session().commit()
    assert all(refused(replay(app, copy)) for copy in copies)


def test_a_new_password_ends_every_session(app, logged_in, staff_user):
    copy = session_cookie(logged_in)
    result = app.test_cli_runner().invoke(args=["users", "set-password", staff_user],
                                          env={"INTAKE_NEW_PASSWORD": "a brand new passphrase here"})
    assert result.exit_code == 0, result.output
    assert refused(replay(app, copy)) and refused(logged_in)
    assert [row.ended_reason for row in rows(app)] == [sessions.PASSWORD]
    assert sign_in(app.test_client(), staff_user, "a brand new passphrase here").status_code == 302


def test_an_admin_disabling_an_account_ends_its_sessions(app, client, staff_user, admin_user):
    sign_in(client, staff_user)
    copy = session_cookie(client)
    admin = app.test_client()
    sign_in(admin, admin_user)
    with app.app_context():
        user_id = get_session().scalar(select(User.id).where(User.username == staff_user))
    page = admin.get("/staff/users").text
    assert admin.post(f"/staff/users/{user_id}/disable", data={"csrf_token": csrf_token(page)}).status_code == 302
    with app.app_context():
        get_session().execute(update(User).where(User.id == user_id).values(enabled=True))
        get_session().commit()
    assert refused(replay(app, copy))
    assert admin.get("/staff/").status_code == 200  # the admin's own session is untouched


def test_an_idle_session_is_signed_out(app, logged_in):
    assert logged_in.get("/staff/").status_code == 200
    copy = session_cookie(logged_in)
    age_sessions(app, 31)
    assert refused(replay(app, copy))  # a replay does not reset the idle timer...
    with app.app_context():  # ...and nor does a fresh clock bring the ended session back
        get_session().execute(update(StaffSession).values(last_seen_at=utcnow()))
        get_session().commit()
    assert refused(logged_in)
    assert [row.ended_reason for row in rows(app)] == [sessions.IDLE]


def test_activity_keeps_a_session_alive(app, logged_in):
    assert logged_in.get("/staff/").status_code == 200
    age_sessions(app, 29)
    assert logged_in.get("/staff/").status_code == 200
    age_sessions(app, 29)
    assert logged_in.get("/staff/").status_code == 200


def test_last_seen_is_written_at_most_once_a_minute(app, logged_in):
    first = rows(app)[0].last_seen_at
    logged_in.get("/staff/")
    assert rows(app)[0].last_seen_at == first
    age_sessions(app, 2)
    logged_in.get("/staff/")
    assert rows(app)[0].last_seen_at > first


def test_the_cookie_token_is_stored_only_as_its_hash(app, logged_in):
    with logged_in.session_transaction() as cookie:
        token = cookie[sessions.TOKEN_KEY]
    [row] = rows(app)
    assert len(token) >= 40 and row.token_hash == hashlib.sha256(token.encode()).hexdigest() != token


def test_signing_in_again_ends_the_previous_session(app, logged_in, staff_user):
    copy = session_cookie(logged_in)
    assert sign_in(logged_in, staff_user).status_code == 302
    assert refused(replay(app, copy))
    assert logged_in.get("/staff/").status_code == 200
    assert [row.ended_reason for row in rows(app)] == [sessions.REPLACED, None]


def test_a_cookie_without_a_server_session_is_refused(app, logged_in):
    """Cookies signed before this release carry a user id but no session token."""
    with logged_in.session_transaction() as cookie:
        del cookie[sessions.TOKEN_KEY]
    assert refused(logged_in)
