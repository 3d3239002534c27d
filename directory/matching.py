"""Matching: which providers to propose for a client's assessment, ranked, each with why it fits and what does not.

Pure and fast: no Flask, no database; `match(catalog, assessment)` reads the validated catalog the site uses, and
what it needs from each profile is computed once per catalog (`catalog.matching`), so 10,000 providers answer in
milliseconds (bench/matching.py).

Who is proposed. A provider that serves none of the assessed needs (its `needs`, or those its categories and
levels of care imply: `directory.needs.served_needs`) is not proposed at all. An inactive or temporarily closed
provider that serves one is not proposed either; it is listed in `Matches.excluded` with the reason, so the
clinician can say why. Every other one is proposed, even with concerns: a provider that is not accepting new
clients, shares no language, takes no fee the client can use, serves another age range or area, is not offered
the way the client can use, or waits longer than "how soon" stays visible and ranks lower, its concern stated,
so the options can be explained honestly. Accessibility is never scored: the client's words are matched loosely
against the provider's accessibility list and reported in `checks`, to verify with the provider.

How they rank. Serving the primary need scores PRIMARY, any other need OTHER (less when served only by a level of
care, more when the profile's own words name the need); each concern subtracts its penalty (weights, penalties
and sentences are in directory/fit.py). A crisis need puts the providers that serve it first, whatever their
score: crisis services (the category) before those that take crises only as a level of care (an inpatient
unit). Ties go by name, then slug: same input, same order.
"""
from __future__ import annotations

from dataclasses import dataclass

from directory.assessment import Assessment, problems
from directory.fit import CRISIS, Entry, Notes, Wants, entry as _entry, explain, score as _score
from directory.model import Profile
from directory.taxonomy import Taxonomy

CLOSED = {"inactive": "Inactive: not taking referrals", "temporarily-closed": "Temporarily closed"}


class InvalidAssessment(ValueError):
    """The assessment names something the directory does not know; `messages` are sentences for the form."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(" ".join(messages))


class Proposal:
    """One provider to propose: its score, and, worked out when first read (the app shows the first few, so a
    ranking of thousands does not format thousands of sentences), why it fits and what does not."""

    __slots__ = ("profile", "score", "crisis", "_entry", "_wants", "_notes")  # thousands per match: kept small

    def __init__(self, entry: Entry, score: float, crisis: bool, wants: Wants):
        self.profile, self.score, self.crisis = entry.profile, score, crisis  # crisis: first as it serves one
        self._entry, self._wants, self._notes = entry, wants, None

    def _explained(self) -> Notes:
        if self._notes is None:
            self._notes = explain(self._entry, self._wants)
        return self._notes

    @property
    def fits(self) -> tuple[str, ...]:
        """Why it fits, one short sentence each, to read to the client."""
        return tuple(self._explained().fits)

    @property
    def concerns(self) -> tuple[str, ...]:
        """What does not fit; each lowered the score."""
        return tuple(self._explained().concerns)

    @property
    def checks(self) -> tuple[str, ...]:
        """What to verify with the provider (accessibility); not scored."""
        return tuple(self._explained().checks)

    def __repr__(self) -> str:
        return f"Proposal({self.profile.slug!r}, score={self.score})"


@dataclass(frozen=True)
class Excluded:
    profile: Profile
    reason: str


@dataclass(frozen=True)
class Matches:
    proposals: tuple[Proposal, ...]  # best first
    excluded: tuple[Excluded, ...]   # serve an assessed need but cannot be proposed, by name


class Index:
    """A catalog prepared for matching: each profile's needs, languages, fees and places as sets, the providers
    of each need, and each city's or region's centre for distances."""

    def __init__(self, profiles: tuple[Profile, ...], taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.entries = [_entry(p, taxonomy) for p in profiles]
        self.by_need: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for need in entry.needs:
                self.by_need.setdefault(need, []).append(entry)
        points: dict[str, list[tuple[float, float]]] = {}
        self.areas: dict[str, str] = {}  # casefolded city or region → as written
        for profile in profiles:
            for place in profile.locations:
                for name in filter(None, (place.city, place.region)):
                    self.areas.setdefault(name.casefold(), name)
                    if place.latitude is not None:
                        points.setdefault(name.casefold(), []).append((place.latitude, place.longitude))
        self.centres = {name: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
                        for name, ps in points.items()}


def areas(catalog) -> dict[str, str]:
    """The cities and regions an assessment's area may name (casefolded → as written), for the form's choices."""
    return catalog.matching.areas


def match(catalog, assessment: Assessment) -> Matches:
    """The providers to propose for `assessment`, best first. Raises InvalidAssessment, with one sentence per
    problem, when the assessment names something the directory does not know."""
    index: Index = catalog.matching
    wrong = problems(assessment, index.taxonomy, frozenset(index.areas))
    if wrong:
        raise InvalidAssessment(wrong)
    wants = Wants(assessment, index.taxonomy, index.areas, index.centres)
    seen: dict[int, Entry] = {}
    for need in assessment.needs:
        for entry in index.by_need.get(need, ()):
            seen[id(entry)] = entry
    ranked, excluded = [], []
    for entry in seen.values():
        status = entry.profile.status
        if status in CLOSED:
            excluded.append(Excluded(entry.profile, CLOSED[status]))
            continue
        score = _score(entry, wants, None)
        first = (0 if CRISIS in entry.by_category else 1) if wants.crisis and CRISIS in entry.needs else 2
        ranked.append((first, -score, entry.key, entry))  # name and slug are unique: entries never compared
    ranked.sort()
    excluded.sort(key=lambda item: (item.profile.name.casefold(), item.profile.slug))
    proposals = tuple(Proposal(entry, -negative, first < 2, wants) for first, negative, _, entry in ranked)
    return Matches(proposals, tuple(excluded))


def why_not_proposed(catalog, assessment: Assessment, profile: Profile) -> str | None:
    """Why a provider the clinician asks about is not among the proposals; None when it is proposed."""
    entry = _entry(profile, catalog.taxonomy)
    if not entry.needs.intersection(assessment.needs):
        labels = [catalog.taxonomy.needs[n].label.lower() for n in assessment.needs if n in catalog.taxonomy.needs]
        return f"Does not serve the needs assessed ({', '.join(labels)})."
    return CLOSED.get(profile.status)


