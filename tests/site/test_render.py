"""Rendering functions, without MkDocs: escaping, every field, review warnings, links, the registry."""
from __future__ import annotations

from datetime import date

import pytest

from directory.site import SiteContext, SiteSettings, build_pages, facets
from directory.site.builders import PAGE_BUILDERS
from directory.site.pages import link
from directory.site.provider import render_provider

from tests.site.conftest import TEST_SLUG

SETTINGS = SiteSettings(intake_url="https://intake.example/", repo_edit_url="https://git.example/edit/main/providers")


@pytest.fixture
def profile(catalog):
    return catalog.get(TEST_SLUG)


def render(profile, catalog, today=date(2026, 11, 22)) -> str:
    return render_provider(profile, SiteContext(catalog, SETTINGS, today))


def test_markup_in_profiles_is_escaped(profile, catalog):
    html = render(profile, catalog)
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;window.pwned = 2&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;window.pwned=3&quot;&gt;" in html
    assert "Saltmarsh &quot;Test&quot; Clinic &amp; &lt;b&gt;Partners&lt;/b&gt;" in html


def test_every_field_is_rendered(profile, catalog):
    html = render(profile, catalog)
    expected = [
        "Counselling for adults near the saltmarsh", "Saltmarsh Health &lt;i&gt;Network&lt;/i&gt;",
        "Offers saltmarsh orienteering therapy", "<p>A second paragraph about quillwort groups.</p>",
        "Sliding-scale fees", "Limitations to consider", "No wheelchair access to the second floor",
        "Quillwort anxiety group", "Older adults", "Adults living in the Saltmarsh region.", "18 to 99",
        "Saltmarsh county", "Physician referral", "Fax the saltmarsh referral form", "Recent assessment",
        "About 70 days (10 weeks)", "Urgent referrals are triaged within a week.", "Sliding scale",
        "Private insurance", "Nobody is turned away", "Portuguese", "Video (telehealth)", "Quiet waiting room",
        "Harbour office", "12 Estuary Lane", "Saltmarsh ON K0S 1A0", "Mon–Thu 09:00–20:00",
        "Marshport<br>United States", 'href="tel:+16135550177"', "+1 613-555-0178",
        'href="mailto:intake@saltmarsh.example"', 'Referral email:</strong> <a href="mailto:referrals@saltmarsh.example">', 'href="https://saltmarsh.example"',
        '<time datetime="2020-01-15">15 January 2020</time> by Test editor', "Outpatient", "Group therapy",
        "Psychology",
    ]
    missing = [text for text in expected if text not in html]
    assert missing == []
    assert "Harbour office</h3><address>12 Estuary Lane<br>Saltmarsh ON K0S 1A0</address>" in html, \
        "the default country (CA) is not spelled out"


def test_referral_and_edit_links(profile, catalog):
    html = render(profile, catalog)
    assert f'href="https://intake.example/refer/{TEST_SLUG}">Request a referral</a>' in html
    assert f'href="https://git.example/edit/main/providers/{TEST_SLUG}.yaml">Suggest an edit</a>' in html


def test_review_warning_only_after_twelve_months(profile, catalog):
    assert "Not reviewed for over 12 months" in render(profile, catalog, today=date(2021, 1, 16))
    assert "Not reviewed for over 12 months" not in render(profile, catalog, today=date(2021, 1, 15))


def test_self_referral_acceptance_and_languages_are_shown_and_feed_search_filters(profile, catalog):
    html = render(profile, catalog)
    assert "<dt>Self-referral</dt><dd>No</dd>" in html
    assert "<dt>Accepting new clients</dt><dd>Yes</dd>" in html
    assert "<dt>Languages</dt><dd>English, French, Portuguese</dd>" in html
    index = facets.facet_index(SiteContext(catalog, SETTINGS))
    options = [(group["name"], label) for group in index["groups"] for label in group["options"]]
    row = next(row for row in index["providers"] if row[0] == profile.slug)
    chosen = {options[code] for code in row[4]}
    assert {("Self-referral", "No"), ("Accepting new clients", "Yes"), ("Language", "English"),
            ("Language", "French")} <= chosen


@pytest.mark.parametrize("source, target, expected", [
    ("providers/a.md", "categories/b.md", "../../categories/b/"),
    ("providers/a.md", "index.md", "../../"),
    ("index.md", "search.md", "search/"),
    ("search.md", "pagefind/pagefind-component-ui.js", "../pagefind/pagefind-component-ui.js"),
    ("categories/index.md", "categories/b.md", "b/"),
    ("a-z.md", "providers/a.md", "../providers/a/"),
])
def test_relative_links(source, target, expected):
    assert link(source, target) == expected


def test_page_builders_cover_every_listed_provider_and_term(catalog):
    pages = {page.path: page for page in build_pages(SiteContext(catalog, SETTINGS))}
    assert {f"providers/{p.slug}.md" for p in catalog.listed} <= set(pages)
    assert not any(f"providers/{p.slug}.md" in pages for p in catalog.profiles if not p.listed)
    for term in catalog.taxonomy["categories"]:
        assert f"categories/{term}.md" in pages
    for term in catalog.taxonomy["levels_of_care"]:
        assert f"levels/{term}.md" in pages
    in_nav = {path for path, page in pages.items() if page.in_nav}
    assert {"categories/index.md", "levels/index.md", "a-z.md", "search.md"} <= in_nav
    assert not any(path.startswith(("providers/", "categories/", "levels/")) and not path.endswith("index.md")
                   for path in in_nav), "provider and term pages stay out of the nav (N² build otherwise)"


def test_a_new_builder_is_one_registry_line(catalog):
    extra = example_builder
    pages = build_pages(SiteContext(catalog, SETTINGS), [*PAGE_BUILDERS, extra])
    assert pages[-1].path == "review/due.md"


def example_builder(context):
    from directory.site.pages import markdown_page

    yield markdown_page("review/due.md", "Due for review", "<h1>Due for review</h1>")


def test_temporarily_closed_and_not_accepting_are_flagged(profile, catalog):
    closed = profile.model_copy(update={"status": "temporarily-closed", "accepting_new_clients": False})
    html = render(closed, catalog)
    assert "Temporarily closed" in html
    assert "<dt>Accepting new clients</dt><dd>No</dd>" in html


@pytest.mark.parametrize("name, letter", [("École Santé", "E"), ("zeta", "Z"), ("24/7 Line", "#"), (" Öster", "O")])
def test_a_to_z_initials(name, letter):
    from directory.site.browse import initial

    assert initial(name) == letter


def test_a_to_z_lists_every_listed_provider_once(catalog):
    from directory.site.browse import a_to_z

    (page,) = a_to_z(SiteContext(catalog, SETTINGS))
    for profile in catalog.listed:
        assert page.content.count(f'href="../providers/{profile.slug}/"') == 1


def test_a_to_z_jump_links_match_headings(catalog):
    import re

    from directory.site.browse import a_to_z

    (page,) = a_to_z(SiteContext(catalog, SETTINGS))
    targets = re.findall(r'<a href="#([^"]+)">', page.content)
    assert targets and sorted(targets) == sorted(re.findall(r'<h2 id="([^"]+)">', page.content))
    assert all(re.fullmatch(r"letter-[a-z]|letter-other", target) for target in targets)


def test_no_edit_link_without_a_repository(profile, catalog):
    html = render_provider(profile, SiteContext(catalog, SiteSettings(intake_url="https://intake.example")))
    assert "Suggest an edit" not in html
    assert f'href="https://intake.example/refer/{TEST_SLUG}"' in html
