"""Sign-in POSTs are rate-limited per address, on top of the per-account lock."""
from __future__ import annotations

import pytest

from tests.staff.conftest import sign_in


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "LOGIN_LIMIT": "3 per minute"}


def test_sign_in_posts_are_rate_limited_per_address(app, client, staff_user):
    for attempt in range(3):
        assert sign_in(client, "nobody", f"guess number {attempt}").status_code == 401
    assert sign_in(client, staff_user).status_code == 429
    assert client.get("/account/login").status_code == 200  # only POSTs count
