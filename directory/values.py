"""What a single profile value may be (text, phone, taxonomy id, language...) and how it is checked.

Kept apart from `model.py` so the model reads as the list of fields and what is said about each.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, ValidationInfo
from pydantic_core import PydanticCustomError

from directory.taxonomy import check_term, country_codes, language_names
from directory.wording import did_you_mean

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PHONE_PATTERN = r"^(?:\+?[0-9][0-9 ().-]{5,22}[0-9](?: ?(?:x|ext\.?) ?[0-9]{1,6})?|[0-9]{3,6})$"
EMAIL_PATTERN = r"^[^@\s<>\"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$"
DEFAULT_COUNTRY = "CA"  # where a location without `country` is; the sample directory is Canadian

_PHONE = re.compile(PHONE_PATTERN)
_EMAIL = re.compile(EMAIL_PATTERN)


def _one_line(value: str) -> str:
    if "\n" in value:
        raise PydanticCustomError("one_line", "must be one line; move the detail to `mandate`")
    return value


def _phone(value: str) -> str:
    if not _PHONE.match(value):
        raise PydanticCustomError(
            "phone", "`{value}` is not a phone number; write it like \"+1 613-555-0142\"", {"value": value}
        )
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise PydanticCustomError(
            "email", "`{value}` is not an email address; write it like intake@clinic.example", {"value": value}
        )
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        raise PydanticCustomError(
            "url", "`{value}` is not a web address; write it in full, like https://clinic.example", {"value": value}
        )
    return value


def _iso_date(value: object) -> object:
    """YAML turns unquoted dates into `date`; accept a quoted ISO date too, but nothing looser."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date", "`{value}` is not a real date written YYYY-MM-DD", {"value": value}
            ) from None
    return value


def _degrees(value: object) -> object:
    """Coordinates are numbers; say so plainly for `"45.4"` or `45,4` instead of pydantic's type name."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("degrees", "`{value}` is not a number; write decimal degrees without quotes, "
                                  "like 45.4215 or -75.6972", {"value": value})
    return float(value)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_phone),
                 Field(json_schema_extra={"pattern": PHONE_PATTERN})]
Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_email),
                 Field(json_schema_extra={"pattern": EMAIL_PATTERN})]
Url = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_url),
               Field(json_schema_extra={"pattern": "^https?://"})]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Age = Annotated[int, Field(ge=0, le=120)]


def _in_vocabulary(vocabulary: str):
    def check(value: str, info: ValidationInfo) -> str:
        context = info.context or {}
        if "taxonomy" in context:
            check_term(context["taxonomy"], vocabulary, value)
        return value
    return check


def term(vocabulary: str) -> object:
    """A taxonomy id, checked against taxonomy.yaml when the loader passes it in the validation context."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                     AfterValidator(_in_vocabulary(vocabulary)),
                     Field(json_schema_extra={"x-taxonomy": vocabulary})]


def _language(value: str) -> str:
    names = language_names()
    if value not in names:
        by_name = {name.lower(): code for code, name in names.items()}
        hint = f" (use `{by_name[value.lower()]}`)" if value.lower() in by_name else did_you_mean(value, names)
        raise PydanticCustomError("language", "`{value}` is not an ISO 639-1 language code (two lowercase "
                                  "letters, e.g. en, fr, es){hint}", {"value": value, "hint": hint})
    return value


def _country(value: str) -> str:
    if value not in country_codes():
        raise PydanticCustomError("country", "`{value}` is not an ISO 3166-1 country code; use two capital "
                                  "letters, e.g. CA", {"value": value})
    return value


Category = term("categories")
LevelOfCare = term("levels_of_care")
Population = term("populations")
Requirement = term("referral_requires")
FeeOption = term("fees")
Delivery = term("delivery")
Need = term("needs")
Latitude = Annotated[float, BeforeValidator(_degrees), Field(ge=-90, le=90)]
Longitude = Annotated[float, BeforeValidator(_degrees), Field(ge=-180, le=180)]
Language = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_language),
                     Field(json_schema_extra={"x-vocabulary": "iso-639-1"})]
Country = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_country),
                    Field(json_schema_extra={"x-vocabulary": "iso-3166-1-alpha-2"})]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
OneLine = Annotated[ShortText, AfterValidator(_one_line)]
Days = Annotated[int, Field(ge=0, le=730)]
