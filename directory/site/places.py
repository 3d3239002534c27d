"""Where providers are, for search: City and Region filter values, and coordinates for sorting by distance.

Read by the search page's facet index (directory/site/facets.py).
"""
from __future__ import annotations

import functools

import pycountry

from directory.model import Location, Profile
from directory.taxonomy import Taxonomy
from directory.values import DEFAULT_COUNTRY


def city_value(place: Location) -> str:
    """A city as the City filter lists it: with its region, so two Riversides stay apart."""
    return f"{place.city}, {place.region}" if place.region else place.city


def region_name(place: Location, default_country: str) -> str:
    """`ON` → `Ontario` for the Region filter, where ISO 3166-2 knows the code; else as written."""
    return _subdivision(place.country or default_country, place.region) if place.region else ""


@functools.lru_cache(maxsize=512)  # asked for every location of every provider, twice
def _subdivision(country: str, region: str) -> str:
    found = pycountry.subdivisions.get(code=f"{country}-{region}")
    return found.name if found else region


class place_values:  # noqa: N801 - used like a function by facets.GROUPS
    """A City or Region filter group's options (sorted, as `values(taxonomy, profiles)`) and `of(profile)`."""

    def __init__(self, kind: str):
        self.kind = kind

    def _one(self, place: Location) -> str:
        return city_value(place) if self.kind == "city" else region_name(place, DEFAULT_COUNTRY)

    def of(self, profile: Profile) -> list[str]:
        return list(dict.fromkeys(self._one(p) for p in profile.locations if self.kind == "city" or p.region))

    def __call__(self, _: Taxonomy, profiles: list[Profile]) -> list[tuple[str, str]]:
        return [(value, value) for value in sorted({v for p in profiles for v in self.of(p)})]


def city_centres(profiles: list[Profile], cities: list[str]) -> list[list[float] | None]:
    """For each city name, the mean coordinates of the first locations there (None without any): the page
    sorts by distance from a city chosen from the directory's own."""
    sums: dict[str, list[float]] = {}
    for profile in profiles:
        place = profile.locations[0] if profile.locations else None
        if place and place.latitude is not None and place.longitude is not None:
            total = sums.setdefault(place.city, [0.0, 0.0, 0])
            total[0], total[1], total[2] = total[0] + place.latitude, total[1] + place.longitude, total[2] + 1
    return [[round(sums[c][0] / sums[c][2], 4), round(sums[c][1] / sums[c][2], 4)] if c in sums else None
            for c in cities]



# 3 decimals of a degree is about 100 m: enough for "about 12 km", with fewer digits to download.
PRECISION = 3


def coordinates(profile: Profile) -> list[float]:
    """Every located place of a provider as one flat `[lat, lon, lat, lon…]` list (empty without any): the page
    takes the nearest place of a provider with several."""
    return [round(value, PRECISION) for place in profile.locations
            if place.latitude is not None and place.longitude is not None
            for value in (place.latitude, place.longitude)]
