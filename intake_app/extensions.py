"""Extensions shared by every blueprint (public and staff): CSRF protection and rate limiting."""
from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def _not_a_public_post() -> bool:
    return request.method != "POST" or request.blueprint != "public"


# Limits are per client address; behind a proxy set TRUSTED_PROXIES so that address is the client's.
# Every public POST gets PUBLIC_POST_LIMIT per route. As a default limit it is checked before CSRF, so floods of
# forged posts count too; limits added with @limiter.limit on a view are only checked once CSRF has passed.
limiter = Limiter(get_remote_address, default_limits=[lambda: current_app.config["PUBLIC_POST_LIMIT"]],
                  default_limits_exempt_when=_not_a_public_post)
