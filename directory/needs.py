"""The needs vocabulary: what clients need help with, the words people use for it, and what serves it.

Kept apart from the other vocabularies because a need says more than a label: its `words` (symptoms and
plain phrases) are what search indexes for the providers that serve it, and its categories and levels of care
decide which providers those are when a profile does not list its own `needs`. The same ids are the
controlled list a clinician's assessment records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from directory.problems import Problem, field_path
from directory.wording import NOUNS, did_you_mean

VOCABULARY = "needs"


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    description: str
    words: tuple[str, ...]
    categories: tuple[str, ...]
    levels_of_care: tuple[str, ...] = ()


def word_key(word: str) -> str:
    """How two words are compared for duplicates: case, apostrophes and spacing do not make them differ."""
    return " ".join(re.sub(r"['’`]", "", word).casefold().replace("-", " ").split())


def parse_needs(data: object, vocabularies: dict[str, dict], source: str,
                positions=None) -> tuple[dict[str, Need], list[Problem]]:
    """taxonomy.yaml's `needs:` → Need objects, and every problem found, each at its line (via `positions`)."""
    problems: list[Problem] = []

    def problem(loc: tuple, message: str) -> None:
        line, column = positions.of_value(loc) if positions is not None else (1, 1)
        problems.append(Problem(source, line, column, field_path(loc), message))

    needs: dict[str, Need] = {}
    if not isinstance(data, dict):
        problem((VOCABULARY,), "must map need ids to a label, description, words and categories")
        return needs, problems
    first_use: dict[str, tuple[str, int]] = {}  # word key → (need id, index) where it was first listed
    for need_id, fields in data.items():
        at = (VOCABULARY, need_id)
        if not isinstance(fields, dict):
            problem(at, "must be a mapping with `label`, `description`, `words` and `categories`")
            continue
        unknown = sorted(set(fields) - {"label", "description", "words", "categories", "levels_of_care"})
        for key in unknown:
            problem(at + (key,), f"unknown field `{key}`; a need has label, description, words, categories "
                                 "and levels_of_care")
        words = _strings(fields.get("words"), at + ("words",), problem)
        categories = _ids(fields.get("categories"), at + ("categories",), vocabularies, "categories", problem)
        levels = _ids(fields.get("levels_of_care", []), at + ("levels_of_care",), vocabularies, "levels_of_care",
                      problem, required=False)
        for index, word in enumerate(words):
            key = word_key(word)
            if key in first_use:
                other, _ = first_use[key]
                where = "is listed twice" if other == need_id else f"is also a word of `{other}`"
                problem(at + ("words", index), f"`{word}` {where}; a word must lead to one need, or search "
                                               "cannot tell which providers it means")
            else:
                first_use[key] = (need_id, index)
        needs[need_id] = Need(need_id, str(fields.get("label", "")), str(fields.get("description", "")),
                              tuple(words), tuple(categories), tuple(levels))
    return needs, problems


def _strings(value: object, loc: tuple, problem) -> list[str]:
    if not isinstance(value, list) or not value:
        problem(loc, "must be a non-empty list of the words people use for this need, e.g. [back pain, sore neck]")
        return []
    good = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            problem(loc + (index,), "must be text (put it in quotes if YAML reads it as something else)")
        else:
            good.append(item.strip())
    return good


def _ids(value: object, loc: tuple, vocabularies: dict[str, dict], vocabulary: str, problem,
         required: bool = True) -> list[str]:
    valid = vocabularies.get(vocabulary, {})
    if not isinstance(value, list) or (required and not value):
        problem(loc, f"must be a {'non-empty ' if required else ''}list of {vocabulary} ids, e.g. "
                     f"[{next(iter(valid), 'counselling')}]")
        return []
    good = []
    for index, item in enumerate(value):
        if item not in valid:
            problem(loc + (index,), f"`{item}` is not a {NOUNS[vocabulary]}{did_you_mean(str(item), valid)}; "
                                    f"valid: {', '.join(valid)}")
        else:
            good.append(item)
    return good


def served_needs(profile, needs: dict[str, Need]) -> tuple[str, ...]:
    """The needs a provider serves: its own `needs` list, or else those its categories or levels imply."""
    if profile.needs:
        return tuple(profile.needs)
    categories, levels = set(profile.categories), set(profile.levels_of_care)
    return tuple(need.id for need in needs.values()
                 if categories.intersection(need.categories) or levels.intersection(need.levels_of_care))


def focused(profile, needs: dict[str, Need], served: tuple[str, ...]) -> set[str]:
    """The served needs the profile's own words name (its summary says "depression", a service "rotator cuff"):
    search weights them above needs the provider meets only by its category, so specialists come first."""
    text = " ".join([profile.name, profile.summary, profile.mandate, *profile.services, *profile.strengths])
    plain = " " + word_key(re.sub(r"[^\w'’-]+", " ", text)) + " "
    tokens = set(plain.split())
    found = set()
    for need_id in served:
        for word in needs[need_id].words:
            key = word_key(word)
            if key.split()[0] in tokens and f" {key} " in plain:
                found.add(need_id)
                break
    return found


def by_category(profile, needs: dict[str, Need]) -> set[str]:
    """The served needs a provider meets by what it is (its list or its categories), not only by a level
    of care: search weights their words highest, so a crisis line outranks a unit that also takes crises."""
    if profile.needs:
        return set(profile.needs)
    categories = set(profile.categories)
    return {need.id for need in needs.values() if categories.intersection(need.categories)}
