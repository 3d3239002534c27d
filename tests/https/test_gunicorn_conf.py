"""The shipped gunicorn configuration: settings from the environment, mistakes refused with a clear message."""
from __future__ import annotations

import os
import runpy
import subprocess

import pytest

from intake_app import gunicorn_conf
from intake_app.gunicorn_conf import private_path
from tests.gunicorn_server import APP, CONFIG, GUNICORN

NAMES = ("GUNICORN_BIND", "WEB_CONCURRENCY", "TLS_CERTFILE", "TLS_KEYFILE", "FORWARDED_ALLOW_IPS", "ACCESS_LOG")


def settings(monkeypatch, **environ) -> dict:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(gunicorn_conf.__file__)


def test_defaults(monkeypatch):
    conf = settings(monkeypatch)
    assert conf["workers"] == os.cpu_count() + 1 and conf["bind"] == ["127.0.0.1:8001"]
    assert conf["certfile"] is None and conf["keyfile"] is None and conf["preload_app"] is False
    assert conf["accesslog"] == "-" and "%(h)s" not in conf["access_log_format"]
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_from_the_environment(monkeypatch):
    conf = settings(monkeypatch, WEB_CONCURRENCY="5", GUNICORN_BIND="0.0.0.0:443", TLS_CERTFILE="/tls/cert.pem",
                    TLS_KEYFILE="/tls/key.pem", ACCESS_LOG="off", FORWARDED_ALLOW_IPS="10.0.0.2")
    assert (conf["workers"], conf["bind"], conf["certfile"], conf["keyfile"], conf["accesslog"]) == \
        (5, ["0.0.0.0:443"], "/tls/cert.pem", "/tls/key.pem", None)
    assert conf["forwarded_allow_ips"] == "10.0.0.2"


@pytest.mark.parametrize("environ, message", [
    ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY must be a whole number"),
    ({"TLS_CERTFILE": "/tls/cert.pem"}, "set both TLS_CERTFILE and TLS_KEYFILE"),
    ({"TLS_KEYFILE": "/tls/key.pem"}, "set both TLS_CERTFILE and TLS_KEYFILE"),
])
def test_a_mistake_stops_gunicorn_with_a_message(tmp_path, environ, message):
    env = {name: value for name, value in os.environ.items() if name not in NAMES}
    done = subprocess.run([str(GUNICORN), "-c", CONFIG, "--check-config", APP], env={**env, **environ},
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and message in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("workers", ["four", "-1", "2.5"])
def test_workers_must_be_a_whole_number(monkeypatch, workers):
    """(gunicorn itself fails with a traceback on a non-number, before reading any config.)"""
    with pytest.raises(RuntimeError, match="WEB_CONCURRENCY must be a whole number"):
        settings(monkeypatch, WEB_CONCURRENCY=workers)


@pytest.mark.parametrize("path, logged", [
    ("/refer/cedar-falls-family-health-team", "/refer/*"),
    ("/refer/help/request", "/refer/*/request"),
    ("/refer", "/refer"),
    ("/referrals-guide", "/referrals-guide"),
    ("/staff/referrals/12", "/staff/referrals/12"),
    ("/consent/h1eXAMPLEtoken", "/consent/*"),
    ("/provider/AbC123xyz-_", "/provider/*"),
    ("/check-in/AbC123xyz", "/check-in/*"),
    ("/check-in", "/check-in"),
])
def test_the_logged_path_has_no_provider_or_token(path, logged):
    assert private_path(path) == logged
