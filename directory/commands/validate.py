"""The editors' main interface: every problem in every file, each with the place to fix it."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from directory.loading import UsageError, load_paths
from directory.paths import PROVIDERS_DIR
from directory.taxonomy import TaxonomyError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"profile files or folders (default: {PROVIDERS_DIR.name}/)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (such as overdue reviews) as errors")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="`github` prints GitHub Actions annotations for pull requests")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)


def default_path() -> Path:
    """providers/ as the editor would type it, so messages read `providers/foo.yaml:3:1`."""
    try:
        return PROVIDERS_DIR.relative_to(Path.cwd())
    except ValueError:
        return PROVIDERS_DIR


def run(args: argparse.Namespace) -> int:
    try:
        result = load_paths(args.paths or [default_path()], today=args.today)
    except (UsageError, TaxonomyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem.github() if args.format == "github" else problem.text())
    failing = result.problems if args.strict else result.errors
    files = len({p.file for p in result.problems})
    summary = (f"{len(result.profiles)} profiles valid; {len(result.errors)} errors, "
               f"{len(result.warnings)} warnings in {files} files")
    print(summary, file=sys.stderr)
    return 1 if failing else 0
