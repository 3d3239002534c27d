"""Extensions shared by every blueprint (public and staff): CSRF protection and rate limiting."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
# Limits are per client address; behind a proxy set TRUSTED_PROXIES so that address is the client's.
limiter = Limiter(get_remote_address)
