"""Starts a new profile from a commented template, so editors never begin from a blank page.

The template is written from the model's field Docs (directory/templates.py), so it lists every field.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from directory.paths import PROVIDERS_DIR
from directory.slugs import slugify
from directory.templates import new_template

HEADER = """\
# yaml-language-server: $schema=../schema/provider-profile.schema.json
# New provider profile. Replace every TODO, delete optional lines you do not need, then run
#   python -m directory validate {path}
# The field reference is in CONTRIBUTING.md.

"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the provider's name, as clients know it")
    parser.add_argument("--dir", type=Path, default=PROVIDERS_DIR, help="folder to write to")


def run(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not 2 <= len(name) <= 120:
        print("error: the name must be 2 to 120 characters", file=sys.stderr)
        return 2
    path = args.dir / f"{slugify(name)}.yaml"
    if path.exists():
        print(f"error: {path} already exists; edit it instead", file=sys.stderr)
        return 1
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    body = new_template(values={"name": quoted, "last_reviewed": date.today().isoformat()})
    path.write_text(HEADER.format(path=path) + body, encoding="utf-8")
    print(path)
    return 0
