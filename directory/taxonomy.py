"""The controlled vocabularies from taxonomy.yaml, with labels for display."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pycountry
import yaml

from pydantic_core import PydanticCustomError

from directory import yamlsource
from directory.needs import VOCABULARY as NEEDS, Need, parse_needs
from directory.paths import TAXONOMY_FILE
from directory.wording import NOUNS, did_you_mean

VOCABULARIES = ("categories", "levels_of_care", "populations", "referral_requires", "fees", "delivery", NEEDS)


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    mental_health: bool = False


@dataclass(frozen=True)
class Taxonomy:
    vocabularies: dict[str, dict[str, Term]]
    needs: dict[str, Need] = field(default_factory=dict)  # the `needs` terms with their words and servers

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


def parse_taxonomy(data: object, source: str = "taxonomy.yaml", text: bytes | None = None) -> Taxonomy:
    """`text`, when given, is the file's own text, so a problem in `needs` can name its line."""
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: must be a mapping of vocabularies")
    missing = [v for v in VOCABULARIES if v not in data]
    if missing:
        raise TaxonomyError(f"{source}: missing vocabularies: {', '.join(missing)}")
    positions = yamlsource.Positions(text) if text is not None else None

    def where(*loc) -> str:
        line, column = positions.of_value(loc) if positions is not None else (1, 1)
        return f"{source}:{line}:{column}: {'.'.join(map(str, loc))}"

    vocabularies: dict[str, dict[str, Term]] = {}
    for vocabulary, terms in data.items():
        if not isinstance(terms, dict) or not terms:
            raise TaxonomyError(f"{where(vocabulary)}: must map ids to a label and description")
        vocabularies[vocabulary] = {}
        for term_id, fields in terms.items():
            if not isinstance(fields, dict) or not fields.get("label") or not fields.get("description"):
                raise TaxonomyError(f"{where(vocabulary, term_id)}: needs a `label` and a `description`")
            vocabularies[vocabulary][term_id] = Term(
                term_id, fields["label"], fields["description"], bool(fields.get("mental_health"))
            )
    needs, problems = parse_needs(data.get(NEEDS, {}), vocabularies, source, positions)
    if problems:
        raise TaxonomyError("\n".join(problem.text() for problem in problems))
    return Taxonomy(vocabularies, needs)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    text = path.read_bytes()
    try:  # read as profiles are: YAML 1.2 booleans, and a duplicated id is an error rather than lost
        data = yamlsource.parse(text)
    except yaml.YAMLError as error:
        line, column, message = yamlsource.describe_yaml_error(error, text)
        raise TaxonomyError(f"{_display(path)}:{line}:{column}: {message}") from None
    return parse_taxonomy(data, _display(path), text)


def _display(path: Path) -> str:
    """The path as an editor types it, so messages read `taxonomy.yaml:12:5: ...`."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """ISO 639-1 code → English name, e.g. 'fr' → 'French'."""
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


def check_term(taxonomy: Taxonomy, vocabulary: str, value: str) -> None:
    valid = taxonomy[vocabulary]
    if value not in valid:
        raise PydanticCustomError(
            "taxonomy", "`{value}` is not a {noun}{hint}; valid: {valid}",
            {"value": value, "noun": NOUNS.get(vocabulary, vocabulary), "hint": did_you_mean(value, valid),
             "valid": ", ".join(valid)})
