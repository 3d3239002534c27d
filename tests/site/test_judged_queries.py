"""Search that understands needs, judged as a clinician would: tests/site/judged_queries.yaml through the built
site's Pagefind in Chromium. The same queries on a site built without the needs' words show the test can fail."""
from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys

import pytest

from bench.judged import load_judged, run_judged
from directory.paths import REPO_ROOT, TAXONOMY_FILE
from directory.site.localserver import serve

# Queries no profile's own words answer: only the needs vocabulary can.
NEEDS_ONLY = ("drinking too much", "thinking of ending my life", "trouble walking after a fall")


def test_judged_queries_find_what_a_clinician_expects(page, site_url):
    outcomes = run_judged(page, site_url)
    wrong = [f"{o.judged.query!r}: expected {list(o.judged.expected)}"
             + (f", first one of {list(o.judged.first)}" if o.judged.first else "")
             + (f", none of {list(o.judged.excluded)}" if o.judged.excluded else "")
             + f"; top {len(o.found)}: {list(o.found)}" for o in outcomes if not o.passed]
    assert wrong == []


def test_judged_set_covers_the_issue_and_names_real_providers(catalog):
    judged = {j.query: j for j in load_judged()}
    for query in ("back pain", "shoulder pain", "rotator cuff", "suicidal thoughts", "drinking too much",
                  "eviction notice", "low mood", *NEEDS_ONLY):
        assert query in judged, query
    crisis = {p.slug for p in catalog.listed if "crisis-services" in p.categories}
    assert set(judged["suicidal thoughts"].first) <= crisis
    back = {catalog.get(slug).categories[0] for slug in judged["back pain"].expected}
    assert {"physiotherapy", "chiropractic"} <= back
    for item in judged.values():
        for slug in (*item.expected, *item.first, *item.excluded):
            assert catalog.get(slug) is not None, (item.query, slug)


@pytest.fixture(scope="module")
def site_without_need_words(providers_dir, tmp_path_factory):
    """The same directory built with every need's words replaced by one nonsense word."""
    folder = tmp_path_factory.mktemp("no-need-words")
    text = TAXONOMY_FILE.read_text(encoding="utf-8")
    needs_at = text.index("\nneeds:")
    numbers = itertools.count()
    stripped = text[:needs_at] + re.sub(r"words: \[[^\]]*\]", lambda _: f"words: [zzyzx{next(numbers)}]",
                                        text[needs_at:])
    taxonomy = folder / "taxonomy.yaml"
    taxonomy.write_text(stripped, encoding="utf-8")
    env = {**os.environ, "REFERRAL_DIRECTORY_PROVIDERS": str(providers_dir), "NO_MKDOCS_2_WARNING": "1",
           "REFERRAL_DIRECTORY_TAXONOMY": str(taxonomy)}
    site = folder / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO_ROOT / "mkdocs.yml"),
                           "-d", str(site)], env=env, capture_output=True, text=True, cwd=REPO_ROOT)
    assert done.returncode == 0, done.stderr
    with serve(site) as url:
        yield url


def test_without_the_need_words_the_judged_queries_fail(page, site_without_need_words):
    judged = [j for j in load_judged() if j.query in NEEDS_ONLY]
    assert len(judged) == len(NEEDS_ONLY)
    outcomes = run_judged(page, site_without_need_words, judged)
    assert [o.judged.query for o in outcomes if o.passed] == []
    assert all(o.hits == 0 for o in outcomes), [(o.judged.query, o.found) for o in outcomes]
