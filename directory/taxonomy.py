"""The controlled vocabularies from taxonomy.yaml, with labels for display."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pycountry
import yaml

from pydantic_core import PydanticCustomError

from directory.paths import TAXONOMY_FILE

VOCABULARIES = ("categories", "levels_of_care", "populations", "referral_requires", "fees", "delivery")


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    mental_health: bool = False


@dataclass(frozen=True)
class Taxonomy:
    vocabularies: dict[str, dict[str, Term]]

    def __getitem__(self, vocabulary: str) -> dict[str, Term]:
        return self.vocabularies[vocabulary]

    def label(self, vocabulary: str, term_id: str) -> str:
        term = self.vocabularies[vocabulary].get(term_id)
        return term.label if term else term_id

    def labels(self, vocabulary: str, term_ids: Iterable[str]) -> list[str]:
        return [self.label(vocabulary, term_id) for term_id in term_ids]

    @cached_property  # read for every profile loaded
    def mental_health_categories(self) -> frozenset[str]:
        return frozenset(t.id for t in self.vocabularies["categories"].values() if t.mental_health)


class TaxonomyError(ValueError):
    """taxonomy.yaml itself is malformed; reported before any profile is checked."""


def parse_taxonomy(data: object, source: str = "taxonomy.yaml") -> Taxonomy:
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: must be a mapping of vocabularies")
    missing = [v for v in VOCABULARIES if v not in data]
    if missing:
        raise TaxonomyError(f"{source}: missing vocabularies: {', '.join(missing)}")
    vocabularies: dict[str, dict[str, Term]] = {}
    for vocabulary, terms in data.items():
        if not isinstance(terms, dict) or not terms:
            raise TaxonomyError(f"{source}: {vocabulary}: must map ids to a label and description")
        vocabularies[vocabulary] = {}
        for term_id, fields in terms.items():
            if not isinstance(fields, dict) or not fields.get("label") or not fields.get("description"):
                raise TaxonomyError(f"{source}: {vocabulary}.{term_id}: needs a `label` and a `description`")
            vocabularies[vocabulary][term_id] = Term(
                term_id, fields["label"], fields["description"], bool(fields.get("mental_health"))
            )
    return Taxonomy(vocabularies)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    with open(path, "rb") as handle:
        return parse_taxonomy(yaml.load(handle, Loader=yaml.CSafeLoader), str(path))


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """ISO 639-1 code → English name, e.g. 'fr' → 'French'."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


NOUNS = {
    "categories": "category", "levels_of_care": "level of care", "populations": "population",
    "referral_requires": "referral requirement", "fees": "fee option", "delivery": "delivery method",
}


def did_you_mean(value: str, candidates) -> str:
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def check_term(taxonomy: Taxonomy, vocabulary: str, value: str) -> None:
    valid = taxonomy[vocabulary]
    if value not in valid:
        raise PydanticCustomError(
            "taxonomy", "`{value}` is not a {noun}{hint}; valid: {valid}",
            {"value": value, "noun": NOUNS.get(vocabulary, vocabulary), "hint": did_you_mean(value, valid),
             "valid": ", ".join(valid)})
