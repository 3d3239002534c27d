"""What a page builder receives and returns."""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from datetime import date

from directory.catalog import Catalog
from directory.values import DEFAULT_COUNTRY


@dataclass(frozen=True)
class SiteSettings:
    """The `extra:` settings of mkdocs.yml that change what pages say."""

    intake_url: str = "http://127.0.0.1:5000"
    repo_edit_url: str = ""
    default_country: str = DEFAULT_COUNTRY

    @classmethod
    def from_extra(cls, extra: dict) -> SiteSettings:
        known = {name: str(extra[name]) for name in ("intake_url", "repo_edit_url", "default_country")
                 if extra.get(name) is not None}
        return cls(**known)


@dataclass(frozen=True)
class SiteContext:
    catalog: Catalog
    settings: SiteSettings = field(default_factory=SiteSettings)
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Page:
    """One generated file, at `path` relative to the docs folder (e.g. `providers/foo.md`)."""

    path: str
    content: str | bytes
    in_nav: bool = False


def markdown_page(path: str, title: str, body: str, *, in_nav: bool = False, hide: tuple[str, ...] = ()) -> Page:
    """A Markdown page whose body is raw HTML: already escaped, and left alone by Markdown (fast at scale)."""
    meta = [f"title: {json.dumps(title, ensure_ascii=False)}"]
    if hide:
        meta.append(f"hide: [{', '.join(hide)}]")
    return Page(path, "---\n" + "\n".join(meta) + "\n---\n\n" + body.strip() + "\n", in_nav)


def url_of(path: str) -> str:
    """The site URL (directory style) of a docs path: `providers/foo.md` → `providers/foo/`, `index.md` → ``."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(from_path: str, to_path: str) -> str:
    """A relative link between two docs paths, so the site works from any base URL."""
    here = url_of(from_path).rstrip("/") or "."
    relative = posixpath.relpath(url_of(to_path).rstrip("/") or ".", here)
    return relative + "/" if to_path.endswith(".md") else relative
