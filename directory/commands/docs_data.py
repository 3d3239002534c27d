"""`docs-data [--check]`: rewrites the files generated from the profile model, or checks they are current."""
import argparse
import sys

from directory.docs_data import GENERATED, MissingRegion, stale, write
from directory.taxonomy import TaxonomyError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")


def run(args: argparse.Namespace) -> int:
    try:
        paths = stale() if args.check else write()
    except (MissingRegion, TaxonomyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check and paths:
        print("stale: " + ", ".join(paths) + "; run `make docs-data` and commit the result", file=sys.stderr)
        return 1
    done = "rewrote " + ", ".join(paths) if paths else "all current"
    print(f"{done} ({len({g.path for g in GENERATED})} generated files)")
    return 0
