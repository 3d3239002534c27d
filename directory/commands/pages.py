"""Writes the site's generated pages (Markdown with escaped HTML, plus data files) to a folder, without MkDocs,
so another static-site generator can build the same directory."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import yaml

from directory.catalog import InvalidProfiles, load_catalog
from directory.paths import PROVIDERS_DIR, REPO_ROOT
from directory.site import SiteContext, SiteSettings, build_pages
from directory.taxonomy import TaxonomyError

MKDOCS_YML = REPO_ROOT / "mkdocs.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write the pages into")
    parser.add_argument("--providers", type=Path, default=PROVIDERS_DIR, metavar="DIR",
                        help=f"profile folder (default: {PROVIDERS_DIR.name}/)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help=argparse.SUPPRESS)


def settings_from_mkdocs_yml(path: Path = MKDOCS_YML) -> SiteSettings:
    """The same `extra:` settings the MkDocs build uses, so both outputs agree."""
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return SiteSettings()
    return SiteSettings.from_extra(config.get("extra") or {})


def run(args: argparse.Namespace) -> int:
    if not args.providers.is_dir():
        print(f"error: {args.providers}: no such folder", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(args.providers)
    except (InvalidProfiles, TaxonomyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    context = SiteContext(catalog, settings_from_mkdocs_yml(), args.today or date.today())
    pages = build_pages(context)
    for page in pages:
        target = args.out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page.content, bytes):
            target.write_bytes(page.content)
        else:
            target.write_text(page.content, encoding="utf-8")
    print(f"wrote {len(pages)} pages for {len(catalog.listed)} providers to {args.out}", file=sys.stderr)
    return 0
