"""Start-up refuses unsafe settings with a message that says what to do."""
from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from intake_app import ConfigError, create_app
from intake_app.infrastructure.config import from_environment
from tests.app.fixtures import TEST_PROVIDERS, TEST_SECRET_KEY


def production(tmp_path, **overrides) -> dict:
    config = {"TESTING": False, "DEBUG": False, "SECRET_KEY": TEST_SECRET_KEY,
              "ENCRYPTION_KEYS": Fernet.generate_key().decode(), "BLIND_INDEX_KEY": "b" * 64,
              "PROVIDERS_DIR": str(TEST_PROVIDERS),
              "DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite'}"}
    config.update(overrides)
    return config


@pytest.mark.parametrize("secret", [None, "", "dev", "change-me", "short-but-random-4f9a"])
def test_refuses_to_start_without_a_real_secret_key(tmp_path, secret):
    with pytest.raises(ConfigError, match="(?s)SECRET_KEY must be set.*secrets.token_hex"):
        create_app(production(tmp_path, SECRET_KEY=secret))


def test_refuses_to_start_without_encryption_keys(tmp_path):
    with pytest.raises(ConfigError, match="ENCRYPTION_KEYS must be set"):
        create_app(production(tmp_path, ENCRYPTION_KEYS=""))


def test_bad_encryption_key_is_named_by_position_not_echoed(tmp_path):
    good = Fernet.generate_key().decode()
    with pytest.raises(ConfigError, match="key 2 of 2 is not a Fernet key") as raised:
        create_app(production(tmp_path, ENCRYPTION_KEYS=f"{good},not-a-key-at-all"))
    assert "not-a-key-at-all" not in str(raised.value)


@pytest.mark.parametrize("key, message", [("", "BLIND_INDEX_KEY must be set"),
                                          ("short", "BLIND_INDEX_KEY must be at least 32 random characters")])
def test_refuses_to_start_without_a_blind_index_key(tmp_path, key, message):
    with pytest.raises(ConfigError, match=f"{message}.*secrets.token_hex") as raised:
        create_app(production(tmp_path, BLIND_INDEX_KEY=key))
    assert "short" not in str(raised.value)


def test_testing_keeps_a_generated_blind_index_key_in_the_instance_folder(tmp_path, monkeypatch):
    from intake_app.infrastructure import crypto
    config = {"TESTING": True, "PROVIDERS_DIR": str(TEST_PROVIDERS), "DATABASE_URL": "sqlite://"}
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path / "instance"))
    keys = [create_app(config).config["BLIND_INDEX_KEY"] for _ in range(2)]
    assert keys[0] == keys[1] and len(keys[0]) == 64  # the same after a restart: the index still matches
    assert (tmp_path / "instance" / crypto.DEV_INDEX_KEY_FILE).read_text() == keys[0]


def test_starts_with_real_settings(tmp_path):
    assert create_app(production(tmp_path)).config["SESSION_COOKIE_SECURE"] is True


def test_testing_generates_what_is_missing(tmp_path):
    app = create_app({"TESTING": True, "PROVIDERS_DIR": str(TEST_PROVIDERS), "SECRET_KEY": None,
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite'}"})
    assert len(app.config["SECRET_KEY"]) >= 32 and app.extensions["intake_crypto"]


def test_environment_values_are_typed_with_clear_errors():
    config = from_environment({"PROCESSING_DAYS": "5", "SESSION_COOKIE_SECURE": "false", "CRISIS_LINE": "988"})
    assert config == {"PROCESSING_DAYS": 5, "SESSION_COOKIE_SECURE": False, "CRISIS_LINE": "988"}
    with pytest.raises(ConfigError, match="PROCESSING_DAYS must be a whole number"):
        from_environment({"PROCESSING_DAYS": "three"})
    with pytest.raises(ConfigError, match="RATELIMIT_ENABLED must be true or false"):
        from_environment({"RATELIMIT_ENABLED": "maybe"})


def test_staff_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGIN_LIMIT", "2 per minute;20 per day")
    monkeypatch.setenv("STAFF_IDLE_MINUTES", "10")
    app = create_app(production(tmp_path))
    assert app.config["LOGIN_LIMIT"] == "2 per minute;20 per day" and app.config["STAFF_IDLE_MINUTES"] == 10
    with pytest.raises(ConfigError, match="STAFF_IDLE_MINUTES must be a whole number, not 'half an hour'"):
        from_environment({"STAFF_IDLE_MINUTES": "half an hour"})


@pytest.mark.parametrize("name", ["LOGIN_LIMIT", "PUBLIC_POST_LIMIT", "REVOKE_LIMIT"])
def test_a_rate_limit_that_cannot_be_parsed_stops_start_up(name):
    """Flask-Limiter would only log it and then not limit at all."""
    with pytest.raises(ConfigError, match=f"{name} must be limits like '10 per minute;100 per day', not 'ten a minute'"):
        from_environment({name: "ten a minute"})


def test_command_line_reports_a_missing_secret_without_a_traceback(tmp_path):
    """An operator starting `flask` with no SECRET_KEY reads one clear error, not a Python stack trace."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FLASK_DEBUG", "ENCRYPTION_KEYS")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'intake.sqlite'}"
    flask = Path(sys.executable).parent / "flask"
    done = subprocess.run([str(flask), "--app", "intake_app", "init-db"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert done.returncode != 0
    assert "Error: SECRET_KEY must be set to a random value" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "intake.sqlite").exists()
