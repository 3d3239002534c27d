"""Fixtures for the matching tests: the real sample catalog, and small catalogs of profiles built in the test."""
from __future__ import annotations

import pytest

from directory.catalog import Catalog, load_catalog
from directory.model import Eligibility, Fees, Location, Profile, WaitTime
from directory.taxonomy import load_taxonomy

# Where the fictional places are (the samples' own coordinates, rounded).
PLACES = {
    "Riverside": ("ON", 45.3876, -75.6960),
    "Lakeside": ("ON", 44.2933, -76.5605),
    "Fernhollow": ("BC", 49.1576, -123.0647),
}


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def base(catalog) -> Profile:
    """A plain physiotherapy clinic: serves pain or injury, in Riverside, English, private pay, no age limits,
    accepting, a 7-day wait. Each test changes the one field it is about."""
    return clinic(catalog.get("fernhollow-physiotherapy-and-rehab"), "Base clinic")


def clinic(template: Profile, name: str, *, city: str = "Riverside", languages=("en",), fees=("private-pay",),
           delivery=("in-person",), min_age=None, max_age=None, days: int | None = 7, accepting: bool = True,
           status: str = "active", needs=("pain-or-injury",), categories=("physiotherapy",),
           levels=(), accessibility=(), summary: str = "Physiotherapy.") -> Profile:
    region, latitude, longitude = PLACES[city]
    place = Location(address="1 Test Road", city=city, region=region, latitude=latitude, longitude=longitude)
    slug = name.lower().replace(" ", "-")
    return template.model_copy(update=dict(
        name=name, slug=slug, summary=summary, mandate="A test clinic.", services=[], strengths=["Test"],
        languages=list(languages), fees=Fees(options=list(fees)), delivery=list(delivery),
        eligibility=Eligibility(min_age=min_age, max_age=max_age), wait_time=WaitTime(typical_days=days),
        accepting_new_clients=accepting, status=status, needs=list(needs), categories=list(categories),
        levels_of_care=list(levels), accessibility=list(accessibility), locations=[place]))


def small_catalog(*profiles: Profile) -> Catalog:
    return Catalog(tuple(profiles), load_taxonomy())


def slugs(matches) -> list[str]:
    return [proposal.profile.slug for proposal in matches.proposals]
