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


def items(values: Iterable[str], *, class_: str | None = None, filter_: str | None = None) -> str:
    """An escaped <ul>; `filter_` names the Pagefind filter each item's text feeds."""
    item_attrs = attrs(data_pagefind_filter=filter_)
    body = "".join(f"<li{item_attrs}>{esc(value)}</li>" for value in values)
    return f"<ul{attrs(class_=class_)}>{body}</ul>" if body else ""
