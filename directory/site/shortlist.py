"""The short list: providers a clinician weighs with a client, compared side by side and handed over on paper.

The list lives in the browser's localStorage (docs/assets/shortlist.js) and is never sent anywhere. What the
compare view and the handout show comes from one small JSON file per provider generated here, not from the
pages' HTML; the page inserts every value as text (textContent), never as markup.
"""
from __future__ import annotations

from collections.abc import Iterator

import pycountry

from directory.model import Location, Profile
from directory.site.facets import gzipped_json
from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page
from directory.site.provider import _wait as wait_text
from directory.taxonomy import Taxonomy, language_names

PATH = "shortlist.md"
DATA = "shortlist/data"  # + /{slug}.json.gz
COMPARE_MAX = 4


def pages(context: SiteContext) -> Iterator[Page]:
    taxonomy, settings = context.catalog.taxonomy, context.settings
    for profile in context.catalog.listed:
        yield Page(f"{DATA}/{profile.slug}.json.gz", gzipped_json(details(profile, taxonomy, settings.default_country)))
    yield markdown_page(PATH, "Short list", _body(context), hide=("toc",))


def details(profile: Profile, taxonomy: Taxonomy, default_country: str) -> dict:
    """What the compare view and the handout need, as plain text (the page escapes it when inserting)."""
    referral, contact, names = profile.referral, profile.contact, language_names()
    wait = wait_text(profile.typical_days)
    fees = ", ".join(taxonomy.labels("fees", profile.fees.options))
    return {
        "slug": profile.slug,
        "name": profile.name,
        "summary": profile.summary,
        "status": profile.status,
        "accepting": profile.accepting_new_clients,
        "mandate": " ".join(profile.mandate.split()),
        "strengths": list(profile.strengths),
        "weaknesses": list(profile.weaknesses),
        "wait": wait + (f". {profile.wait_time.note}" if profile.wait_time and profile.wait_time.note else ""),
        "fees": fees + (f". {profile.fees.note}" if profile.fees.note else ""),
        "languages": ", ".join(names.get(code, code) for code in profile.languages),
        "delivery": ", ".join(taxonomy.labels("delivery", profile.delivery)),
        "refer": {
            "self_referral": referral.self_referral,
            "requires": taxonomy.labels("referral_requires", referral.requires),
            "how": " ".join(referral.how_to_refer.split()),
            "documents": list(referral.documents),
        },
        "locations": [{"name": place.name or "", "lines": address_lines(place, default_country),
                       "hours": place.hours or ""} for place in profile.locations],
        "contact": {key: value for key, value in (("phone", contact.phone), ("fax", contact.fax),
                                                  ("email", contact.email), ("website", contact.website)) if value},
    }


def address_lines(place: Location, default_country: str) -> list[str]:
    """An address as the envelope shows it; the site's own country is not spelled out."""
    town = " ".join(part for part in (place.city, place.region, place.postal_code) if part)
    lines = [place.address, town]
    if place.country and place.country != default_country:
        found = pycountry.countries.get(alpha_2=place.country)
        lines.append(found.name if found else place.country)
    return lines


def _body(context: SiteContext) -> str:
    intake = context.settings.intake_url.rstrip("/")
    return f"""
<h1>Short list</h1>
<p>Keep the providers you are weighing with a client here, compare up to {COMPARE_MAX} side by side, and give the
client a plain handout with their addresses and contacts. The list is kept in this browser only: it is never
sent anywhere, and it stays until you remove it (or clear this site's data in the browser). Add providers from
the <a href="{link(PATH, 'search.md')}">search results</a> or from a provider's page.</p>
<div class="shortlist" id="shortlist" data-intake-url="{esc(intake)}" data-data="{link(PATH, DATA)}/"
 data-providers="{link(PATH, 'providers/index.md')}" data-compare-max="{COMPARE_MAX}" hidden>
<section class="shortlist-screen" aria-labelledby="shortlist-saved">
<h2 id="shortlist-saved">Saved providers</h2>
<p class="shortlist-empty" hidden>The short list is empty.</p>
<p class="shortlist-hint">Tick up to {COMPARE_MAX} providers to compare them and put them on the handout.</p>
<ul class="shortlist-items"></ul>
<p><button type="button" class="md-button shortlist-clear">Remove all from the short list</button></p>
<p class="shortlist-status" role="status" aria-live="polite"></p>
</section>
<section class="shortlist-screen" aria-labelledby="compare-title">
<h2 id="compare-title">Compare</h2>
<div class="compare-scroll" tabindex="0" role="region" aria-labelledby="compare-title"><table class="compare">
<caption class="visually-hidden">The chosen providers side by side</caption><thead></thead><tbody></tbody></table></div>
</section>
<section class="handout" aria-labelledby="handout-title">
<h2 id="handout-title">Handout for your client</h2>
<p class="handout-actions shortlist-screen"><button type="button" class="md-button md-button--primary handout-print">
Print or save as PDF</button> <button type="button" class="md-button handout-download">Download as a text file</button></p>
<div class="handout-body"></div>
</section>
</div>
<noscript><p>The short list needs JavaScript. Without it, open each provider's page and use your browser's
print command.</p></noscript>
<script src="{link(PATH, 'assets/compare.js')}"></script>
"""
