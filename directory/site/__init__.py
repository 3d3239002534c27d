"""The public site as plain pages: profile → Markdown, independent of MkDocs.

`build_pages(context)` runs every registered page builder (see `builders.py`); the MkDocs plugin and
`python -m directory pages` both consume the result, so another generator could take the same pages.
"""
from directory.site.builders import build_pages
from directory.site.pages import Page, SiteContext, SiteSettings

__all__ = ["Page", "SiteContext", "SiteSettings", "build_pages"]
