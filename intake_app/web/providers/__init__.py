"""The receiving provider's side: the referral letter and the provider's answers on its own link, no account."""
from intake_app.web.providers.views import bp

__all__ = ["bp"]
