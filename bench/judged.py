"""Judged queries: what a clinician types, and the sample providers they would expect in the top results.

The list lives in tests/site/judged_queries.yaml so anyone can read and extend it; the browser test asserts
every expected provider is found, and `bench/site.py` prints the score. Queries go through the built site's
own Pagefind in Chromium, with the ranking the search page uses (Pagefind's defaults).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
JUDGED_FILE = ROOT / "tests" / "site" / "judged_queries.yaml"
TOP = 5

# Runs in the page: each query through the site's Pagefind, returning the slugs of its first results.
_RUN = """async ({base, queries, top}) => {
  const pagefind = await import(base + "pagefind/pagefind.js");
  await pagefind.init();
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, top).map(result => result.data()));
    found[query] = data.map(item => item.url);
  }
  return found;
}"""


@dataclass(frozen=True)
class Judged:
    query: str
    expected: tuple[str, ...]        # slugs a clinician expects among the first TOP results
    first: tuple[str, ...] = ()      # when given, the first result must be one of these (e.g. crisis lines)
    excluded: tuple[str, ...] = ()   # must not be among the first TOP (e.g. matched only by a word's prefix)


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    found: tuple[str, ...]           # slugs of the first TOP results, in order

    @property
    def hits(self) -> int:
        return sum(slug in self.found for slug in self.judged.expected)

    @property
    def first_ok(self) -> bool:
        return not self.judged.first or (bool(self.found) and self.found[0] in self.judged.first)

    @property
    def intruders(self) -> list[str]:
        return [slug for slug in self.found if slug in self.judged.excluded]

    @property
    def passed(self) -> bool:
        return self.hits == len(self.judged.expected) and self.first_ok and not self.intruders


def load_judged(path: Path = JUDGED_FILE) -> list[Judged]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Judged(item["query"], tuple(item["expected"]), tuple(item.get("first", ())),
                   tuple(item.get("excluded", ()))) for item in data]


def _slug(url: str) -> str:
    parts = [part for part in url.split("/") if part]
    return parts[-1] if len(parts) >= 2 and parts[-2] == "providers" else url


def run_judged(page, base: str, judged: list[Judged] | None = None) -> list[Outcome]:
    """Every judged query through Pagefind on a Playwright `page` of the site served at `base` (ends in /)."""
    judged = judged if judged is not None else load_judged()
    page.goto(base)
    found = page.evaluate(_RUN, {"base": base, "queries": [j.query for j in judged], "top": TOP})
    return [Outcome(j, tuple(_slug(url) for url in found[j.query])) for j in judged]


def score_lines(outcomes: list[Outcome]) -> list[str]:
    """The score as `bench/site.py` prints it: hits over expected, then one line per query."""
    hits = sum(o.hits for o in outcomes)
    expected = sum(len(o.judged.expected) for o in outcomes)
    lines = [f"  judged queries on the sample directory (tests/site/judged_queries.yaml, top {TOP}): "
             f"{hits}/{expected} expected providers found; {sum(o.passed for o in outcomes)}/{len(outcomes)} "
             "queries fully right"]
    for outcome in outcomes:
        first = ("" if outcome.first_ok else "; wrong first result") + \
            (f"; should not list {', '.join(outcome.intruders)}" if outcome.intruders else "")
        lines.append(f"    {outcome.judged.query!r}: {outcome.hits}/{len(outcome.judged.expected)}{first}"
                     f" (top: {', '.join(outcome.found[:3]) or 'nothing'})")
    return lines


def print_score(site: Path) -> None:
    """Serve `site`, run the judged queries in Chromium and print the score (bench/site.py's last lines)."""
    from playwright.sync_api import sync_playwright

    from directory.site.localserver import serve

    judged = load_judged()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        outcomes = run_judged(browser.new_page(), base, judged)
        browser.close()
    print("\n".join(score_lines(outcomes)))


def print_sample_score() -> None:
    """Build the sample directory (the providers the judged queries name) and print its score; a synthetic
    directory repeats the samples under new names, so its ranking cannot be judged."""
    import os
    import subprocess
    import sys
    import tempfile

    from directory.paths import PROVIDERS_DIR

    with tempfile.TemporaryDirectory(prefix="refdir-judged-") as tmp:
        env = {**os.environ, "REFERRAL_DIRECTORY_PROVIDERS": str(PROVIDERS_DIR), "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                               "-d", tmp], env=env, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(f"  judged queries: the sample site did not build:\n{done.stderr[-2000:]}")
            return
        print_score(Path(tmp))
