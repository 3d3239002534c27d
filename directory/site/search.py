"""The search page: Pagefind's component UI, which downloads only the index chunks a query needs.

Faceted mode lists every provider before anything is typed, so filters alone are a search: a clinician can
browse "French, accepting new clients, telehealth" with no words at all. A search without words loads Pagefind's
whole word index (446 KB at 1,000 providers, 3.4 MB at 10,000), so larger directories search words first and
keep a first query to the chunks it needs.
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
# Above this many listed providers, filters need words first: a wordless search would cost more than 500 KB.
FACETED_LIMIT = 1000


def faceted(context: SiteContext) -> bool:
    return len(context.catalog.listed) <= FACETED_LIMIT


def pages(context: SiteContext) -> Iterator[Page]:
    if faceted(context):
        how, config = ("Type a need, a service or part of a mandate, choose filters, or both: with no words, the "
                       "filters alone list every provider that matches."), "faceted preload"
        browse = ""
    else:
        how, config = "Type a need, a service or part of a mandate, then narrow the results with the filters.", ""
        browse = (f' To browse without words, use the <a href="{link(PATH, "categories/index.md")}">categories</a>,'
                  f' the <a href="{link(PATH, "levels/index.md")}">levels of care</a> or the '
                  f'<a href="{link(PATH, "a-z.md")}">A–Z list</a>.')
    body = f"""
<h1>Search the directory</h1>
<p>{how} The numbers next to each filter show how many providers match. A list shows at most {MAX_RESULTS}
providers: add words or filters to narrow a longer one.{browse}</p>
<div class="directory-search">
<pagefind-config {config}></pagefind-config>
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
