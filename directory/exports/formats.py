"""The registry of open-data formats. To add one, write an `ExportFormat` and add it below."""
from __future__ import annotations

from directory.exports.format import ExportFormat
from directory.exports.hsds import HSDS
from directory.exports.plain_csv import PLAIN_CSV

EXPORT_FORMATS: list[ExportFormat] = [HSDS, PLAIN_CSV]
