"""The registry of page builders. To add pages, write `pages(context) -> Iterable[Page]` in a module,
import it here and add it to the list."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable

from directory.site import browse, downloads, provider, review_page, search, shortlist
from directory.site.pages import Page, SiteContext

PageBuilder = Callable[[SiteContext], Iterable[Page]]

PAGE_BUILDERS: list[PageBuilder] = [
    provider.pages,
    browse.term_pages,
    browse.a_to_z,
    search.pages,
    shortlist.pages,
    review_page.pages,
    downloads.pages,
]


# Builders worth a second core at 10,000 providers: the open-data downloads take as long as all other builders.
PARALLEL: tuple[PageBuilder, ...] = (downloads.pages,)


def build_pages(context: SiteContext, builders: list[PageBuilder] = PAGE_BUILDERS,
                timings: dict[str, float] | None = None, parallel: tuple[PageBuilder, ...] = ()) -> list[Page]:
    """Every builder's pages, in registry order; `timings` (if given) receives seconds per builder. Builders in
    `parallel` run in a forked process meanwhile (their timing is then the wait for it after the others)."""
    forked = {builder: _fork(builder, context) for builder in builders if builder in parallel}
    pages: list[Page] = []
    for builder in builders:
        started = time.perf_counter()
        pages.extend(forked[builder]() if builder in forked else builder(context))
        if timings is not None:
            name = f"{builder.__module__}:{builder.__name__}" + (" (forked; wait)" if builder in forked else "")
            timings[name] = time.perf_counter() - started
    return pages


def _fork(builder: PageBuilder, context: SiteContext) -> Callable[[], list[Page]]:
    """Starts `builder(context)` in a forked child (it shares the loaded catalog without copying it); returns
    the function that waits for its pages. An error in the child is raised again here."""
    fork = multiprocessing.get_context("fork")
    receiver, sender = fork.Pipe(duplex=False)
    child = fork.Process(target=_run, args=(builder, context, sender), daemon=True)
    child.start()
    sender.close()

    def result() -> list[Page]:
        try:
            ok, value = receiver.recv()
        except EOFError:
            ok, value = False, RuntimeError(f"{builder.__module__} stopped without a result")
        child.join()
        if not ok:
            raise value
        return value
    return result


def _run(builder: PageBuilder, context: SiteContext, sender) -> None:
    try:
        sender.send((True, list(builder(context))))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        sender.send((False, error))
