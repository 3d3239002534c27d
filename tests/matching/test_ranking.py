"""Who is proposed, excluded and first: needs and the primary need, crisis services, ties, and the samples."""
from __future__ import annotations

import random

import pytest

from directory.assessment import Assessment
from directory.matching import match, why_not_proposed
from tests.matching.conftest import clinic, slugs, small_catalog

PAIN = ("pain-or-injury",)


def test_a_provider_serving_no_assessed_need_is_not_proposed(base):
    ot = clinic(base, "Hand therapy", needs=("mobility",), categories=("occupational-therapy",))
    catalog = small_catalog(clinic(base, "Physio"), ot)
    found = match(catalog, Assessment(needs=PAIN))
    assert slugs(found) == ["physio"] and found.excluded == ()
    assert why_not_proposed(catalog, Assessment(needs=PAIN), ot) == \
        "Does not serve the needs assessed (physical pain or injury)."
    assert why_not_proposed(catalog, Assessment(needs=PAIN), catalog.get("physio")) is None


@pytest.mark.parametrize("status, reason", [("inactive", "Inactive: not taking referrals"),
                                            ("temporarily-closed", "Temporarily closed")])
def test_inactive_and_closed_providers_are_excluded_with_the_reason(base, status, reason):
    closed = clinic(base, "Closed clinic", status=status)
    catalog = small_catalog(clinic(base, "Open clinic"), closed)
    found = match(catalog, Assessment(needs=PAIN))
    assert slugs(found) == ["open-clinic"]
    assert [(item.profile.slug, item.reason) for item in found.excluded] == [("closed-clinic", reason)]
    assert why_not_proposed(catalog, Assessment(needs=PAIN), closed) == reason


def test_the_primary_need_weighs_more(base):
    mood = clinic(base, "A mood", needs=("low-mood",), categories=("counselling",), levels=("outpatient",))
    worry = clinic(base, "B worry", needs=("anxiety-or-stress",), categories=("counselling",),
                   levels=("outpatient",))
    catalog = small_catalog(mood, worry)
    assert slugs(match(catalog, Assessment(needs=("low-mood", "anxiety-or-stress")))) == ["a-mood", "b-worry"]
    assert slugs(match(catalog, Assessment(needs=("low-mood", "anxiety-or-stress"), primary="anxiety-or-stress"))) \
        == ["b-worry", "a-mood"]


def test_serving_more_of_the_needs_ranks_higher(base):
    both = clinic(base, "B both", needs=("pain-or-injury", "mobility"))
    catalog = small_catalog(clinic(base, "A pain only"), both)
    found = match(catalog, Assessment(needs=("pain-or-injury", "mobility")))
    assert slugs(found) == ["b-both", "a-pain-only"]
    assert found.proposals[0].fits[:2] == ("Serves physical pain or injury: physiotherapy",
                                           "Serves mobility and daily living: physiotherapy")


def test_a_crisis_need_puts_crisis_services_first_whatever_their_score(base):
    counselling = clinic(base, "A counselling", needs=("low-mood",), categories=("counselling",),
                         levels=("outpatient",), languages=("en", "fr"))
    line = clinic(base, "Z crisis line", needs=(), categories=("crisis-services",), levels=("crisis",),
                  city="Lakeside", days=None)
    unit = clinic(base, "M unit", needs=(), categories=("mental-health-hospital",), levels=("inpatient", "crisis"))
    catalog = small_catalog(counselling, line, unit)
    assessment = Assessment(needs=("low-mood", "crisis"), languages=("fr",), area="Riverside", how_soon="urgent")
    found = match(catalog, assessment)
    assert slugs(found) == ["z-crisis-line", "m-unit", "a-counselling"]
    assert found.proposals[0].score < found.proposals[2].score  # first by being a crisis service, not by score
    assert [p.crisis for p in found.proposals] == [True, True, False]
    assert "Serves crisis or safety: crisis services" in found.proposals[0].fits
    assert "Serves crisis or safety: crisis" in found.proposals[1].fits  # only as a level of care
    without = match(catalog, Assessment(needs=("low-mood",), languages=("fr",), area="Riverside"))
    assert slugs(without)[0] == "a-counselling"


