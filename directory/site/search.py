"""The search page: Pagefind's UI, which downloads only the index chunks a query needs."""
from __future__ import annotations

import json
from collections.abc import Iterator

from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page
from directory.site.provider import FILTERS

PATH = "search.md"


def pages(context: SiteContext) -> Iterator[Page]:
    body = f"""
<h1>Search the directory</h1>
<p>Type a need, a service or part of a mandate, then narrow the results with the filters.
The numbers next to each filter show how many providers match.</p>
<div id="directory-search" data-filters="{esc(json.dumps(FILTERS))}"
     data-bundle="{esc(link(PATH, 'pagefind'))}/"></div>
<noscript><p>Search needs JavaScript. Without it, browse the
<a href="{link(PATH, 'categories/index.md')}">categories</a> or the <a href="{link(PATH, 'a-z.md')}">A–Z list</a>.</p></noscript>
<link rel="stylesheet" href="{link(PATH, 'pagefind/pagefind-ui.css')}">
<script src="{link(PATH, 'pagefind/pagefind-ui.js')}"></script>
<script src="{link(PATH, 'assets/search.js')}"></script>
"""
    yield markdown_page(PATH, "Search", body, in_nav=True, hide=("toc",))
