"""The public side: a client asks for a referral, consents, and may later take the consent back; a client
signs the consent for a provider chosen with staff on a one-time link, and checks in on the referral. No login."""
from intake_app.web.public import checkin_views, consent_views  # noqa: F401  (their routes register on bp)
from intake_app.web.public.views import bp

__all__ = ["bp"]
