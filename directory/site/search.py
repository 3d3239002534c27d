"""The search page: filters over a compact facet index, words through Pagefind, result cards with the facts.

Filters alone list providers at any size: the page downloads the facet index (directory/site/facets.py, 103 KB
gzipped at 10,000 synthetic providers) instead of Pagefind's whole word index, and filters and counts itself.
Words go to Pagefind, which downloads only the chunks a query needs; its `slug` filter (overrides/main.html)
says which providers matched, so words and filters combine in one place (docs/assets/search.js). Results can be
sorted by distance from one of the directory's cities or the browser's location (docs/assets/distance.js), over
the coordinates in the facet index: computed in the page, with no map or geocoding service.
"""
from __future__ import annotations

from collections.abc import Iterator

from directory.site import facets
from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page

PATH = "search.md"
PLACEHOLDER = "Search providers: a need, a service, part of a mandate"
# Cards shown at once, and added by "Show more". Without words the cards come from the facet index; with words
# each card also downloads its Pagefind fragment (1-3 KB) for the excerpt, so fewer at a time.
MAX_RESULTS = 100
WORD_RESULTS = 20


def pages(context: SiteContext) -> Iterator[Page]:
    yield from facets.pages(context)
    body = f"""
<h1>Search the directory</h1>
<p>Type a need, a service or part of a mandate, choose filters, or both: with no words, the filters alone list
every provider that matches. Ticking more options in one group widens the list (any of them); each group you use
narrows it. The number beside an option is how many providers the list would show with it ticked; beside a ticked
option, how many of the listed providers have it.</p>
<div class="directory-search" id="directory-search" data-facets="{link(PATH, facets.PATH)}"
 data-pagefind="{link(PATH, 'pagefind/pagefind.js')}" data-providers="{link(PATH, 'providers/index.md')}"
 data-slug-filter="{facets.SLUG_FILTER}" data-page-size="{MAX_RESULTS}" data-word-page-size="{WORD_RESULTS}">
<form class="search-form" role="search" aria-label="Search the directory">
<label for="search-words">Words (optional)</label>
<div class="search-form__row"><input id="search-words" name="q" type="search" autocomplete="off"
 placeholder="{esc(PLACEHOLDER)}"> <button type="submit" class="md-button md-button--primary">Search</button></div>
</form>
<div class="directory-search__layout">
<div class="search-filters" role="region" aria-labelledby="search-filters-title">
<h2 id="search-filters-title" class="search-filters__title">Filters</h2>
<div class="search-filters__groups"></div>
<p><button type="button" class="md-button search-clear" hidden>Clear all filters</button></p>
</div>
<div class="search-results-area">
<h2 class="visually-hidden">Results</h2>
<div class="search-sort">
<label for="search-near">Sort by distance from</label>
<div class="search-sort__row"><select id="search-near"><option value="">None: best match, or A–Z</option></select>
<button type="button" class="md-button search-locate">Use my location</button></div>
<p class="search-sort__status" role="status" aria-live="polite"></p>
</div>
<p class="search-summary" role="status" aria-live="polite">Loading the directory…</p>
<p class="search-shortlist-link"><a href="{link(PATH, 'shortlist.md')}">Short list</a></p>
<ol class="search-results"></ol>
<p><button type="button" class="md-button search-more" hidden>Show more</button></p>
</div>
</div>
</div>
<noscript><p>Search needs JavaScript. Without it, browse the
<a href="{link(PATH, 'categories/index.md')}">categories</a>, the
<a href="{link(PATH, 'levels/index.md')}">levels of care</a> or the <a href="{link(PATH, 'a-z.md')}">A–Z list</a>.</p></noscript>
<script src="{link(PATH, 'assets/distance.js')}"></script>
<script src="{link(PATH, 'assets/search.js')}"></script>
"""
    yield markdown_page(PATH, "Search", body, in_nav=True, hide=("toc",))
