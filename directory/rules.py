"""Rules a well-typed profile must still meet: taxonomy ids, cross-field requirements and dates."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from directory.dates import REVIEW_MONTHS, is_review_due
from directory.model import Profile
from directory.taxonomy import Taxonomy

IN_PERSON = {"in-person", "home-visit"}
PLACEHOLDER = "TODO"

@dataclass(frozen=True)
class Finding:
    loc: tuple
    message: str
    severity: str = "error"
    at_key: bool = False
    anchor: tuple | None = None  # where to point when it differs from `loc`, e.g. the mapping missing a field


def check_profile(profile: Profile, taxonomy: Taxonomy, today: date,
                  review_months: int = REVIEW_MONTHS) -> Iterator[Finding]:
    for loc, values in (
        (("categories",), profile.categories), (("levels_of_care",), profile.levels_of_care),
        (("populations",), profile.populations), (("referral", "requires"), profile.referral.requires),
        (("fees", "options"), profile.fees.options), (("delivery",), profile.delivery),
        (("languages",), profile.languages), (("strengths",), profile.strengths),
        (("weaknesses",), profile.weaknesses), (("needs",), profile.needs),
    ):
        yield from _duplicates(loc, values)

    mental_health = [c for c in profile.categories if c in taxonomy.mental_health_categories]
    if mental_health and not profile.levels_of_care:
        yield Finding(("levels_of_care",), f"is required because `{mental_health[0]}` is a mental-health "
                          f"or addiction category; valid levels: {', '.join(taxonomy['levels_of_care'])}", anchor=())

    needs_place = IN_PERSON.intersection(profile.delivery)
    if needs_place and not profile.locations:
        yield Finding(("locations",), f"is required because delivery includes `{sorted(needs_place)[0]}`; "
                                      "add at least one location with `address` and `city`", anchor=())

    for index, place in enumerate(profile.locations):
        if (place.latitude is None) != (place.longitude is None):
            given, missing = ("latitude", "longitude") if place.longitude is None else ("longitude", "latitude")
            yield Finding(("locations", index, given), f"`{given}` needs `{missing}` beside it: give both "
                                                       "coordinates or neither")

    contact = profile.contact
    if not (contact.phone or contact.email or contact.website):
        yield Finding(("contact",), "needs at least one of `phone`, `email` or `website`")

    eligibility = profile.eligibility
    if eligibility and eligibility.min_age is not None and eligibility.max_age is not None \
            and eligibility.min_age > eligibility.max_age:
        yield Finding(("eligibility", "min_age"),
                      f"`min_age` ({eligibility.min_age}) is greater than `max_age` ({eligibility.max_age})")

    if profile.last_reviewed > today:
        yield Finding(("last_reviewed",), f"{profile.last_reviewed} is in the future; "
                                          "use the date a person last verified this profile")
    elif is_review_due(profile.last_reviewed, today, review_months):
        yield Finding(("last_reviewed",), f"last reviewed {profile.last_reviewed}, more than {review_months} "
                                          "months ago; verify the profile with the provider and update the date",
                      severity="warning")


def check_placeholders(data: object, loc: tuple = ()) -> Iterator[Finding]:
    """Templates and imported drafts mark what an editor must write with TODO; none may be merged."""
    if isinstance(data, str):
        if PLACEHOLDER in data:
            yield Finding(loc, "still contains the placeholder TODO; replace it with real information")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from check_placeholders(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from check_placeholders(value, loc + (index,))


def _duplicates(loc: tuple, values: list[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield Finding(loc + (index,), f"`{value}` is listed twice")
        seen.add(value)
