"""The validated directory as the site, the app and the exports see it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path

from directory.loading import load_paths
from directory.matching import Index
from directory.model import Profile
from directory.paths import PROVIDERS_DIR
from directory.problems import Problem
from directory.taxonomy import Taxonomy, load_taxonomy


class InvalidProfiles(Exception):
    """Raised instead of publishing or serving a directory with errors in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} errors in provider profiles:\n" + "\n".join(p.text() for p in problems))


@dataclass(frozen=True)
class Catalog:
    profiles: tuple[Profile, ...]  # every valid profile, inactive ones included, sorted by name
    taxonomy: Taxonomy
    warnings: tuple[Problem, ...] = ()
    _by_slug: dict[str, Profile] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_slug.update({p.slug: p for p in self.profiles})

    def get(self, slug: str) -> Profile | None:
        return self._by_slug.get(slug)

    @cached_property  # read on every /refer page view and by several page builders
    def listed(self) -> tuple[Profile, ...]:
        """What the public sees: inactive providers are not listed."""
        return tuple(p for p in self.profiles if p.listed)

    @cached_property  # built once: matching then reads sets, not 10,000 profiles' fields (directory/matching.py)
    def matching(self) -> Index:
        return Index(self.profiles, self.taxonomy)


def load_catalog(path: Path = PROVIDERS_DIR, *, taxonomy: Taxonomy | None = None,
                 today: date | None = None) -> Catalog:
    taxonomy = taxonomy or load_taxonomy()
    result = load_paths([Path(path)], taxonomy=taxonomy, today=today)
    if result.errors:
        raise InvalidProfiles(result.errors)
    profiles = tuple(sorted(result.profiles, key=lambda p: p.name.casefold()))
    return Catalog(profiles, taxonomy, tuple(result.warnings))
