"""Rate limits in a shared store and the account lock, on the intake app's fixtures (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
import redis

from tests.app.fixtures import *  # noqa: F401,F403


@pytest.fixture(scope="session")
def redis_server_url():
    """One real redis-server for the session (no persistence, no config file)."""
    from tests.redis_server import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def redis_url(redis_server_url):
    """The session's Redis, emptied: no count carries over from another test."""
    client = redis.Redis.from_url(redis_server_url)
    client.flushdb()
    client.close()
    return redis_server_url
