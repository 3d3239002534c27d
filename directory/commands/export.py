"""Publishes the directory as open data: HSDS 3.0 (JSON and tables) or a plain CSV."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from directory.catalog import InvalidProfiles, load_catalog
from directory.commands.validate import default_path
from directory.hsds.export import services
from directory.hsds.files import unique_organizations, write_export
from directory.hsds.plain_csv import directory_csv
from directory.hsds.schemas import SchemaMissing, schema_errors
from directory.taxonomy import TaxonomyError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=("hsds", "csv"),
                        help="`hsds`: HSDS 3.0 JSON plus CSV tables and datapackage.json in the folder OUT; "
                             "`csv`: one plain CSV file OUT of the listed providers")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder (hsds) or file (csv) to write")
    parser.add_argument("--providers", type=Path, default=None, metavar="PATH",
                        help="profile folder (default: providers/)")


def run(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(args.providers or default_path())
    except (InvalidProfiles, TaxonomyError) as error:
        print(f"error: nothing exported; {error}", file=sys.stderr)
        return 1
    if args.format == "csv":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(directory_csv(catalog.profiles, catalog.taxonomy), encoding="utf-8", newline="")
        print(f"wrote {args.out} ({len(catalog.listed)} providers)")
        return 0
    exported = services(catalog.profiles, catalog.taxonomy)
    try:
        problems = invalid_objects(exported)
    except SchemaMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if problems:
        print("error: nothing exported; these objects break the HSDS 3.0 schema:\n" + "\n".join(problems),
              file=sys.stderr)
        return 1
    written = write_export(exported, args.out)
    print(f"wrote {len(written)} files to {args.out}: {len(exported)} services, "
          f"{len(unique_organizations(exported))} organizations, all valid against HSDS 3.0")
    return 0


def invalid_objects(exported: list[dict]) -> list[str]:
    """Each schema error as `service NAME: path: message`; the export is refused rather than published broken."""
    problems = [f"service {s['name']}: {e}" for s in exported for e in schema_errors("service", s)]
    problems += [f"organization {o['name']}: {e}" for o in unique_organizations(exported)
                 for e in schema_errors("organization", o)]
    return problems
