"""What a provider page gives search about needs and place: the needs it serves (shown), their plain words
(indexed, weighted, not shown); and what the facet index gives the search page: Need, City and Region filters and
each provider's coordinates for sorting by distance."""
from __future__ import annotations

import re
from datetime import date

from directory.site import SiteContext, SiteSettings
from directory.site.provider import FOCUS_WEIGHT, LEVEL_NEED_WEIGHT, NEED_WEIGHT, render_provider


def render(catalog, slug: str) -> str:
    return render_provider(catalog.get(slug), SiteContext(catalog, SiteSettings(), date(2026, 11, 22)))


def hidden_words(html: str) -> dict[float, str]:
    return {float(weight): text for weight, text in re.findall(
        r'<p class="provider-need-words" data-pagefind-weight="([\d.]+)" hidden>([^<]*)</p>', html)}


def test_served_needs_are_listed(catalog):
    html = render(catalog, "fernhollow-physiotherapy-and-rehab")
    assert "<dt>Helps with</dt><dd>Physical pain or injury, Mobility and daily living</dd>" in html


def test_provider_pages_carry_no_pagefind_filters_the_search_page_does_not_use(catalog):
    """The search page filters with the facet index; Pagefind only needs the slug filter (overrides/main.html).
    Filter markup on 10,000 pages made them bigger and Pagefind slower."""
    for slug in ("fernhollow-physiotherapy-and-rehab", "sprout-child-and-family-mental-health"):
        html = render(catalog, slug)
        assert "data-pagefind-filter" not in html and "data-pagefind-meta=\"coordinates" not in html


def test_need_words_are_indexed_hidden_and_weighted_by_how_the_need_is_met(catalog):
    physio = hidden_words(render(catalog, "fernhollow-physiotherapy-and-rehab"))
    assert "rotator cuff" in physio[FOCUS_WEIGHT]  # its own text names shoulders and injuries
    crisis_line = hidden_words(render(catalog, "night-harbour-distress-line"))
    assert "thinking of ending my life" in crisis_line[FOCUS_WEIGHT]
    unit = hidden_words(render(catalog, "port-aster-adolescent-psychiatry-unit"))
    assert "thinking of ending my life" in unit[LEVEL_NEED_WEIGHT]  # a crisis level of care, not a crisis service
    assert "thinking of ending my life" not in unit.get(FOCUS_WEIGHT, "") + unit.get(NEED_WEIGHT, "")
    assert FOCUS_WEIGHT > NEED_WEIGHT > LEVEL_NEED_WEIGHT > 1


def test_needs_words_are_escaped(catalog):
    html = render(catalog, "millbrook-withdrawal-management-centre")
    assert "can&#x27;t stop drinking" in hidden_words(html)[FOCUS_WEIGHT] or \
        "can&#x27;t stop drinking" in hidden_words(html)[NEED_WEIGHT]


def facet_index(catalog) -> dict:
    from directory.site import facets

    return facets.facet_index(SiteContext(catalog, SiteSettings()))


def test_every_place_has_its_coordinates_on_the_page_and_in_the_facet_index(catalog):
    html = render(catalog, "sprout-child-and-family-mental-health")  # two locations in two towns
    profile = catalog.get("sprout-child-and-family-mental-health")
    first, second = profile.locations
    assert f'data-latitude="{first.latitude}" data-longitude="{first.longitude}"' in html
    assert f'data-latitude="{second.latitude}" data-longitude="{second.longitude}"' in html
    index = facet_index(catalog)
    assert len(index["coordinates"]) == len(index["providers"])
    row = [r[0] for r in index["providers"]].index(profile.slug)
    assert index["coordinates"][row] == [round(v, 3) for v in (first.latitude, first.longitude,
                                                                second.latitude, second.longitude)]


def test_no_coordinates_no_place(catalog):
    html = render(catalog, "night-harbour-distress-line")  # phone only: no location
    assert "data-latitude" not in html
    index = facet_index(catalog)
    assert index["coordinates"][[r[0] for r in index["providers"]].index("night-harbour-distress-line")] == []


def test_facet_index_has_need_region_and_city_groups_and_city_coordinates(catalog):
    index = facet_index(catalog)
    options = [(group["name"], label) for group in index["groups"] for label in group["options"]]
    rows = {row[0]: row for row in index["providers"]}
    chosen = {option for option in (options[code] for code in rows["fernhollow-physiotherapy-and-rehab"][4])}
    assert {("Need", "Physical pain or injury"), ("Need", "Mobility and daily living"),
            ("Region", "British Columbia"), ("City", "Fernhollow, BC")} <= chosen
    assert ("Need", "Crisis or safety") in {options[code] for code in rows["night-harbour-distress-line"][4]}
    sprout = {options[code] for code in rows["sprout-child-and-family-mental-health"][4]}
    assert {("City", "Red Aspen, MB"), ("City", "Willowbend, MB")} <= sprout
    assert len(index["city_coordinates"]) == len(index["cities"])
    fernhollow = catalog.get("fernhollow-physiotherapy-and-rehab").locations[0]
    lat, lon = index["city_coordinates"][index["cities"].index("Fernhollow")]
    assert abs(lat - fernhollow.latitude) < 0.05 and abs(lon - fernhollow.longitude) < 0.05
