"""One provider against one assessment: its score and, when asked, the sentences saying why.

The weights and penalties below are the whole ranking policy; directory/matching.py says who is proposed and
in what order, and reads this module for each candidate.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from directory.assessment import Assessment
from directory.model import Profile
from directory.needs import by_category, focused, served_needs
from directory.taxonomy import Taxonomy, language_names

CRISIS = "crisis"                 # the need whose providers come first when it is assessed
PRIMARY, OTHER = 100.0, 40.0      # serving the primary need / any other assessed need
LEVEL_ONLY = 0.6                  # a need served only by a level of care (a unit that also takes crises)
FOCUS = 10.0                      # the profile's own words name the need: a specialist
PENALTY = {"accepting": 120.0, "language": 120.0, "age": 150.0, "fees": 80.0, "delivery": 60.0,
           "area": 40.0, "wait": 40.0, "wait-unknown": 10.0, "area-remote": 15.0}
FAR_KM, FAR_MAX = 20.0, 40.0      # outside the area: one more point per 20 km, at most 40 more
UNKNOWN_DISTANCE = 20.0           # outside the area, no coordinates to measure by
WAIT_DAYS, WAIT_MAX = 3.0, 60.0   # wait beyond "how soon": one more point per 3 days over, at most 60 more
REMOTE = frozenset({"phone", "telehealth"})


@dataclass
class Notes:
    """The sentences explaining one proposal."""
    fits: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Entry:
    """What matching reads from one profile, computed once per catalog."""
    profile: Profile
    needs: frozenset[str]
    by_category: frozenset[str]
    focused: frozenset[str]
    languages: frozenset[str]
    fees: frozenset[str]
    delivery: frozenset[str]
    places: tuple[tuple[str, str, float | None, float | None], ...]  # (city, region, lat, lon), casefolded
    catchment: str
    access: tuple[tuple[str, frozenset[str]], ...]  # (item as written, its word stems)
    key: tuple[str, str]


def entry(profile: Profile, taxonomy: Taxonomy) -> Entry:
    """The profile's needs from `served_needs` (the site's own), never derived again here."""
    served = served_needs(profile, taxonomy.needs)
    places = tuple((p.city.casefold(), (p.region or "").casefold(), p.latitude, p.longitude)
                   for p in profile.locations)
    catchment = (profile.eligibility.area or "").casefold() if profile.eligibility else ""
    return Entry(profile, frozenset(served), frozenset(by_category(profile, taxonomy.needs)),
                 frozenset(focused(profile, taxonomy.needs, served)), frozenset(profile.languages),
                 frozenset(profile.fees.options), frozenset(profile.delivery), places, catchment,
                 tuple((item, _stems(item)) for item in profile.accessibility),
                 (profile.name.casefold(), profile.slug))


class Wants:
    """The assessment as matching compares it, prepared once per match rather than once per provider."""

    def __init__(self, assessment: Assessment, taxonomy: Taxonomy, areas: dict[str, str],
                 centres: dict[str, tuple[float, float]]):
        self.assessment, self.taxonomy = assessment, taxonomy
        self.weights = [(need, PRIMARY if need == assessment.first else OTHER) for need in assessment.needs]
        self.languages, self.fees = frozenset(assessment.languages), frozenset(assessment.fees)
        usable = set(assessment.delivery)
        if "in-person" in usable:  # asking for in person also accepts a home visit
            usable.add("home-visit")
        self.usable = frozenset(usable)
        self.remote = REMOTE & self.usable if usable else REMOTE
        self.area = assessment.area.casefold() if assessment.area else None
        self.shown = areas.get(self.area, assessment.area) if self.area else None
        self.area_word = re.compile(rf"\b{re.escape(self.area)}\b") if self.area else None
        self.centre = centres.get(self.area) if self.area else None
        self.limit, self.age, self.crisis = assessment.days_limit, assessment.age, CRISIS in assessment.needs


def explain(entry: Entry, wants: Wants) -> Notes:
    """The sentences for one proposal, by the same path that scored it."""
    notes = Notes()
    score(entry, wants, notes)
    notes.checks = _checks(entry, wants.assessment)
    return notes


def score(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    """The provider's score; with `notes`, also the sentences saying why. One path for both, so the reasons
    shown are always the ones that ranked it."""
    total = 0.0
    for need, weight in wants.weights:
        if need in entry.needs:
            total += weight * (1.0 if need in entry.by_category else LEVEL_ONLY)
            total += FOCUS if need in entry.focused else 0.0
            if notes is not None:
                notes.fits.append(_serves(entry.profile, wants.taxonomy, need))
    if not entry.profile.accepting_new_clients:
        total -= PENALTY["accepting"]
        if notes is not None:
            notes.concerns.append("Not accepting new clients")
    elif notes is not None:
        notes.fits.append("Accepting new clients")
    for judge in (_languages, _fees, _age, _delivery, _area, _wait):
        total -= judge(entry, wants, notes)
    return round(total, 1)


def _serves(profile: Profile, taxonomy: Taxonomy, need_id: str) -> str:
    """"Serves physical pain or injury: physiotherapy": the need, and what about the provider serves it."""
    need = taxonomy.needs[need_id]
    why = (taxonomy.labels("categories", [c for c in profile.categories if c in need.categories])
           or taxonomy.labels("levels_of_care", [lv for lv in profile.levels_of_care if lv in need.levels_of_care]))
    label = need.label[0].lower() + need.label[1:]
    return f"Serves {label}: {', '.join(why).lower()}" if why else f"Serves {label}"


def _languages(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    if not wants.languages:
        return 0.0
    shared = not entry.languages.isdisjoint(wants.languages)
    if notes is not None:
        names = language_names()
        if shared:
            notes.fits.append("Speaks " + _and([names.get(c, c) for c in wants.assessment.languages
                                                if c in entry.languages]))
        else:
            offered = _and([names.get(code, code) for code in entry.profile.languages])
            notes.concerns.append(f"No shared language: offered in {offered}")
    return 0.0 if shared else PENALTY["language"]


def _fees(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    if not wants.fees:
        return 0.0
    shared = not entry.fees.isdisjoint(wants.fees)
    if notes is not None:
        options, labels = entry.profile.fees.options, wants.taxonomy.labels
        if shared:
            notes.fits.append(_and(labels("fees", [fee for fee in options if fee in wants.fees]), "or"))
        else:
            notes.concerns.append(f"Fee not covered: {_and(labels('fees', options), 'or')} only")
    return 0.0 if shared else PENALTY["fees"]


def _age(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    eligibility = entry.profile.eligibility
    if wants.age is None or eligibility is None or (eligibility.min_age is None and eligibility.max_age is None):
        return 0.0
    low, high = eligibility.min_age, eligibility.max_age
    within = (low is None or wants.age >= low) and (high is None or wants.age <= high)
    if notes is not None:
        ages = (f"ages {low} to {high}" if low is not None and high is not None
                else f"ages {low} and over" if low is not None else f"ages up to {high}")
        if within:
            notes.fits.append(f"Serves {ages}")
        else:
            notes.concerns.append(f"Outside the age range: serves {ages}")
    return 0.0 if within else PENALTY["age"]


def _delivery(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    if not wants.usable:
        return 0.0
    shared = not entry.delivery.isdisjoint(wants.usable)
    if notes is not None:
        ways, labels = entry.profile.delivery, wants.taxonomy.labels
        if shared:
            notes.fits.append("Offers " + _and(labels("delivery", [w for w in ways if w in wants.usable])).lower())
        else:
            offered = _and(labels("delivery", ways), "or").lower()
            notes.concerns.append(f"Not offered the way the client can use: {offered} only")
    return 0.0 if shared else PENALTY["delivery"]


def _area(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    area = wants.area
    if area is None:
        return 0.0
    if any(area == city or area == region for city, region, _, _ in entry.places):
        if notes is not None:
            notes.fits.append(f"In {wants.shown}")
        return 0.0
    if entry.catchment and wants.area_word.search(entry.catchment):
        if notes is not None:
            notes.fits.append(f"Serves the area: {entry.profile.eligibility.area}")
        return 0.0
    remote = entry.delivery & wants.remote
    if not entry.places:
        if notes and remote:
            ways = sorted("video" if way == "telehealth" else way for way in remote)
            notes.fits.append("No travel: offered by " + " or ".join(ways))
        return 0.0
    km, nearest = _nearest(entry, wants.centre)
    if notes is not None:
        where = entry.profile.locations[nearest]
        distance = f", about {km:.0f} km from {wants.shown}" if km is not None else ""
        remotely = "; can be used by phone or video" if remote else ""
        notes.concerns.append(f"Outside the area: in {where.city}{', ' + where.region if where.region else ''}"
                              f"{distance}{remotely}")
    if remote:
        return PENALTY["area-remote"]
    return PENALTY["area"] + (UNKNOWN_DISTANCE if km is None else min(km / FAR_KM, FAR_MAX))


def _nearest(entry: Entry, centre: tuple[float, float] | None) -> tuple[float | None, int]:
    """(km, location index) of the profile's location nearest the area's centre; (None, 0) when unmeasurable."""
    best: tuple[float | None, int] = (None, 0)
    if centre is None:
        return best
    for position, (_, _, lat, lon) in enumerate(entry.places):
        if lat is not None:
            km = _km(centre, (lat, lon))
            if best[0] is None or km < best[0]:
                best = (km, position)
    return best


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _wait(entry: Entry, wants: Wants, notes: Notes | None) -> float:
    days, limit = entry.profile.typical_days, wants.limit
    if days is None:
        if limit is None:
            return 0.0
        if notes is not None:
            notes.concerns.append("Typical wait not stated")
        return PENALTY["wait-unknown"]
    longer = limit is not None and days > limit
    if notes is not None:
        wait = "same day" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
        if longer:
            notes.concerns.append(f"Typical wait {wait}, longer than needed "
                                  f"(within {limit} day{'s' if limit != 1 else ''})")
        else:
            notes.fits.append(f"Typical wait {wait}")
    return PENALTY["wait"] + min((days - limit) / WAIT_DAYS, WAIT_MAX) if longer else 0.0


_STOP = frozenset({"and", "the", "for", "with", "need", "needs", "can", "cannot", "not", "use", "uses", "any"})


def _stems(text: str) -> frozenset[str]:
    """Loose words: lowercase, split at anything not a letter, a plural -s dropped, short and filler words out."""
    words = re.split(r"[\W\d_]+", text.casefold())
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words
                     if len(w) > 2 and w not in _STOP)


def _checks(entry: Entry, assessment: Assessment) -> list[str]:
    checks = []
    for want in assessment.accessibility:
        stems = _stems(want)
        said = [item for item, item_stems in entry.access if stems & item_stems]
        if said:
            checks.append(f"Check access for “{want}”: it lists {_and([f'“{s}”' for s in said])}")
        elif entry.access:
            checks.append(f"Check access for “{want}”: not mentioned; it lists "
                          f"{_and([f'“{item}”' for item, _ in entry.access])}")
        else:
            checks.append(f"Check access for “{want}”: its profile says nothing about access")
    return checks


def _and(items: list[str], word: str = "and") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
