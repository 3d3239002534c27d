"""The search page: Pagefind's component UI, which downloads only the index chunks a query needs.

Faceted mode lists every provider before anything is typed, so filters alone are a search: a clinician can
browse "French, accepting new clients, telehealth" with no words at all.
"""
from __future__ import annotations

from collections.abc import Iterator

from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page
from directory.site.provider import FILTERS

PATH = "search.md"
PLACEHOLDER = "Search providers: a need, a service, part of a mandate"
# Pagefind's results component draws a placeholder for every result: at 10,000 providers an unnarrowed list
# took 14-28 s per filter click in Chromium; 100 keeps a click under a second. The summary still counts all.
MAX_RESULTS = 100


def pages(context: SiteContext) -> Iterator[Page]:
    body = f"""
<h1>Search the directory</h1>
<p>Type a need, a service or part of a mandate, choose filters, or both: with no words, the filters alone
list every provider that matches. The numbers next to each filter show how many providers match. A list shows
at most {MAX_RESULTS} providers: add words or filters to narrow a longer one.</p>
<div class="directory-search">
<pagefind-config faceted preload></pagefind-config>
<pagefind-input placeholder="{esc(PLACEHOLDER)}"></pagefind-input>
<pagefind-summary></pagefind-summary>
<div class="directory-search__layout">
<pagefind-filter-pane open="{esc(','.join(FILTERS))}"></pagefind-filter-pane>
<pagefind-results max-results="{MAX_RESULTS}"></pagefind-results>
</div>
</div>
<noscript><p>Search needs JavaScript. Without it, browse the
<a href="{link(PATH, 'categories/index.md')}">categories</a> or the <a href="{link(PATH, 'a-z.md')}">A–Z list</a>.</p></noscript>
<link rel="stylesheet" href="{link(PATH, 'pagefind/pagefind-component-ui.css')}">
<script src="{link(PATH, 'assets/search-narrow.js')}"></script>
<script src="{link(PATH, 'pagefind/pagefind-component-ui.js')}"></script>
<script src="{link(PATH, 'assets/search.js')}"></script>
"""
    yield markdown_page(PATH, "Search", body, in_nav=True, hide=("toc",))