def test_ranking_is_stable_ties_by_name_then_slug(base):
    profiles = [clinic(base, name) for name in ("beta", "Alpha", "alpha two", "Gamma")]
    twin = clinic(base, "Alpha").model_copy(update={"slug": "alpha-2"})
    expected = ["alpha", "alpha-2", "alpha-two", "beta", "gamma"]
    for seed in range(5):
        shuffled = profiles + [twin]
        random.Random(seed).shuffle(shuffled)
        assert slugs(match(small_catalog(*shuffled), Assessment(needs=PAIN))) == expected
    catalog = small_catalog(*profiles, twin)
    assessment = Assessment(needs=PAIN, languages=("en",), how_soon="days")
    first, again = match(catalog, assessment), match(catalog, assessment)
    assert [(p.profile.slug, p.score, p.fits, p.concerns) for p in first.proposals] == \
        [(p.profile.slug, p.score, p.fits, p.concerns) for p in again.proposals]


def test_samples_crisis_services_first(catalog):
    found = match(catalog, Assessment(needs=("low-mood", "crisis"), area="Riverside", languages=("fr",)))
    crisis = [p for p in found.proposals if p.crisis]
    assert list(found.proposals[:len(crisis)]) == crisis and len(crisis) < len(found.proposals)
    lines = [p.profile.slug for p in crisis if "crisis-services" in p.profile.categories]
    assert set(lines) == {"night-harbour-distress-line", "riverside-mobile-crisis-team",
                          "textsafe-crisis-text-service"}
    assert slugs(found)[:3] == lines  # the crisis services, before units that take crises as a level of care
    assert "cedar-falls-inpatient-psychiatry-unit" in slugs(found)[3:len(crisis)]
    assert [(e.profile.slug, e.reason) for e in found.excluded] == [
        ("oakridge-evening-counselling-drop-in", "Inactive: not taking referrals")]


def test_samples_shoulder_pain_in_riverside(catalog):
    """The sample physiotherapy clinic in Riverside comes first with nothing against it; every other proposal
    is outside the area and says so, the nearest first."""
    found = match(catalog, Assessment(needs=PAIN, area="Riverside", how_soon="weeks"))
    assert slugs(found) == ["riverside-physiotherapy-clinic", "stillwater-massage-therapy",
                            "fernhollow-physiotherapy-and-rehab", "willowbend-chiropractic-centre",
                            "northgate-chiropractic-and-massage", "port-aster-home-physiotherapy"]
    assert "In Riverside" in found.proposals[0].fits and found.proposals[0].concerns == ()
    assert all(any(c.startswith("Outside the area: in ") for c in p.concerns) for p in found.proposals[1:])
    assert found.proposals[1].concerns == ("Outside the area: in Lakeside, ON, about 139 km from Riverside",)
    assert [(e.profile.slug, e.reason) for e in found.excluded] == [
        ("lakeside-college-student-massage-clinic", "Temporarily closed")]


def test_shoulder_pain_a_physiotherapy_clinic_in_riverside_comes_first(catalog, base):
    """The issue's story: the samples plus a physiotherapy clinic in Riverside, which is proposed first."""
    riverside = clinic(base, "Riverside Physiotherapy", fees=("private-pay", "private-insurance"),
                       summary="Rehabilitation for sports injuries and shoulder pain.")
    with_it = small_catalog(*catalog.profiles, riverside)
    assessment = Assessment(needs=PAIN, area="Riverside", how_soon="weeks", languages=("en",),
                            fees=("private-insurance",), delivery=("in-person",), age=52)
    first = match(with_it, assessment).proposals[0]
    assert first.profile.slug == "riverside-physiotherapy"
    assert first.fits == ("Serves physical pain or injury: physiotherapy", "Accepting new clients", "Speaks English",
                          "Private insurance", "Offers in person", "In Riverside", "Typical wait 7 days")
    assert first.concerns == ()
