"""Benchmark: build the public site for N synthetic providers with MkDocs + Pagefind, then measure a search.

Usage: python bench/site.py N
Targets at N=10,000 on 2 cores: whole build (search index included) < 40 s, whole site < 20 KB per provider
(downloads included), < 500 KB of index, filters and results for the search page listing by filters alone,
< 500 KB more for a first word query.
"""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.judged import print_sample_score  # noqa: E402
from bench.synthetic import write_synthetic_directory  # noqa: E402
from directory.site.localserver import serve  # noqa: E402

QUERY = "counselling"


def build(providers: Path, site: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of MkDocs and Pagefind: less sensitive to a shared machine), log."""
    env = {**os.environ, "REFERRAL_DIRECTORY_PROVIDERS": str(providers), "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stderr


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_query(site: Path) -> dict[str, int]:
    """Bytes a cold browser downloads: the search page listing every provider by filters alone (no words), one
    filter ticked, then typing a query until its result cards show."""
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {"page": 0, "pagefind code": 0, "browse data": 0, "query data": 0}
    ready = '#directory-search[aria-busy="false"]'
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        start = time.perf_counter()
        page.goto(base + "search/")
        page.locator(".search-summary").filter(has_text=re.compile(r"^[\d,]+ results?$")).wait_for()
        page.locator(ready).wait_for()
        sizes["browse ms"] = round((time.perf_counter() - start) * 1000)
        page.wait_for_load_state("networkidle")
        sizes["listed"] = int(page.locator(".search-summary").inner_text().split()[0].replace(",", ""))
        sizes["shown"] = page.locator(".result-card").count()
        start = time.perf_counter()
        page.locator('.search-filters input[name="Language"]').first.check()
        page.locator(".search-summary").filter(has_not_text=f"{sizes['listed']:,} results").wait_for()
        page.locator(ready).wait_for()
        sizes["filter ms"] = round((time.perf_counter() - start) * 1000)
        page.locator('.search-filters input[name="Language"]').first.uncheck()
        page.locator(".search-summary").filter(has_text=f"{sizes['listed']:,} results").wait_for()
        browsing = len(responses)
        start = time.perf_counter()
        page.locator("#search-words").press_sequentially(QUERY, delay=30)
        page.locator(".search-summary").filter(has_text=f"for {QUERY}").wait_for()
        page.locator(ready).wait_for()
        sizes["query ms"] = round((time.perf_counter() - start) * 1000)
        page.wait_for_load_state("networkidle")
        for number, response in enumerate(responses):
            path = response.url[len(base) - 1:]
            size = len(response.body()) if response.status == 200 else 0
            if re.search(r"\.pf_\w+$|/pagefind-entry\.json(\?.*)?$|/facets\.json\.gz$", path):
                sizes["browse data" if number < browsing else "query data"] += size
            elif path.startswith("/pagefind/"):
                sizes["pagefind code"] += size
            else:
                sizes["page"] += size
        sizes["results"] = int(page.locator(".search-summary").inner_text().split()[0].replace(",", ""))
        sizes["cards"] = page.locator(".result-card").count()
        browser.close()
    return sizes


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="refdir-site-bench-") as tmp:
        providers, site = Path(tmp) / "providers", Path(tmp) / "site"
        write_synthetic_directory(providers, count)
        load = os.getloadavg()[0]
        seconds, cpu, log = build(providers, site)
        indexing = re.search(r"Pagefind in ([\d.]+) s", log)
        generating = re.search(r"generated \d+ pages for \d+ providers in ([\d.]+) s \((.*)\)", log)
        pages = list((site / "providers").glob("*/index.html"))
        page_sizes = sorted(p.stat().st_size for p in pages)
        total = folder_bytes(site)
        index_bytes = folder_bytes(site / "pagefind")
        parts = sorted(((folder_bytes(p), p.name) for p in site.iterdir() if p.is_dir()), reverse=True)[:4]
        query = first_query(site)
    kb = 1024
    print(f"site: {count} providers, mkdocs build --strict + Pagefind, one cold run")
    print(f"  build {seconds:.1f} s = {seconds / count * 1000:.2f} ms per provider; target < 40 s at 10,000 "
          f"(pages generated in {generating.group(1) if generating else '?'} s, "
          f"Pagefind {indexing.group(1) if indexing else '?'} s)")
    print(f"    CPU time {cpu:.1f} s (user + sys; Pagefind uses both cores); load average before the build "
          f"{load:.1f}")
    if generating:
        print(f"    page generation: {generating.group(2)}")
    print(f"  site {total / 1e6:.1f} MB = {total / count / kb:.1f} KB per provider "
          f"(search index {index_bytes / count / kb:.1f} KB per provider; largest folders: "
          + ", ".join(f"{name}/ {size / 1e6:.1f} MB" for size, name in parts) + ")")
    print(f"  provider page median {page_sizes[len(page_sizes) // 2] / kb:.1f} KB, max {page_sizes[-1] / kb:.1f} KB"
          f"; whole site target < 20 KB per provider")
    print(f"  search page listing by filters alone ({query['listed']} providers, {query['shown']} cards shown, "
          f"ready after {query['browse ms']} ms; one filter ticked: {query['filter ms']} ms): "
          f"{query['browse data'] / kb:.0f} KB of index, filters and results; target < 500 KB")
    print(f"  then first word query `{QUERY}` ({query['results']} results, {query['cards']} cards, "
          f"{query['query ms']} ms from the first key): {query['query data'] / kb:.0f} KB more; target < 500 KB")
    print(f"    plus {query['pagefind code'] / kb:.0f} KB Pagefind code (same for any N, cacheable, loaded at the "
          f"first word) and {query['page'] / kb:.0f} KB for the page itself (HTML, theme, scripts)")
    print_sample_score()
    return 0


if __name__ == "__main__":
    sys.exit(main())
