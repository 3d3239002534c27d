"""gunicorn settings for the intake app, inside the package so a checkout and an installed wheel share them:

    gunicorn -c python:intake_app.gunicorn_conf 'intake_app:create_app()'

From the environment (the command line and GUNICORN_CMD_ARGS still override any of them):
    GUNICORN_BIND        address to listen on (default 127.0.0.1:8001, behind a proxy on the same machine)
    WEB_CONCURRENCY      workers (default: one per core plus one)
    TLS_CERTFILE, TLS_KEYFILE  serve HTTPS directly (both or neither)
    FORWARDED_ALLOW_IPS  proxies trusted for X-Forwarded-Proto (default loopback); set TRUSTED_PROXIES for the app
    ACCESS_LOG           file for the access log, `-` for stdout (default), `off` for none

The access log never holds a client address, query string, referrer, user agent or a link's token, and a path
under /refer/ loses the provider: a client's address next to the service they asked for (an addiction service,
say) is a health fact about them. It keeps what operations need: time, worker, method, path, status, size,
duration.
"""
from __future__ import annotations

import os
import re

from gunicorn.glogging import Logger


def _workers() -> int:
    value = os.environ.get("WEB_CONCURRENCY", "")
    if not value:
        return (os.cpu_count() or 1) + 1
    if not value.isdigit() or int(value) < 1:
        raise RuntimeError(f"WEB_CONCURRENCY must be a whole number of workers (1 or more), not {value!r}")
    return int(value)


def _tls() -> tuple[str | None, str | None]:
    certfile, keyfile = os.environ.get("TLS_CERTFILE") or None, os.environ.get("TLS_KEYFILE") or None
    if bool(certfile) != bool(keyfile):
        raise RuntimeError("set both TLS_CERTFILE and TLS_KEYFILE to serve HTTPS, or neither behind a proxy")
    return certfile, keyfile


# The provider asked for, and the tokens of consent, provider and check-in links (each one a key to a referral).
_PRIVATE_IN_PATH = re.compile(r"^/(refer|consent|provider|check-in)/[^/]+")
# The only atoms a log line may use; anything else (h, r, q, f, a, u, headers, environ) logs as "-".
_SAFE_ATOMS = ("t", "m", "U", "H", "s", "b", "B", "T", "D", "M", "L", "p")


def private_path(path: str) -> str:
    """/refer/<provider>/request → /refer/*/request: which service a person asked for stays out of the log, and
    so does a link's token (/consent/*, /provider/*, /check-in/*): a log reader could otherwise open the link."""
    return _PRIVATE_IN_PATH.sub(r"/\1/*", path or "")


class PrivateAccessLogger(Logger):
    """Writes only the safe atoms, whatever access_log_format an operator sets (GUNICORN_CMD_ARGS included)."""

    def atoms(self, resp, req, environ, request_time):
        every = super().atoms(resp, req, environ, request_time)
        safe = {name: every[name] for name in _SAFE_ATOMS}
        safe["U"] = private_path(safe["U"])
        return safe


bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]
workers = _workers()
preload_app = False  # each worker opens its own database connections
certfile, keyfile = _tls()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
logger_class = PrivateAccessLogger
accesslog = None if os.environ.get("ACCESS_LOG", "-").lower() == "off" else os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(t)s %(p)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
