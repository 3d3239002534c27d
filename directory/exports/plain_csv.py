"""The directory as one plain CSV row per listed provider, for people who open it in a spreadsheet.

It favours readability (labels, not ids; one row per provider) over machine exchange. Its columns are
the model's fields that declare a `csv` column in their Doc, in the model's order.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from directory.catalog import Catalog
from directory.exports.format import ExportFormat
from directory.fields import Documented, documented
from directory.model import Profile
from directory.taxonomy import Taxonomy, language_names

# Spreadsheets run a cell that starts like a formula, so free text starting so gets a leading quote.
# Values the model checks against a pattern (phone, e-mail, web, slug), numbers, dates and yes/no cannot
# call a function; they stay exact.
_FORMULA = re.compile(r"^[=+\-@\t\r]")


@dataclass(frozen=True)
class Column:
    name: str
    field: Documented

    @property
    def exact(self) -> bool:
        schema = self.field.schema
        return "pattern" in schema or schema.get("type") in ("integer", "boolean") or schema.get("format") == "date"

    def cell(self, profile: BaseModel, taxonomy: Taxonomy) -> str:
        text = _text(self.field, self.field.value(profile), taxonomy)
        return "'" + text if not self.exact and _FORMULA.match(text) else text


def columns(model: type[BaseModel] = Profile) -> list[Column]:
    return [Column(field.doc.csv, field) for field in documented(model) if field.doc.csv]


COLUMNS = tuple(column.name for column in columns())


def _text(field: Documented, value: object, taxonomy: Taxonomy) -> str:
    if field.doc.cell is not None:
        return field.doc.cell(value)
    if isinstance(value, list):
        items = field.schema.get("items", {})
        if "x-taxonomy" in items:
            return "; ".join(taxonomy.labels(items["x-taxonomy"], value))
        if items.get("x-vocabulary") == "iso-639-1":
            names = language_names()
            return "; ".join(names.get(code, code) for code in value)
        return "; ".join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value.isoformat() if isinstance(value, date) else str(value)


def row(profile: BaseModel, taxonomy: Taxonomy, model: type[BaseModel] = Profile) -> dict[str, str]:
    return {column.name: column.cell(profile, taxonomy) for column in columns(model)}


def directory_csv(profiles: Iterable[Profile], taxonomy: Taxonomy, model: type[BaseModel] = Profile) -> str:
    """CSV text of the listed providers, header first."""
    table = columns(model)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table])
    writer.writerows([column.cell(p, taxonomy) for column in table] for p in profiles if p.listed)
    return out.getvalue()


def _export(catalog: Catalog, out: Path) -> str:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(directory_csv(catalog.profiles, catalog.taxonomy), encoding="utf-8", newline="")
    return f"wrote {out} ({len(catalog.listed)} providers)"


PLAIN_CSV = ExportFormat(
    "csv", "one plain CSV file OUT of the listed providers", _export,
    lambda catalog: {"referral-directory.csv": directory_csv(catalog.profiles, catalog.taxonomy)})
