"""The limit store: checked at start-up, shared between app instances, refused (503) when it goes away."""
from __future__ import annotations

import logging

import pytest
import redis

from intake_app import ConfigError, create_app
from intake_app.infrastructure.migrate import upgrade
from tests.app.fixtures import csrf_token
from tests.app.test_config import production
from tests.redis_server import redis_server
from tests.staff.conftest import add_user, sign_in

MEMORY_WARNING = "Rate limits are counted in memory"


@pytest.mark.parametrize("uri, message", [
    ("redsi://:pw-in-uri@127.0.0.1:6379/0", "cannot be used: unknown storage scheme"),
    ("redis://127.0.0.1:notaport/0", "cannot be used: Port could not be cast"),
    ("nonsense", "cannot be used: unknown storage scheme"),
])
def test_a_storage_uri_that_cannot_be_used_stops_start_up(tmp_path, uri, message):
    with pytest.raises(ConfigError, match=f"RATELIMIT_STORAGE_URI .*{message}") as raised:
        create_app(production(tmp_path, RATELIMIT_STORAGE_URI=uri))
    assert "pw-in-uri" not in str(raised.value)


def test_a_redis_that_does_not_answer_stops_start_up_without_showing_its_password(tmp_path):
    with redis_server() as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
    unreachable = f"redis://:pw-in-uri@127.0.0.1:{port}/0"  # the server has stopped: nothing listens there
    with pytest.raises(ConfigError, match=f"store at redis://127.0.0.1:{port}/0 does not answer") as raised:
        create_app(production(tmp_path, RATELIMIT_STORAGE_URI=unreachable))
    assert "pw-in-uri" not in str(raised.value)


def test_memory_store_outside_debug_and_testing_logs_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        create_app(production(tmp_path, RATELIMIT_STORAGE_URI="memory://"))
    assert MEMORY_WARNING in caplog.text and "RATELIMIT_STORAGE_URI=redis://" in caplog.text


@pytest.mark.parametrize("settings", [{"TESTING": True}, {"DEBUG": True},
                                      {"RATELIMIT_STORAGE_URI": "redis://"}])
def test_no_memory_warning_in_testing_debug_or_with_redis(tmp_path, caplog, redis_url, settings):
    settings = {k: (redis_url if v == "redis://" else v) for k, v in settings.items()}
    with caplog.at_level(logging.WARNING):
        create_app(production(tmp_path, **settings))
    assert MEMORY_WARNING not in caplog.text


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url,
            "LOGIN_LIMIT": "3 per minute"}


def test_two_app_instances_share_one_count(app, app_config):
    """Two instances stand for two workers: with Redis the count is theirs together, not each their own."""
    other = create_app(app_config)
    clients = [app.test_client(), other.test_client()]
    statuses = [sign_in(clients[attempt % 2], "nobody", f"guess number {attempt}").status_code
                for attempt in range(6)]
    assert statuses == [401, 401, 401, 429, 429, 429]


def test_a_store_that_goes_away_refuses_sign_in_with_a_503_not_a_500(app_config):
    with redis_server() as url:
        app = create_app({**app_config, "RATELIMIT_STORAGE_URI": url})
        upgrade(app)
        add_user(app, "sam.staff")
        client = app.test_client()
        token = csrf_token(client.get("/account/login").text)
    # The store has stopped: the limit cannot count, so the attempt is refused rather than let through.
    response = client.post("/account/login", data={"csrf_token": token, "username": "sam.staff",
                                                   "password": "correct horse battery staple"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert "try again in a minute" in response.text
    assert client.get("/staff/").status_code == 302  # not signed in
    public = client.post("/revoke", data={"csrf_token": token, "reference": "X", "secret": "Y"})
    assert public.status_code == 503  # public posts too: PUBLIC_POST_LIMIT is counted in the same store


def test_the_store_holds_addresses_and_routes_only(app, redis_url):
    """No username or password reaches Redis: its keys name the client address and the route, nothing else."""
    add_user(app, "sam.staff")
    sign_in(app.test_client(), "sam.staff", "a wrong guess 4711")
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]
    assert keys and all("accounts.login" in key for key in keys), keys
    assert not any("sam.staff" in key or "4711" in key for key in keys), keys


def test_a_refused_request_logs_no_client_address(app, redis_url, caplog):
    """Flask-Limiter's own INFO line names the client's address beside the endpoint; it is not logged."""
    add_user(app, "sam.staff")
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        statuses = [sign_in(client, "sam.staff", f"guess {n}").status_code for n in range(5)]
    assert 429 in statuses
    assert "127.0.0.1" not in caplog.text
