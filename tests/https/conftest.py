"""The intake app over HTTPS as deployed: gunicorn serving TLS itself, or plain HTTP behind nginx terminating TLS.

On top of the intake app's fixtures (`app` over SQLite and PostgreSQL): the servers use the same database and
keys as `app`, so a test checks what they stored through `app`.
"""
from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
import trustme

from tests.app.fixtures import *  # noqa: F401,F403
from tests.gunicorn_server import gunicorn_server
from tests.https.nginx_proxy import nginx_proxy

SETTINGS = ("SECRET_KEY", "ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "DATABASE_URL", "PROVIDERS_DIR")


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> SimpleNamespace:
    """A throwaway CA and a certificate it issued for 127.0.0.1, as files (made at test time by trustme)."""
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    issued = ca.issue_cert("127.0.0.1", "localhost")
    paths = SimpleNamespace(certfile=folder / "cert.pem", keyfile=folder / "key.pem", ca=folder / "ca.pem")
    issued.cert_chain_pems[0].write_to_path(paths.certfile)
    for pem in issued.cert_chain_pems[1:]:
        pem.write_to_path(paths.certfile, append=True)
    issued.private_key_pem.write_to_path(paths.keyfile)
    ca.cert_pem.write_to_path(paths.ca)
    return paths


@pytest.fixture
def server_env(app, app_config, tmp_path) -> dict:
    """A production environment (no TESTING, secure cookies, limits on) with the settings of `app`."""
    return {**os.environ, **{name: str(app_config[name]) for name in SETTINGS},
            "ACCESS_LOG": str(tmp_path / "access.log")}


@pytest.fixture
def gunicorn_env(server_env) -> dict:
    """The environment the servers start with (a test module overrides it to change one)."""
    return server_env


@pytest.fixture(params=["direct", "proxied"])
def https_url(request, gunicorn_env, certificate):
    """https://127.0.0.1:PORT of the app: gunicorn with the certificate, or nginx with it in front of gunicorn
    on plain HTTP with TRUSTED_PROXIES=1."""
    if request.param == "direct":
        with gunicorn_server(gunicorn_env, certfile=certificate.certfile, keyfile=certificate.keyfile) as url:
            yield url
    else:
        with gunicorn_server({**gunicorn_env, "TRUSTED_PROXIES": "1"}) as upstream, \
                nginx_proxy(upstream, str(certificate.certfile), str(certificate.keyfile)) as url:
            yield url


@pytest.fixture
def secure_page(browser):
    """A Chromium tab for the test certificate (its CA is not in the system store; requests checks the chain)."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    yield page
    context.close()
