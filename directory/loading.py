"""YAML files → validated profiles and problems. The only place that reads providers/."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from directory import yamlsource
from directory.dates import REVIEW_MONTHS
from directory.model import Profile
from directory.values import SLUG_PATTERN
from directory.problems import Problem, field_path
from directory.rules import PLACEHOLDER, Finding, check_placeholders, check_profile
from directory.schema import known_fields
from directory.slugs import slugify
from directory.taxonomy import Taxonomy, load_taxonomy
from directory.wording import did_you_mean

_SLUG = re.compile(SLUG_PATTERN)


class UsageError(Exception):
    """A path that does not exist: the command was called wrongly, no profile is at fault."""


@dataclass
class LoadResult:
    profiles: list[Profile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def profile_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


def load_paths(paths: list[Path], *, taxonomy: Taxonomy | None = None, today: date | None = None,
               review_months: int = REVIEW_MONTHS) -> LoadResult:
    taxonomy = taxonomy or load_taxonomy()
    today = today or date.today()
    result = LoadResult()
    first_by_slug: dict[str, str] = {}
    first_by_name: dict[str, str] = {}
    for path in profile_files(paths):
        profile, problems = load_file(path, taxonomy, today, review_months)
        result.problems.extend(problems)
        if profile is None:
            continue
        display = str(path)
        name_key = " ".join(profile.name.casefold().split())
        if profile.slug and profile.slug in first_by_slug:
            result.problems.append(Problem(display, 1, 1, "", f"slug `{profile.slug}` is already used by "
                                                               f"{first_by_slug[profile.slug]}"))
            continue
        if name_key in first_by_name:
            line, column = yamlsource.Positions(path.read_bytes()).of_value(("name",))
            result.problems.append(Problem(display, line, column, "name", f"`{profile.name}` is already the name of "
                                           f"{first_by_name[name_key]}; names must be unique (add the location or "
                                           "program to tell them apart)"))
            continue
        first_by_slug[profile.slug] = display
        first_by_name[name_key] = display
        if not any(p.is_error for p in problems):
            result.profiles.append(profile)
    result.problems.sort(key=lambda p: (p.file, p.line, p.column))
    return result


def load_file(path: Path, taxonomy: Taxonomy, today: date, review_months: int = REVIEW_MONTHS
              ) -> tuple[Profile | None, list[Problem]]:
    """One file's profile (None when it cannot be built) and every problem found in it."""
    display = str(path)
    try:
        text = path.read_bytes()
    except OSError as error:
        return None, [Problem(display, 1, 1, "", f"cannot be read: {error.strerror}")]
    slug = path.stem
    problems: list[Problem] = []
    if path.suffix != ".yaml":
        problems.append(Problem(display, 1, 1, "", f"profile files end in `.yaml`; rename it to `{slug}.yaml`"))
    if not _SLUG.match(slug):
        problems.append(Problem(display, 1, 1, "", f"file name `{path.name}` is not a slug (lowercase letters, "
                                                   f"digits and hyphens); rename it to `{slugify(slug)}.yaml`"))
    try:
        data = yamlsource.parse(text)
    except yaml.YAMLError as error:
        line, column, message = yamlsource.describe_yaml_error(error, text)
        return None, problems + [Problem(display, line, column, "", message)]
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping of fields"
        return None, problems + [Problem(display, 1, 1, "", f"the file is {kind}; start from "
                                                          "`python -m directory new \"Provider name\"`")]

    findings: list[Finding] = []
    profile = None
    declared_slug = data.get("slug")
    if declared_slug is not None and declared_slug != slug:
        findings.append(Finding(("slug",), f"`{declared_slug}` does not match the file name `{path.name}`; "
                                           f"the slug must be `{slug}`"))
    try:
        profile = Profile.model_validate({**data, "slug": slug} if _SLUG.match(slug) else data,
                                         context={"taxonomy": taxonomy})
    except ValidationError as error:
        findings.extend(_translate(e) for e in error.errors(include_url=False))
    flagged = {finding.loc for finding in findings}
    if PLACEHOLDER.encode() in text:  # walking every value is the slow part of the happy path
        findings.extend(f for f in check_placeholders(data) if f.loc not in flagged)
    if profile is not None:
        findings.extend(check_profile(profile, taxonomy, today, review_months))
    if findings:
        positions = yamlsource.Positions(text)
        for finding in findings:
            anchor = finding.loc if finding.anchor is None else finding.anchor
            line, column = positions.of_key(anchor) if finding.at_key else positions.of_value(anchor)
            problems.append(Problem(display, line, column, field_path(finding.loc), finding.message,
                                    finding.severity))
    return profile, problems


def _translate(error: dict) -> Finding:
    """A pydantic error in an editor's words, anchored where the editor must look."""
    loc = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return Finding(loc, "is required but missing", anchor=loc[:-1])
    if kind == "invalid_key":
        return Finding(loc[:-1], f"`{loc[-1]}` is not a field name; field names are words such as `name`",
                       at_key=True, anchor=loc)
    if kind == "extra_forbidden":
        known = known_fields(loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) or f"; allowed here: {', '.join(known)}"
        return Finding(loc, f"unknown field `{loc[-1]}`{hint}", at_key=True)
    return Finding(loc, _message(kind, value, ctx, error["msg"]))


def _message(kind: str, value: object, ctx: dict, fallback: str) -> str:
    shown = f"`{value}`" if isinstance(value, (str, int, float, bool)) else "this value"
    if kind == "string_type":
        if isinstance(value, bool):
            return ("must be text; YAML reads yes/no/on/off/true/false as true or false, "
                    "so put the value in quotes")
        if isinstance(value, (int, float)):
            return f"must be text; put {shown} in quotes"
        return "must be text" if value is not None else "must not be empty"
    if kind == "bool_type":
        return f"must be true or false, not {shown}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {shown}" if value is not None else "must not be empty"
    if kind == "list_type":
        if isinstance(value, str):
            return f"must be a list; write it as [{value}] or as lines starting with \"- \""
        return "must be a list" if value is not None else "must not be empty"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a mapping of fields (`key: value` lines indented below it)"
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else \
            f"must be at least {ctx.get('min_length')} characters"
    if kind == "string_too_long":
        return f"is too long: {len(value)} characters, the limit is {ctx.get('max_length')}"
    if kind == "too_short":
        return "must have at least one entry"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{shown} is out of range; it must be {'at least ' + str(ctx['ge']) if 'ge' in ctx else 'at most ' + str(ctx['le'])}"
    if kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        return f"{shown} is not a date; write it as YYYY-MM-DD"
    if kind == "literal_error":
        return f"{shown} is not allowed; use one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"{shown} does not have the expected form"
    return fallback[0].lower() + fallback[1:] if fallback else "is not valid"
