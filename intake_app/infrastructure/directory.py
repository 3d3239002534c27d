"""The one seam to the `directory` package: the only module of the app that imports it.

The intake app serves referrals for the same validated provider profiles the site publishes; everything it
needs from the directory (the catalog, a profile's type, the providers folder default, calendar months) is
named here, so what the app depends on in the directory can be read in one place.
"""
from __future__ import annotations

from flask import Flask, current_app

from directory.assessment import HOW_SOON as ASSESSMENT_HOW_SOON, Assessment, problems as assessment_problems
from directory.catalog import Catalog, load_catalog
from directory.dates import months_after
from directory.model import Profile
from directory.matching import InvalidAssessment, Matches, Proposal, areas, match
from directory.paths import PROVIDERS_DIR, TAXONOMY_FILE
from directory.taxonomy import language_names

__all__ = ["Catalog", "Profile", "PROVIDERS_DIR", "TAXONOMY_FILE", "months_after", "init_app", "catalog",
           "listed_provider", "ASSESSMENT_HOW_SOON", "Assessment", "assessment_problems", "InvalidAssessment",
           "Matches", "Proposal", "areas", "match", "language_names"]


def init_app(app: Flask) -> None:
    """Loads the profiles once, at start-up (config.check_directory_data has checked the paths exist)."""
    # InvalidProfiles propagates: serving referrals for a directory with errors in it would mislead clients.
    app.extensions["intake_catalog"] = load_catalog(app.config["PROVIDERS_DIR"])


def catalog() -> Catalog:
    return current_app.extensions["intake_catalog"]


def listed_provider(slug: str) -> Profile | None:
    """The provider a client may ask for: known and not inactive."""
    profile = catalog().get(slug)
    return profile if profile is not None and profile.listed else None
