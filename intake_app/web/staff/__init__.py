"""The staff workspace at /staff: queue, record, letter, follow-up, outcomes, network report, audit log, accounts.

Importing the package gives the complete blueprint: each page module adds its routes to `bp` (blueprint.py).
"""
from intake_app.web.staff import admin_views, lists, records  # noqa: F401  (their routes register on bp)
from intake_app.web.staff.blueprint import bp

__all__ = ["bp"]
