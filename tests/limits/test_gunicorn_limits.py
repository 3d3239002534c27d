"""Limits under real gunicorn with two workers and a shared Redis: the configured count holds across the
workers and across a restart; concurrent wrong passwords lock the account."""
from __future__ import annotations

import os
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from intake_app.infrastructure.db import utcnow
from tests.gunicorn_server import gunicorn_server
from tests.limits.test_account_lock import stored_user
from tests.staff.conftest import PASSWORD, add_user

LOGIN_LIMIT, REVOKE_LIMIT = 10, 10


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url,
            "LOGIN_LIMIT": f"{LOGIN_LIMIT} per minute", "REVOKE_LIMIT": f"{REVOKE_LIMIT} per hour",
            "PUBLIC_POST_LIMIT": "1000 per minute"}


@pytest.fixture
def server_env(app, app_config, tmp_path) -> dict:
    """The same settings as `app` (already migrated), as a production environment; gunicorn's access log records
    which worker (pid) answered each request."""
    names = ("SECRET_KEY", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "DATABASE_URL", "PROVIDERS_DIR",
             "RATELIMIT_STORAGE_URI", "LOGIN_LIMIT", "REVOKE_LIMIT", "PUBLIC_POST_LIMIT")
    return {**os.environ, **{name: str(app_config[name]) for name in names}, "SESSION_COOKIE_SECURE": "false"}


def logged_to(env: dict, access_log: Path) -> dict:
    """`env`, with gunicorn writing which worker (pid) answered each request to `access_log`."""
    return {**env, "GUNICORN_CMD_ARGS": f"--access-logfile {access_log} --access-logformat '%(p)s %(m)s %(s)s'"}


def token_session(url: str, page: str) -> tuple[requests.Session, str]:
    """A browser-like session holding the CSRF token of `page`."""
    browser = requests.Session()
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"',
                      browser.get(url + page, timeout=30).text).group(1)
    return browser, token


ROUTES = {  # path, form fields of a wrong attempt, the answer a counted (not limited) attempt gets
    "sign-in": ("/account/login", lambda: {"username": "nobody", "password": secrets.token_hex(8)}, 401),
    "revocation": ("/revoke", lambda: {"reference": secrets.token_hex(4), "secret": secrets.token_hex(8)}, 400),
}


def attempts(url: str, route: str, count: int, threads: int) -> list[int]:
    path, fields, _ = ROUTES[route]
    browser, token = token_session(url, path)

    def attempt(_number: int) -> int:
        return browser.post(url + path, data={"csrf_token": token, **fields()}, timeout=60).status_code

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(attempt, range(count)))


def workers_that_answered(access_log: Path, method: str) -> set[str]:
    return {line.split()[0] for line in access_log.read_text().splitlines() if line.split()[1] == method}


def wait_for_workers(url: str, access_log: Path, workers: int) -> None:
    """Until every worker has answered: the first to finish booting would otherwise take every attempt."""
    deadline = time.monotonic() + 60
    with ThreadPoolExecutor(8) as pool:
        while len(workers_that_answered(access_log, "GET")) < workers:
            assert time.monotonic() < deadline, "not every gunicorn worker answered within 60 s"
            list(pool.map(lambda _: requests.get(f"{url}/account/login", timeout=30), range(8)))


@pytest.mark.parametrize("route, limit, total", [("sign-in", LOGIN_LIMIT, 40), ("revocation", REVOKE_LIMIT, 30)])
def test_the_limit_holds_across_two_workers_and_a_restart(server_env, tmp_path, route, limit, total):
    """With memory:// each worker would let `limit` through, and the restart `limit` more."""
    started = time.monotonic()
    with gunicorn_server(logged_to(server_env, tmp_path / "first.log"), workers=2) as url:
        wait_for_workers(url, tmp_path / "first.log", 2)
        first = attempts(url, route, total - 10, threads=6)
    with gunicorn_server(server_env, workers=2) as url:  # a restart: new workers, the same Redis
        after_restart = attempts(url, route, 10, threads=1)
    counted = ROUTES[route][2]
    assert sorted(set(first + after_restart)) == sorted({counted, 429}), first + after_restart
    assert first.count(counted) == limit and after_restart == [429] * 10, (first, after_restart)
    assert len(workers_that_answered(tmp_path / "first.log", "POST")) == 2  # both workers counted attempts
    assert time.monotonic() - started < 60, "slower than the limit's window: the counts above prove nothing"


@pytest.fixture
def lenient_login(app_config):
    """A sign-in limit high enough that only the account lock stops the guesses."""
    app_config["LOGIN_LIMIT"] = "1000 per minute"


def test_eight_concurrent_wrong_passwords_across_workers_lock_the_account(lenient_login, server_env, app):
    add_user(app, "sam.staff")
    with gunicorn_server(server_env, workers=2) as url:
        guesses = [token_session(url, "/account/login") for _ in range(8)]

        def guess(number: int) -> int:
            browser, token = guesses[number]
            return browser.post(f"{url}/account/login", timeout=60, data={
                "csrf_token": token, "username": "sam.staff", "password": f"wrong guess {number}"}).status_code

        with ThreadPoolExecutor(8) as pool:
            assert list(pool.map(guess, range(8))) == [401] * 8
        user = stored_user(app, "sam.staff")
        assert user.locked_until is not None and user.locked_until > utcnow(), user.failed_logins
        browser, token = token_session(url, "/account/login")
        right = browser.post(f"{url}/account/login", timeout=60, allow_redirects=False,
                             data={"csrf_token": token, "username": "sam.staff", "password": PASSWORD})
        assert right.status_code == 401  # refused until the lock ends
