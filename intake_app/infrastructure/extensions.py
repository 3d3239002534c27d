"""Extensions shared by every blueprint (public and staff): CSRF protection and rate limiting."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from limits.errors import ConfigurationError, StorageError

from intake_app.infrastructure.config import ConfigError

csrf = CSRFProtect()
log = logging.getLogger(__name__)
# Flask-Limiter logs each refusal at INFO as "ratelimit … (<client address>) exceeded at endpoint: …": an address
# beside a revocation or a referral request. Only its warnings (a store in trouble) are kept.
logging.getLogger("flask-limiter").setLevel(logging.WARNING)

# A Redis that hangs must not hang the workers: each store operation gives up after this many seconds (measured:
# a stopped (SIGSTOP) Redis answers a limited request with the 503 page in 2.0 s; a Redis that is down, at once).
STORE_TIMEOUT_SECONDS = 2
RETRY_AFTER_SECONDS = 60


def _not_a_public_post() -> bool:
    return request.method != "POST" or request.blueprint != "public"


# Limits are per client address; behind a proxy set TRUSTED_PROXIES so that address is the client's.
# Every public POST gets PUBLIC_POST_LIMIT per route. As a default limit it is checked before CSRF, so floods of
# forged posts count too; limits added with @limiter.limit on a view are only checked once CSRF has passed.
limiter = Limiter(get_remote_address, default_limits=[lambda: current_app.config["PUBLIC_POST_LIMIT"]],
                  default_limits_exempt_when=_not_a_public_post)


def shown_uri(uri: str) -> str:
    """The storage URI without its password, fit for a log or an error message."""
    if "://" not in uri:
        return uri
    try:
        parts = urlsplit(uri)
        host = f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")
    except ValueError:
        return uri.split("://", 1)[0] + "://…"
    return f"{parts.scheme}://{host}{parts.path}"


def init_limiter(app: Flask, relaxed: bool) -> None:
    """Rate limiting, with its store checked now: a typo or an unreachable Redis stops start-up, so it cannot
    surface later as limits that silently fail. `relaxed` (debug or testing) may count in this process's memory.

    If the store goes away later, limited requests are refused with a 503 (see `store_unavailable`) rather than
    let through uncounted: a sign-in or revocation limit that cannot count would be no limit at all.
    """
    uri = app.config["RATELIMIT_STORAGE_URI"]
    if uri.startswith(("redis", "valkey")):  # redis://, rediss://, redis+unix://, redis+sentinel:// ...
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": STORE_TIMEOUT_SECONDS,
                                                            "socket_timeout": STORE_TIMEOUT_SECONDS})
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {})["wrap_exceptions"] = True
    try:
        limiter.init_app(app)
    except (ConfigurationError, ValueError) as error:
        reason = str(error).replace(uri, shown_uri(uri)).rstrip(".")  # limits' message may repeat the password
        raise ConfigError(f"RATELIMIT_STORAGE_URI {shown_uri(uri)!r} cannot be used: {reason}. "
                          "Use memory:// (one worker, for development) or redis://host:6379/0.") from None
    app.register_error_handler(StorageError, store_unavailable)
    if not limiter.enabled:
        return
    if not limiter.storage.check():
        raise ConfigError(f"RATELIMIT_STORAGE_URI: the rate-limit store at {shown_uri(uri)} does not answer. "
                          "Start it (or fix the address) before the intake app.")
    if uri.startswith("memory://") and not relaxed:
        app.logger.warning(
            "Rate limits are counted in memory (RATELIMIT_STORAGE_URI=memory://): each worker keeps its own "
            "count and a restart resets it, so sign-in and revocation limits are weaker than configured. "
            "Set RATELIMIT_STORAGE_URI=redis://host:6379/0 in production.")


def store_unavailable(_error: StorageError):
    """The limit store stopped answering mid-run: refuse (fail closed) with a page saying to try again soon."""
    log.warning("rate-limit store unreachable; refused a request to %s", request.endpoint)
    return render_template("errors/503.html"), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}
