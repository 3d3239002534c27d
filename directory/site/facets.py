"""The compact facet index the search page filters with, so filters alone list providers at any size.

Pagefind's word index is what a search without words would otherwise download (3.4 MB at 10,000 providers).
This file holds, per listed provider, only its slug, name, first city, typical wait and its filter values as
small integer codes: the page lists, filters and counts without Pagefind, and asks Pagefind only for words.

Adding a filter is one `Group` in `GROUPS` (a future `needs` group, or a city/region group, slots in the same
way); the page builds its filter pane from the groups it receives.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass

from directory.model import Profile
from directory.site.pages import Page, SiteContext
from directory.site.provider import needs_of
from directory.site.places import city_centres, coordinates, place_values
from directory.taxonomy import Taxonomy, language_names

PATH = "search/facets.json.gz"
# The Pagefind filter every provider page carries (overrides/main.html): which providers a word query matched.
SLUG_FILTER = "slug"
# Filter group names, as the search page shows them.
CATEGORY, LEVEL, POPULATION, LANGUAGE = "Category", "Level of care", "Population", "Language"
FEES, DELIVERY, ACCEPTING, SELF_REFERRAL = "Fees", "Delivery", "Accepting new clients", "Self-referral"
NEED, CITY, REGION = "Need", "City", "Region"


@dataclass(frozen=True)
class Group:
    """One filter group: `values` gives the options in display order, `of` a provider's value ids."""

    key: str
    name: str  # as the page shows it; also the checkboxes' `name`
    values: Callable[[Taxonomy, list[Profile]], list[tuple[str, str]]]  # (id, label), in display order
    of: Callable[[Profile], list[str]]


def _vocabulary(vocabulary: str) -> Callable[[Taxonomy, list[Profile]], list[tuple[str, str]]]:
    """The taxonomy's own order: for levels of care that is intensity, self-help first, inpatient last."""
    return lambda taxonomy, _: [(term.id, term.label) for term in taxonomy[vocabulary].values()]


def _languages(_: Taxonomy, profiles: list[Profile]) -> list[tuple[str, str]]:
    names = language_names()
    codes = {code for profile in profiles for code in profile.languages}
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda pair: pair[1])


def _yes_no(_: Taxonomy, __: list[Profile]) -> list[tuple[str, str]]:
    return [("yes", "Yes"), ("no", "No")]


def _flag(value: bool) -> list[str]:
    return ["yes" if value else "no"]


# Display order: what rules a provider in or out first. Level of care sits near the top, in intensity order.
GROUPS: tuple[Group, ...] = (
    Group("category", CATEGORY, _vocabulary("categories"), lambda p: p.categories),
    Group("level", LEVEL, _vocabulary("levels_of_care"), lambda p: p.levels_of_care),
    Group("need", NEED, _vocabulary("needs"), needs_of),
    Group("accepting", ACCEPTING, _yes_no, lambda p: _flag(p.accepting_new_clients)),
    Group("delivery", DELIVERY, _vocabulary("delivery"), lambda p: p.delivery),
    Group("fees", FEES, _vocabulary("fees"), lambda p: p.fees.options),
    Group("language", LANGUAGE, _languages, lambda p: p.languages),
    Group("region", REGION, place_values("region"), lambda p: place_values("region").of(p)),
    Group("city", CITY, place_values("city"), lambda p: place_values("city").of(p)),
    Group("population", POPULATION, _vocabulary("populations"), lambda p: p.populations),
    Group("self_referral", SELF_REFERRAL, _yes_no, lambda p: _flag(p.referral.self_referral)),
)


def facet_index(context: SiteContext) -> dict:
    """Groups with their option labels, cities, and one row per listed provider (sorted by name):
    `[slug, name, city code or -1, typical wait in days or -1, [option codes]]`. Option codes number every
    option of every group in turn; options no listed provider has are left out. `coordinates` runs beside
    `providers`, one flat list of each provider's located places, for sorting by distance in the page."""
    taxonomy, listed = context.catalog.taxonomy, list(context.catalog.listed)
    values_of = [[set(group.of(profile)) for group in GROUPS] for profile in listed]
    groups, codes = [], []  # codes[g]: value id → global option code
    count = 0
    for number, group in enumerate(GROUPS):
        used = set().union(*(values[number] for values in values_of)) if values_of else set()
        options = [(value, label) for value, label in group.values(taxonomy, listed) if value in used]
        codes.append({value: count + index for index, (value, _) in enumerate(options)})
        count += len(options)
        groups.append({"key": group.key, "name": group.name, "options": [label for _, label in options]})
    cities: dict[str, int] = {}
    rows = []
    for profile, values in zip(listed, values_of):
        city = cities.setdefault(profile.locations[0].city, len(cities)) if profile.locations else -1
        wait = profile.typical_days if profile.typical_days is not None else -1
        row_codes = sorted(codes[g][value] for g, group_values in enumerate(values) for value in group_values
                           if value in codes[g])
        rows.append([profile.slug, profile.name, city, wait, row_codes])
    return {"version": 1, "groups": groups, "cities": list(cities), "providers": rows,
            "city_coordinates": city_centres(listed, list(cities)),  # [lat, lon] or null per city, for distance
            "coordinates": [coordinates(profile) for profile in listed]}  # per row: [lat, lon, lat, lon…] or []


def gzipped_json(data: object) -> bytes:
    """Compact JSON, gzipped like Pagefind's own chunks (the page inflates it; a plain copy works too)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def pages(context: SiteContext) -> list[Page]:
    return [Page(PATH, gzipped_json(facet_index(context)))]
