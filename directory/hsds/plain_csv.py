"""The directory as one plain CSV row per listed provider, for people who open it in a spreadsheet.

Beside the HSDS tables because both are the open-data downloads; this one favours readability
(labels, not ids; one row per provider) over machine exchange.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from directory.model import Profile
from directory.taxonomy import Taxonomy, language_names

COLUMNS = ("slug", "name", "organization", "status", "summary", "categories", "levels_of_care", "populations",
           "accepting_new_clients", "self_referral", "referral_requires", "typical_wait_days", "fees", "languages",
           "delivery", "addresses", "phone", "fax", "email", "website", "last_reviewed")
# Spreadsheets run a cell that starts like a formula, so free text starting so gets a leading quote.
# Phone, fax, e-mail, web and date cells are validated patterns that cannot call a function; they stay exact.
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_VALIDATED = {"slug", "phone", "fax", "email", "website", "last_reviewed", "typical_wait_days"}


def _cell(column: str, value: object) -> str:
    text = "" if value is None else "yes" if value is True else "no" if value is False else str(value)
    return "'" + text if column not in _VALIDATED and _FORMULA.match(text) else text


def row(profile: Profile, taxonomy: Taxonomy) -> dict[str, str]:
    def labels(vocabulary: str, ids: list[str]) -> str:
        return "; ".join(taxonomy.labels(vocabulary, ids))
    names = language_names()
    values = {
        "slug": profile.slug, "name": profile.name, "organization": profile.organization,
        "status": profile.status, "summary": profile.summary,
        "categories": labels("categories", profile.categories),
        "levels_of_care": labels("levels_of_care", profile.levels_of_care),
        "populations": labels("populations", profile.populations),
        "accepting_new_clients": profile.accepting_new_clients,
        "self_referral": profile.referral.self_referral,
        "referral_requires": labels("referral_requires", profile.referral.requires),
        "typical_wait_days": profile.typical_days,
        "fees": labels("fees", profile.fees.options),
        "languages": "; ".join(names.get(code, code) for code in profile.languages),
        "delivery": labels("delivery", profile.delivery),
        "addresses": " | ".join(", ".join(part for part in (place.address, place.city, place.region,
                                                            place.postal_code) if part)
                                for place in profile.locations),
        "phone": profile.contact.phone, "fax": profile.contact.fax, "email": profile.contact.email,
        "website": profile.contact.website, "last_reviewed": profile.last_reviewed.isoformat(),
    }
    return {column: _cell(column, values[column]) for column in COLUMNS}


def directory_csv(profiles: Iterable[Profile], taxonomy: Taxonomy) -> str:
    """CSV text of the listed providers, header first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(row(p, taxonomy) for p in profiles if p.listed)
    return out.getvalue()
