"""What an open-data format offers its two users: the `export` command and the site's Open data page."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from directory.catalog import Catalog


class ExportRefused(Exception):
    """Nothing was written, and why; `code` is the command's exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ExportFormat:
    name: str                                     # `python -m directory export NAME OUT`
    help: str                                     # what OUT receives
    export: Callable[[Catalog, Path], str]        # writes OUT in full; returns the summary line
    site_files: Callable[[Catalog], dict[str, str | bytes]]  # {path under downloads/: text or bytes} to publish
