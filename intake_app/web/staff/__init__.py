"""The staff workspace at /staff: queue, record, letter, follow-up, outcomes, network report, audit log, accounts.

Importing the package gives the complete blueprint: each page module adds its routes to `bp` (blueprint.py).
"""
from intake_app.web.staff import (  # noqa: F401  (their routes register on bp)
    admin_views, assessment_views, consents, lists, matching_views, network_views, practice_views, records)
from intake_app.web.staff.blueprint import bp

__all__ = ["bp"]
