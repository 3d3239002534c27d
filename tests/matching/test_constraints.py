"""Each stated constraint ranks a provider that meets it above one that does not, and says why in a sentence.

Every test has two providers alike but for one field, named so that without the constraint "A" ranks first
(ties go by name): a matcher that ignored the constraint would leave A first and fail.
"""
from __future__ import annotations

import pytest

from directory.assessment import Assessment
from directory.matching import match
from tests.matching.conftest import clinic, slugs, small_catalog

PAIN = ("pain-or-injury",)


def ranked(base, assessment: Assessment, a: dict, b: dict, tie: bool = True):
    """Match `assessment` against clinics A and B (the base clinic with `a`, `b` changed): (first, second).
    A clinic in Riverside serving another need makes Riverside a known area without being proposed."""
    catalog = small_catalog(clinic(base, "A clinic", **a), clinic(base, "B clinic", **b),
                            clinic(base, "Elsewhere", needs=("mobility",), categories=("occupational-therapy",)))
    if tie:  # without the constraint, the two tie and A comes first by name
        assert slugs(match(catalog, Assessment(needs=PAIN))) == ["a-clinic", "b-clinic"]
    proposals = match(catalog, assessment).proposals
    assert len(proposals) == 2
    return proposals[0], proposals[1]


def test_language(base):
    first, second = ranked(base, Assessment(needs=PAIN, languages=("fr",)),
                           dict(languages=("en",)), dict(languages=("en", "fr")))
    assert first.profile.slug == "b-clinic" and "Speaks French" in first.fits
    assert "No shared language: offered in English" in second.concerns


def test_fees(base):
    first, second = ranked(base, Assessment(needs=PAIN, fees=("free", "public-insurance")),
                           dict(fees=("private-pay", "private-insurance")), dict(fees=("private-pay", "free")))
    assert first.profile.slug == "b-clinic" and "Free" in first.fits
    assert "Fee not covered: Private pay or Private insurance only" in second.concerns


def test_age(base):
    first, second = ranked(base, Assessment(needs=PAIN, age=15), dict(min_age=18), dict(min_age=12, max_age=25))
    assert first.profile.slug == "b-clinic" and "Serves ages 12 to 25" in first.fits
    assert "Outside the age range: serves ages 18 and over" in second.concerns


def test_area(base):
    first, second = ranked(base, Assessment(needs=PAIN, area="Riverside"), dict(city="Lakeside"),
                           dict(city="Riverside"))
    assert first.profile.slug == "b-clinic" and "In Riverside" in first.fits
    assert "Outside the area: in Lakeside, ON, about 139 km from Riverside" in second.concerns


def test_area_nearer_ranks_higher_and_a_region_counts(base):
    catalog = small_catalog(clinic(base, "A far", city="Fernhollow"), clinic(base, "B near", city="Lakeside"),
                            clinic(base, "C here", city="Riverside"))
    assert slugs(match(catalog, Assessment(needs=PAIN, area="riverside"))) == ["c-here", "b-near", "a-far"]
    in_region = match(catalog, Assessment(needs=PAIN, area="ON")).proposals
    assert slugs(match(catalog, Assessment(needs=PAIN, area="ON")))[-1] == "a-far"
    assert "In ON" in in_region[0].fits


def test_area_matters_less_when_it_can_be_used_remotely(base):
    first, second = ranked(base, Assessment(needs=PAIN, area="Riverside"),
                           dict(city="Lakeside"), dict(city="Lakeside", delivery=("in-person", "telehealth")))
    assert first.profile.slug == "b-clinic"
    assert first.concerns == ("Outside the area: in Lakeside, ON, about 139 km from Riverside; can be used by "
                              "phone or video",)


def test_accepting_new_clients(base):
    first, second = ranked(base, Assessment(needs=PAIN), dict(accepting=False), dict(), tie=False)
    assert first.profile.slug == "b-clinic" and "Accepting new clients" in first.fits
    assert "Not accepting new clients" in second.concerns


def test_wait(base):
    first, second = ranked(base, Assessment(needs=PAIN, how_soon="weeks"), dict(days=60), dict(days=14))
    assert first.profile.slug == "b-clinic" and "Typical wait 14 days" in first.fits
    assert "Typical wait 60 days, longer than needed (within 28 days)" in second.concerns


def test_urgent_wait_and_an_unstated_wait(base):
    first, second = ranked(base, Assessment(needs=PAIN, how_soon="urgent"), dict(days=None), dict(days=0))
    assert first.profile.slug == "b-clinic" and "Typical wait same day" in first.fits
    assert "Typical wait not stated" in second.concerns


def test_delivery(base):
    first, second = ranked(base, Assessment(needs=PAIN, delivery=("telehealth", "phone")),
                           dict(delivery=("in-person",)), dict(delivery=("in-person", "telehealth")))
    assert first.profile.slug == "b-clinic" and "Offers video (telehealth)" in first.fits
    assert "Not offered the way the client can use: in person only" in second.concerns


def test_in_person_accepts_a_home_visit(base):
    first, second = ranked(base, Assessment(needs=PAIN, delivery=("in-person",)),
                           dict(delivery=("phone",)), dict(delivery=("home-visit",)))
    assert first.profile.slug == "b-clinic" and "Offers home visit" in first.fits


@pytest.mark.parametrize("words, said", [
    ("wheelchair", "Check access for “wheelchair”: it lists “Wheelchair-accessible units”"),
    ("hearing loop", "Check access for “hearing loop”: not mentioned; it lists “Wheelchair-accessible units” "
                     "and “Stairs to the basement”"),
])
def test_accessibility_is_a_check_never_a_score(base, words, said):
    listed = ("Wheelchair-accessible units", "Stairs to the basement")
    first, second = ranked(base, Assessment(needs=PAIN, accessibility=(words,)), dict(accessibility=listed),
                           dict(accessibility=()))
    assert first.profile.slug == "a-clinic" and first.score == second.score  # not scored: the tie stands
    assert first.checks == (said,)
    assert second.checks == (f"Check access for “{words}”: its profile says nothing about access",)
