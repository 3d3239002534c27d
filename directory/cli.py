"""`python -m directory COMMAND`: each command lives in its own module under directory/commands/."""
from __future__ import annotations

import argparse
import sys
from types import ModuleType

from directory.commands import docs_data, export, import_hsds, new, pages, review_due, schema, validate

# name, module (with `add_arguments(parser)` and `run(args) -> int`), help.
COMMANDS: list[tuple[str, ModuleType, str]] = [
    ("validate", validate, "Check provider profiles and report every problem with its file, line and column."),
    ("new", new, "Write a commented template for a new provider at providers/<slug>.yaml."),
    ("schema", schema, "Print the JSON Schema of a provider profile."),
    ("docs-data", docs_data, "Rewrite (or --check) the files generated from the profile model: the JSON "
                             "Schema and CONTRIBUTING.md's template and field reference."),
    ("review-due", review_due, "List profiles due for re-verification, oldest first, with their contact details."),
    ("export", export, "Write the directory as open data: HSDS 3.0 JSON and tables, or a plain CSV."),
    ("import", import_hsds, "Turn HSDS 3.0 service JSON into draft profiles, with TODO where HSDS has no field."),
    ("pages", pages, "Write the public site's generated pages to a folder, for any static-site generator."),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m directory", description=__doc__.split(":")[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module, help_text in COMMANDS:
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
