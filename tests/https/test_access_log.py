"""The access log of a real gunicorn run never pairs a client's address with the service they asked for.

A submission and a revocation go over HTTPS (direct TLS and behind nginx), with the shipped log format and with
an operator's format asking for everything (address, request line, query, referrer, user agent, forwarded-for).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from intake_app.gunicorn_conf import private_path
from tests.app.fixtures import PROVIDER
from tests.app.journey import answers, open_form

GREEDY_FORMAT = "'%(h)s %(l)s %(u)s %(r)s %(q)s %(f)s %(a)s %({x-forwarded-for}i)s %({referer}i)s %(U)s %(s)s'"


class Browser(requests.Session):
    """requests with a base URL and the Referer a browser sends under `same-origin` (the werkzeug test client's
    get/post/text interface, so tests.app.journey drives it)."""

    def __init__(self, base: str, ca: Path):
        super().__init__()
        self.base, self.verify, self.last = base, str(ca), None
        self.trust_env = False  # the test CA, not REQUESTS_CA_BUNDLE; no proxy from the environment

    def request(self, method, url, *args, **kwargs):
        headers = {**kwargs.pop("headers", {}), **({"Referer": self.last} if self.last else {})}
        response = super().request(method, self.base + url, *args, headers=headers, timeout=30, **kwargs)
        self.last = response.url
        return response


def submit_and_revoke(base: str, ca: Path) -> None:
    browser = Browser(base, ca)
    form = open_form(browser)
    sent = browser.post(f"/refer/{PROVIDER}/request?from=site", data=answers(form))
    assert sent.status_code == 200 and "Your request has been sent" in sent.text, sent.text[:2000]
    reference, secret = (re.search(rf'id="{name}">([^<]+)<', sent.text).group(1) for name in ("reference", "secret"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', browser.get("/revoke").text).group(1)
    revoked = browser.post("/revoke", data={"csrf_token": token, "reference": reference, "secret": secret,
                                            "confirm": "y"})
    assert "Your permission has been taken back" in revoked.text, revoked.text[:2000]


@pytest.fixture(params=["shipped format", "greedy format"])
def gunicorn_env(request, server_env) -> dict:
    if request.param == "shipped format":
        return server_env
    return {**server_env, "GUNICORN_CMD_ARGS": f"--access-logformat {GREEDY_FORMAT}"}


def test_no_client_address_or_provider_in_the_access_log(https_url, server_env, certificate):
    submit_and_revoke(https_url, certificate.ca)
    log = Path(server_env["ACCESS_LOG"]).read_text()
    lines = log.splitlines()
    assert len(lines) >= 6 and any("/refer/*/request" in line for line in lines), log  # it did log the visit
    assert "127.0.0.1" not in log and PROVIDER not in log and "from=site" not in log, log
    assert "python-requests" not in log, log
