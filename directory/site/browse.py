"""Browse pages: one per category and per level of care, their indexes, and an A–Z list."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from itertools import groupby

from directory.model import Profile
from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page
from directory.site.provider import path_of

# vocabulary → (folder, index title, how one provider is matched)
VOCABULARIES: dict[str, tuple[str, str, Callable[[Profile], list[str]]]] = {
    "categories": ("categories", "Categories", lambda p: p.categories),
    "levels_of_care": ("levels", "Levels of care", lambda p: p.levels_of_care),
}


def provider_list(here: str, profiles: list[Profile]) -> str:
    """Name, summary and the two facts that most often rule a provider out."""
    if not profiles:
        return "<p>No providers are listed here yet.</p>"
    rows = []
    for profile in profiles:
        notes = [] if profile.accepting_new_clients else ["not accepting new clients"]
        if profile.status == "temporarily-closed":
            notes.append("temporarily closed")
        flag = f' <span class="provider-flag">({esc(", ".join(notes))})</span>' if notes else ""
        rows.append(f'<li><a href="{link(here, path_of(profile))}">{esc(profile.name)}</a>{flag}'
                    f"<br>{esc(profile.summary)}</li>")
    return '<ul class="provider-list">' + "".join(rows) + "</ul>"


def term_pages(context: SiteContext) -> Iterator[Page]:
    """A page per taxonomy term, plus an index of the terms with provider counts."""
    taxonomy, listed = context.catalog.taxonomy, context.catalog.listed
    for vocabulary, (folder, title, terms_of) in VOCABULARIES.items():
        members: dict[str, list[Profile]] = {term: [] for term in taxonomy[vocabulary]}
        for profile in listed:
            for term in terms_of(profile):
                members.setdefault(term, []).append(profile)
        index = f"{folder}/index.md"
        rows = []
        for term_id, term in taxonomy[vocabulary].items():
            here = f"{folder}/{term_id}.md"
            count = len(members[term_id])
            rows.append(f'<li><a href="{link(index, here)}">{esc(term.label)}</a> ({count})<br>'
                        f"{esc(term.description)}</li>")
            body = (f"<h1>{esc(term.label)}</h1>\n<p>{esc(term.description)}</p>\n"
                    f"<p>{count} provider{'s' if count != 1 else ''}.</p>\n" + provider_list(here, members[term_id]))
            yield markdown_page(here, term.label, body, hide=("toc",))
        yield markdown_page(index, title, f"<h1>{esc(title)}</h1>\n<ul class=\"term-list\">{''.join(rows)}</ul>",
                            in_nav=True, hide=("toc",))


def initial(name: str) -> str:
    """The A–Z heading a name files under: accents dropped, anything but a letter under '#'."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    return first if first.isalpha() else "#"


def a_to_z(context: SiteContext) -> Iterator[Page]:
    here = "a-z.md"
    groups = [(letter, list(group)) for letter, group in
              groupby(sorted(context.catalog.listed, key=lambda p: (initial(p.name) != "#", initial(p.name),
                                                                    p.name.casefold())),
                      key=lambda p: initial(p.name))]
    anchor = {letter: f"letter-{letter.lower() if letter != '#' else 'other'}" for letter, _ in groups}
    jump = " ".join(f'<a href="#{anchor[letter]}">{esc(letter)}</a>' for letter, _ in groups)
    sections = "\n".join(f'<h2 id="{anchor[letter]}">{esc(letter)}</h2>\n{provider_list(here, group)}'
                         for letter, group in groups)
    body = f'<h1>Providers A–Z</h1>\n<nav class="a-z-jump" aria-label="Letters">{jump}</nav>\n{sections}'
    yield markdown_page(here, "Providers A–Z", body, in_nav=True, hide=("toc",))
