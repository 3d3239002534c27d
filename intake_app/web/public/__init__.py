"""The public side: a client asks for a referral, consents, and may later take the consent back. No login."""
from intake_app.web.public.views import bp

__all__ = ["bp"]
