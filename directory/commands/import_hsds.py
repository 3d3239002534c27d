"""Turns HSDS service JSON (one service, a list, or an API page) into draft profiles marked TODO."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from directory.hsds.importer import draft, draft_yaml
from directory.hsds.schemas import SchemaMissing, schema_errors
from directory.paths import PROVIDERS_DIR
from directory.taxonomy import TaxonomyError, load_taxonomy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("format", choices=("hsds",), help="the input format (HSDS 3.0 service JSON)")
    parser.add_argument("file", type=Path, metavar="FILE", help="a service object, a list of them, or a "
                                                                "/services page with `contents`")
    parser.add_argument("--dir", type=Path, default=PROVIDERS_DIR, help="folder to write drafts to")


def read_services(path: Path) -> list[dict]:
    """The service objects in an HSDS JSON file; ValueError with a plain reason when there are none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(item, dict) for item in items):
        raise ValueError(f"{path}: expected an HSDS service object, a list of them, or a page with `contents`")
    return items


def run(args: argparse.Namespace) -> int:
    try:
        items = read_services(args.file)
        taxonomy = load_taxonomy()
        checked = [(item, schema_errors("service", item)) for item in items]
    except (ValueError, SchemaMissing, TaxonomyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    args.dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for number, (item, errors) in enumerate(checked, 1):
        label = f"{args.file}: service {number} ({item.get('name', 'no name')})"
        if errors:
            failed += 1
            print(f"{label} is not valid HSDS 3.0, not imported:\n  " + "\n  ".join(errors), file=sys.stderr)
            continue
        slug, profile = draft(item, taxonomy)
        path = args.dir / f"{slug}.yaml"
        if path.exists():
            failed += 1
            print(f"{label}: {path} already exists; not overwritten", file=sys.stderr)
            continue
        path.write_text(draft_yaml(item, profile), encoding="utf-8")
        print(path)
    written = len(checked) - failed
    print(f"{written} drafts written; replace every TODO, then run `python -m directory validate`"
          + (f"; {failed} services not imported" if failed else ""), file=sys.stderr)
    return 1 if failed else 0
