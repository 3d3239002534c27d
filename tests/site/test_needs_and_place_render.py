"""What a provider page gives search about needs and place: the needs it serves (shown, and a Need filter), their
plain words (indexed, weighted, not shown), City and Region filters and the coordinates for distance sorting."""
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


def test_served_needs_are_listed_and_filterable(catalog):
    html = render(catalog, "fernhollow-physiotherapy-and-rehab")
    assert "<dt>Helps with</dt>" in html
    assert '<span data-pagefind-filter="Need">Physical pain or injury</span>' in html
    assert '<span data-pagefind-filter="Need">Mobility and daily living</span>' in html


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


def test_city_and_region_filters_and_coordinates(catalog):
    html = render(catalog, "sprout-child-and-family-mental-health")  # two locations in two towns
    assert '<span data-pagefind-filter="City:Red Aspen, MB" hidden></span>' in html
    assert '<span data-pagefind-filter="City:Willowbend, MB" hidden></span>' in html
    assert html.count('<span data-pagefind-filter="Region:Manitoba" hidden></span>') == 2
    profile = catalog.get("sprout-child-and-family-mental-health")
    first, second = profile.locations
    assert f'data-latitude="{first.latitude}" data-longitude="{first.longitude}"' in html
    assert (f'data-pagefind-meta="coordinates:{first.latitude} {first.longitude};{second.latitude} '
            f'{second.longitude}"') in html


def test_no_coordinates_no_meta(catalog):
    html = render(catalog, "night-harbour-distress-line")  # phone only: no location
    assert "coordinates:" not in html and "data-latitude" not in html


def test_facet_index_has_need_region_and_city_groups_and_city_coordinates(catalog):
    from directory.site import facets

    index = facets.facet_index(SiteContext(catalog, SiteSettings()))
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
