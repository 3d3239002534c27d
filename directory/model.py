"""Typed provider profiles: the one structure every consumer (site, app, exports) reads.

Each field is declared once, with its `Doc`: what it means, an example, where HSDS and the plain CSV
carry it. The JSON Schema, both templates, the field reference and the CSV columns are generated from
here (`python -m directory docs-data`). Structure and types are enforced here; rules that need the
taxonomy, the clock or other files live in `rules.py`, so the models stay usable for building profiles
in code.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from directory.fields import Doc
from directory.values import (Age, Category, Country, Days, Delivery, Email, FeeOption, IsoDate, Language, Latitude,
                              LevelOfCare, Longitude, Name, Need, OneLine, Phone, Population, Requirement, Slug,
                              Text, Url)

MENTAL_HEALTH = "when a category is mental health or addiction"


class Strict(BaseModel):
    """Unknown keys are errors and nothing is coerced: `min_age: "18"` is a mistake, not 18."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Eligibility(Strict):
    description: Annotated[Text | None, Doc(
        "Who can use the service, in words.", example="Adults 18 to 64; no catchment restriction.",
        draft="TODO who can use the service", hsds="`eligibility_description`")] = None
    min_age: Annotated[Age | None, Doc(
        "The youngest age served.", example="18", values="whole number 0–120, at most `max_age`",
        hsds="`minimum_age`")] = None
    max_age: Annotated[Age | None, Doc(
        "The oldest age served.", example="64", hsds="`maximum_age`")] = None
    area: Annotated[Text | None, Doc(
        "Catchment area.", example="Riverside and surrounding townships", hsds="`service_areas[].name`",
        label="Area served")] = None


class Referral(Strict):
    self_referral: Annotated[bool, Doc(
        "Whether clients can refer themselves.", example="true", draft="false", csv="self_referral",
        label="Self-referral")]
    requires: Annotated[list[Requirement], Doc(
        "What a referral needs, e.g. `physician-referral`.", example="[]", draft="[]", hsds="attributes",
        csv="referral_requires", label="Referral requires")] = []
    how_to_refer: Annotated[Text, Doc(
        "The steps: who, which form, where to send it.", hsds="`application_process`",
        example="Clients can call to book. Clinicians may fax a referral with the reason and relevant imaging.",
        draft="TODO how a clinician or client makes a referral")]
    documents: Annotated[list[Text], Doc(
        "What to include with a referral.", example="[Imaging reports, if any]", draft="[]",
        hsds="`required_documents`", label="Documents needed")] = []
    email: Annotated[Email | None, Doc(
        "Where the intake app emails the provider's referral link when a referral is sent (the provider's "
        "referral contact); without it, staff hand the link over by phone or fax.",
        example="referrals@riverside-physio.example", values="e.g. `referrals@clinic.example`",
        csv="referral_email", label="Referral email")] = None


class WaitTime(Strict):
    typical_days: Annotated[Days | None, Doc(
        "Usual days from referral to first contact.", example="7", draft="0",
        hint="expected days from referral to first contact",
        csv="typical_wait_days")] = None
    note: Annotated[Text | None, Doc(
        "More on the wait, e.g. \"about 60 days for sliding-scale spots\".",
        example="Acute injuries are usually seen within 2 days.")] = None


class Fees(Strict):
    options: Annotated[list[FeeOption], Field(min_length=1), Doc(
        "How the service can be paid for.", example="[private-pay, private-insurance, public-insurance]",
        draft="[TODO]", hsds="`cost_options`", csv="fees", label="Fees")]
    note: Annotated[Text | None, Doc(
        "What is covered, by whom.", example="Public coverage after surgery with a physician's referral.",
        hsds="`fees_description`")] = None


