"""Lists the profiles due for re-verification, oldest first, with what an editor needs to call them."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from directory.commands.validate import default_path
from directory.dates import REVIEW_MONTHS
from directory.loading import UsageError, load_paths
from directory.review import contact_lines, due_for_review, review_cutoff
from directory.taxonomy import TaxonomyError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="profile files or folders (default: providers/)")
    parser.add_argument("--months", type=int, default=REVIEW_MONTHS,
                        help="due when last reviewed more than this many months ago (default %(default)s)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    if args.months < 0:
        print("error: --months must be 0 or more", file=sys.stderr)
        return 2
    today = args.today or date.today()
    try:
        result = load_paths(args.paths or [default_path()], today=today, review_months=args.months)
    except (UsageError, TaxonomyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    due = due_for_review(result.profiles, today, args.months)
    cutoff = review_cutoff(today, args.months)
    print(f"{len(due)} profiles last reviewed before {cutoff} (more than {args.months} months ago), oldest first")
    for profile in due:
        who = f", by {profile.reviewed_by}" if profile.reviewed_by else ""
        print(f"\n{profile.last_reviewed}  {profile.name}  [{profile.slug}]{who}")
        for line in contact_lines(profile):
            print(f"            {line}")
    broken = len({p.file for p in result.errors})
    if broken:
        print(f"note: {broken} files have errors and are not listed; run `python -m directory validate`",
              file=sys.stderr)
    return 0
