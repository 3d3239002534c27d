"""Validation problems and the two ways they are printed: for people, and for GitHub annotations."""
from __future__ import annotations

from dataclasses import dataclass


def field_path(loc: tuple) -> str:
    """('locations', 0, 'city') → 'locations[0].city'."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{label}{self.message}"

    def github(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return (f"::{self.severity} file={_escape_property(self.file)},line={self.line},col={self.column}"
                f"::{_escape_data(where + self.message)}")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