class Location(Strict):
    name: Annotated[Text | None, Doc(
        "The location's name, e.g. \"Main clinic\".", example="Main clinic", draft="TODO",
        hsds="`location.name`")] = None
    address: Annotated[Text, Doc(
        "Street address, with suite.", example="100 River Road, Suite 2", draft="TODO street address",
        hsds="`address.address_1`")]
    city: Annotated[Text, Doc("City or town.", example="Riverside", draft="TODO", hsds="`address.city`")]
    region: Annotated[Text | None, Doc(
        "Province or state, e.g. `\"ON\"`.", example='"ON"', draft="TODO", hsds="`address.state_province`")] = None
    postal_code: Annotated[Text | None, Doc(
        "Postal or ZIP code.", example="K2R 1A1", draft="TODO", hsds="`address.postal_code`")] = None
    country: Annotated[Country | None, Doc(
        "Defaults to the site's country.", example="CA", hsds="`address.country`")] = None
    hours: Annotated[Text | None, Doc(
        "Opening hours; the form `Mon–Fri 09:00–17:00; Tue 17:00–20:00` or `24/7` also becomes structured "
        "HSDS schedules.", example="Mon–Fri 08:00–17:00", draft="TODO e.g. Mon–Fri 09:00–17:00",
        hsds="`location.schedules`")] = None
    latitude: Annotated[Latitude | None, Doc(
        "Where the location is, in decimal degrees north (negative: south), for sorting results by distance; "
        "with `longitude`.", example="45.3876", values="number −90 to 90, with `longitude`",
        hsds="`location.latitude`")] = None
    longitude: Annotated[Longitude | None, Doc(
        "Decimal degrees east (negative: west, as in the Americas); with `latitude`.", example="-75.6960",
        values="number −180 to 180, with `latitude`", hsds="`location.longitude`")] = None

    @property
    def one_line(self) -> str:
        return ", ".join(part for part in (self.address, self.city, self.region, self.postal_code) if part)


class Contact(Strict):
    phone: Annotated[Phone | None, Doc(
        "The number clients and clinicians call.", example='"+1 613-555-0100"', draft='"TODO +1 613-555-0100"',
        values='e.g. `"+1 613-555-0142"`', hsds="`phones`", csv="phone")] = None
    fax: Annotated[Phone | None, Doc(
        "Where referrals can be faxed.", example='"+1 613-555-0101"', values='e.g. `"+1 613-555-0142"`',
        hsds="`phones`", csv="fax")] = None
    email: Annotated[Email | None, Doc(
        "The service's public email address.", example="front-desk@riverside-physio.example",
        values="e.g. `intake@clinic.example`", hsds="`service.email`", csv="email")] = None
    website: Annotated[Url | None, Doc(
        "The service's website.", example="https://riverside-physio.example", values="full `https://` address",
        hsds="`service.url`", csv="website")] = None


