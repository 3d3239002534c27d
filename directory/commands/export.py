"""Publishes the directory as open data in one of the registered formats (directory/exports/formats.py)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from directory.catalog import InvalidProfiles, load_catalog
from directory.commands.validate import default_path
from directory.exports.format import ExportRefused
from directory.exports.formats import EXPORT_FORMATS
from directory.taxonomy import TaxonomyError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=[f.name for f in EXPORT_FORMATS],
                        help="; ".join(f"`{f.name}`: {f.help}" for f in EXPORT_FORMATS))
    parser.add_argument("out", type=Path, metavar="OUT", help="folder or file to write, as the format says")
    parser.add_argument("--providers", type=Path, default=None, metavar="PATH",
                        help="profile folder (default: providers/)")


def run(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.providers or default_path())
    except (InvalidProfiles, TaxonomyError) as error:
        print(f"error: nothing exported; {error}", file=sys.stderr)
        return 1
    export = next(f for f in EXPORT_FORMATS if f.name == args.format).export
    try:
        print(export(catalog, args.out))
    except ExportRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return refused.code
    return 0
