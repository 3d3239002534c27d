"""Tiny HTML helpers: every piece of profile text passes through `esc` exactly once."""
from __future__ import annotations

from collections.abc import Iterable
from html import escape


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def attrs(**values: object) -> str:
    """Keyword arguments as HTML attributes (`class_` → `class`, `data_x` → `data-x`); None is left out."""
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    return (" " + " ".join(parts)) if parts else ""


def paragraphs(text: str) -> str:
    """Plain text with blank-line-separated paragraphs → escaped <p> elements."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return "".join(f"<p>{esc(block)}</p>" for block in blocks if block)


def items(values: Iterable[str]) -> str:
    """An escaped <ul>, or nothing for no values."""
    body = "".join(f"<li>{esc(value)}</li>" for value in values)
    return f"<ul>{body}</ul>" if body else ""


def joined(values: Iterable[str], filter_: str) -> str:
    """Escaped values separated by real commas, each also a value of the Pagefind filter `filter_`."""
    item_attrs = attrs(data_pagefind_filter=filter_)
    return ", ".join(f"<span{item_attrs}>{esc(value)}</span>" for value in values)