class Profile(Strict):
    slug: Annotated[Slug, Doc(
        "Optional; when present it must equal the file name.", values="lowercase words joined by `-`",
        hsds="attribute `slug`", csv="slug")] = ""
    name: Annotated[Name, Doc(
        "The name clients and clinicians know; unique in the directory.", example="Riverside Physiotherapy",
        hsds="`service.name`", csv="name")]
    organization: Annotated[Text | None, Doc(
        "The parent organization, if different from `name`.", example="Riverside Health Cooperative",
        hsds="`organization.name`", csv="organization")] = None
    status: Annotated[Literal["active", "inactive", "temporarily-closed"], Doc(
        "Inactive providers are not listed.", example="active", hsds="`service.status`", csv="status")] = "active"
    summary: Annotated[OneLine, Doc(
        "One line, at most 200 characters, shown in search results and lists.", values="one line, at most 200 "
        "characters", example="Rehabilitation for sports injuries, chronic back and shoulder pain, and recovery "
        "after surgery.", draft="TODO one line, at most 200 characters, shown in search results",
        hsds="`service.description`", csv="summary")]
    categories: Annotated[list[Category], Field(min_length=1), Doc(
        "What kind of service.", example="[physiotherapy]", draft="[TODO]",
        hint="e.g. [counselling]; ids are listed in taxonomy.yaml", hsds="attributes", csv="categories")]
    levels_of_care: Annotated[list[LevelOfCare], Doc(
        "Intensity of care.", required=MENTAL_HEALTH, example="[]", draft="[TODO]", hint=f"required {MENTAL_HEALTH}",
        hsds="attributes", csv="levels_of_care")] = []
    needs: Annotated[list[Need], Doc(
        "The needs the service meets, e.g. `pain-or-injury`; search finds it by the plain words of each need. "
        "Leave it out and the needs listed under its categories and levels of care in taxonomy.yaml apply.",
        example="[pain-or-injury, mobility]", hint="optional; else the categories imply them",
        hsds="attributes", csv="needs", label="Helps with")] = []
    mandate: Annotated[Text, Doc(
        "Who the provider exists to serve, and what for.", values="text, paragraphs", example="|\n"
        "  Community physiotherapy clinic for adults in the Riverside district. Focus on restoring function\n"
        "  after injury or surgery with exercise programs clients can continue at home.",
        draft="|\n  TODO Who the provider exists to serve and what for.")]
    strengths: Annotated[list[Text], Field(min_length=1), Doc(
        "What they do well.", draft="\n  - TODO what they do well", example="\n"
        "  - Same-week assessments for acute injuries\n  - Individual home exercise programs with video instructions")]
    weaknesses: Annotated[list[Text], Field(min_length=1), Doc(
        "Limitations a referrer must know: waitlist, hours, access, cost.", label="Limitations to consider",
        draft="\n  - TODO limitations a referrer must know (waitlist, no evenings, no wheelchair access...)",
        example="\n  - No evening or weekend appointments\n"
        "  - Publicly funded places are limited; most clients pay privately or through insurance")]
    services: Annotated[list[Text], Doc(
        "What is offered, e.g. \"Cognitive behavioural therapy (CBT)\".", draft="[]",
        example="[Manual therapy, Exercise rehabilitation, Post-surgical rehabilitation]")] = []
    populations: Annotated[list[Population], Doc(
        "Who it is designed for.", example="[adults, older-adults]", draft="[]",
        hsds="attributes", csv="populations")] = []
    eligibility: Annotated[Eligibility | None, Doc("Who can use the service: ages and catchment area.")] = None
    referral: Annotated[Referral, Doc("How a referral is made.", label="How to refer")]
    wait_time: Annotated[WaitTime | None, Doc("How long a referral waits.", label="Typical wait")] = None
    accepting_new_clients: Annotated[bool, Doc(
        "Whether the service takes new clients now.", example="true", draft="true", csv="accepting_new_clients")]
    fees: Annotated[Fees, Doc("How the service is paid for.")]
    languages: Annotated[list[Language], Field(min_length=1), Doc(
        "The languages the service is offered in.", example="[en, fr]", draft="[en]", hsds="`languages`",
        csv="languages")]
    delivery: Annotated[list[Delivery], Field(min_length=1), Doc(
        "How the service is delivered.", example="[in-person]", draft="[in-person]", hsds="attributes",
        csv="delivery")]
    accessibility: Annotated[list[Text], Doc(
        "Access for disabled clients, e.g. \"Step-free entrance\", \"ASL interpretation on request\".",
        example="[Step-free entrance, Accessible washroom]", draft="[]", hsds="`location.accessibility`")] = []
    locations: Annotated[list[Location], Doc(
        "Where to go.", label="Locations and hours", required="when `delivery` has `in-person` or `home-visit`",
        hint="may be removed if delivery is only telehealth or phone", hsds="`service_at_locations[].location`",
        csv="addresses", cell=lambda places: " | ".join(place.one_line for place in places))] = []
    contact: Annotated[Contact, Doc(
        "The service's public contact details.", required="yes, with at least one of phone, email, website",
        hint="at least one of phone, email, website")]
    last_reviewed: Annotated[IsoDate, Doc(
        "The day a person last verified this profile with the provider.", values="date `YYYY-MM-DD`, not in "
        "the future", example="2026-10-01", hsds="`assured_date`", csv="last_reviewed")]
    reviewed_by: Annotated[Text | None, Doc("The reviewer's role.", example="Intake coordinator")] = None

    @property
    def listed(self) -> bool:
        return self.status != "inactive"

    @property
    def typical_days(self) -> int | None:
        return self.wait_time.typical_days if self.wait_time else None
