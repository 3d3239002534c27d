"""Prints the JSON Schema; the committed copy in schema/ is written by `docs-data`, which a test checks is current."""
import argparse
import sys

from directory.schema import render_schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(render_schema())
    return 0
