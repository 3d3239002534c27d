"""What matching needs to know from a clinician's assessment: the needs, which comes first, how soon, and the
client's preferences and constraints.

Plain, frozen data (ids from taxonomy.yaml, ISO 639-1 language codes, numbers), so the app can build it from a
form, store it and rebuild it with `from_dict`. `problems()` says in words what is wrong with one, so a form
shows a message rather than failing; `directory.matching.match` refuses an assessment that has any.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from directory.taxonomy import Taxonomy, language_names

# How soon the client needs to be seen: id → (label, the most days a typical wait may take). Defined once here;
# the form offers these choices and matching compares a provider's typical wait with the limit.
HOW_SOON: dict[str, tuple[str, int | None]] = {
    "urgent": ("Urgent: within a day", 1),
    "days": ("Within a week", 7),
    "weeks": ("Within four weeks", 28),
    "months": ("Within three months", 90),
    "unsure": ("Not sure, or no rush", None),
}
MAX_AGE = 120  # the profiles' own upper bound for ages

_LISTS = ("needs", "languages", "fees", "delivery", "accessibility")


@dataclass(frozen=True)
class Assessment:
    needs: tuple[str, ...]                  # need ids from taxonomy.yaml `needs`, as recorded
    primary: str | None = None              # the need to deal with first; None means the first of `needs`
    how_soon: str = "unsure"                # a key of HOW_SOON
    languages: tuple[str, ...] = ()         # ISO 639-1 codes the client can use; empty: any
    fees: tuple[str, ...] = ()              # fee option ids the client can use; empty: any
    delivery: tuple[str, ...] = ()          # delivery ids the client can use; empty: any
    area: str | None = None                 # a city or region from the directory's locations; None: anywhere
    age: int | None = None
    accessibility: tuple[str, ...] = ()     # the client's own words, e.g. "wheelchair", "no stairs"

    def __post_init__(self):
        for name in _LISTS:  # a form hands over lists; stored as tuples so the assessment stays hashable
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(v.strip() for v in value if isinstance(v, str) and v.strip()))
        if self.area is not None:
            object.__setattr__(self, "area", self.area.strip() or None)

    @property
    def first(self) -> str | None:
        """The primary need: the one stated, else the first recorded."""
        return self.primary or (self.needs[0] if self.needs else None)

    @property
    def days_limit(self) -> int | None:
        return HOW_SOON[self.how_soon][1] if self.how_soon in HOW_SOON else None

    def as_dict(self) -> dict:
        """Plain JSON-ready data for storing with the referral."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> Assessment:
        """The inverse of `as_dict`; keys it does not know are ignored, so older stored forms still load."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


def problems(assessment: Assessment, taxonomy: Taxonomy, areas: frozenset[str] | None = None) -> list[str]:
    """Everything wrong with an assessment, one sentence each; empty when matching can use it.
    `areas` are the cities and regions an area may name (`directory.matching.areas(catalog)`)."""
    found = []
    if not assessment.needs:
        found.append("Choose at least one need.")
    for need in assessment.needs:
        if need not in taxonomy.needs:
            found.append(f"“{need}” is not a need in the directory's list.")
    if len(set(assessment.needs)) != len(assessment.needs):
        found.append("A need is listed twice.")
    if assessment.primary is not None and assessment.primary not in assessment.needs:
        found.append("The need to deal with first must be one of the needs chosen.")
    if assessment.how_soon not in HOW_SOON:
        found.append(f"“How soon” must be one of: {', '.join(label for label, _ in HOW_SOON.values())}.")
    names = language_names()
    found += [f"“{code}” is not a language code (two letters, e.g. fr)." for code in assessment.languages
              if code not in names]
    found += [f"“{fee}” is not a fee option." for fee in assessment.fees if fee not in taxonomy["fees"]]
    found += [f"“{way}” is not a way of delivering a service." for way in assessment.delivery
              if way not in taxonomy["delivery"]]
    age = assessment.age
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE):
        found.append(f"Age must be a whole number from 0 to {MAX_AGE}.")
    if assessment.area is not None and areas is not None and assessment.area.casefold() not in areas:
        found.append(f"“{assessment.area}” is not a city or region in the directory.")
    return found
