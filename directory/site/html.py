"""Tiny HTML helpers: every piece of profile text passes through `esc` exactly once."""
from __future__ import annotations

from collections.abc import Iterable
from html import escape


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def paragraphs(text: str) -> str:
    """Plain text with blank-line-separated paragraphs → escaped <p> elements."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return "".join(f"<p>{esc(block)}</p>" for block in blocks if block)


def items(values: Iterable[str]) -> str:
    """An escaped <ul>, or nothing for no values."""
    body = "".join(f"<li>{esc(value)}</li>" for value in values)
    return f"<ul>{body}</ul>" if body else ""

