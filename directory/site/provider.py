"""One provider → one page: everything a clinician needs to judge the fit and start a referral."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pycountry

from directory.dates import REVIEW_MONTHS, is_review_due
from directory.fields import documented
from directory.model import Location, Profile
from directory.needs import by_category, focused, served_needs
from directory.site.html import esc, items, paragraphs
from directory.site.pages import Page, SiteContext, markdown_page
from directory.taxonomy import Taxonomy, language_names, load_taxonomy

# The search page filters with the facet index (directory/site/facets.py), not with Pagefind: a provider page
# carries only the `slug` filter (overrides/main.html), which keeps pages small and Pagefind's work short.
# Pagefind weights for the plain words of the needs a provider serves (taxonomy.yaml `needs`), indexed but not
# shown. Above body text (1), so "shoulder pain" finds a physio clinic before a page that says "should". Needs
# met by what the provider is (its categories or its own list) weigh most where the profile's own words also name
# them (a specialist); needs met only by a level of care weigh least, whatever the text says, so "suicidal
# thoughts" lists crisis lines before a hospital unit that also takes crises.
FOCUS_WEIGHT, NEED_WEIGHT, LEVEL_NEED_WEIGHT = 5.0, 3.0, 1.5
LABEL = {field.dotted: field.label for field in documented(Profile)}  # headings, as the model's Docs name them


def pages(context: SiteContext) -> Iterator[Page]:
    for profile in context.catalog.listed:
        yield provider_page(profile, context)


def path_of(profile: Profile) -> str:
    return f"providers/{profile.slug}.md"


def provider_page(profile: Profile, context: SiteContext) -> Page:
    return markdown_page(path_of(profile), profile.name, render_provider(profile, context), hide=("toc",))


def render_provider(profile: Profile, context: SiteContext) -> str:
    taxonomy, settings = context.catalog.taxonomy, context.settings
    referral = f"{settings.intake_url.rstrip('/')}/refer/{profile.slug}"
    edit = f"{settings.repo_edit_url.rstrip('/')}/{profile.slug}.yaml" if settings.repo_edit_url else None
    parts = [
        '<article class="provider" data-pagefind-body>',
        f'<h1 data-pagefind-meta="title">{esc(profile.name)}</h1>',
        f'<p class="provider-org">{esc(profile.organization)}</p>' if profile.organization else "",
        f'<p class="provider-summary">{esc(profile.summary)}</p>',
        _status(profile),
        '<p class="provider-actions" data-pagefind-ignore>'
        f'<a class="md-button md-button--primary" href="{esc(referral)}">Request a referral</a>'
        + (f' <a class="provider-edit" href="{esc(edit)}">Suggest an edit</a>' if edit else "") + "</p>",
        _review(profile, context),
        _facts(profile, taxonomy),
        need_words(profile, taxonomy),
        _section(LABEL["mandate"], paragraphs(profile.mandate)),
        _section(LABEL["strengths"], items(profile.strengths)),
        _section(LABEL["weaknesses"], items(profile.weaknesses)),
        _section(LABEL["services"], items(profile.services)),
        _section(LABEL["eligibility"], _eligibility(profile)),
        _section(LABEL["referral"], _how_to_refer(profile, taxonomy)),
        _section(LABEL["accessibility"], items(profile.accessibility)),
        _section(LABEL["locations"], "".join(_location(place, settings.default_country)
                                                for place in profile.locations)),
        _section(LABEL["contact"], contact_details(profile)),
        "</article>",
    ]
    return "\n".join(part for part in parts if part)


def _section(title: str, body: str) -> str:
    return f"<h2>{esc(title)}</h2>\n{body}" if body else ""


def _labelled(field: str, value_html: str) -> str:
    return f"<p><strong>{esc(LABEL[field])}:</strong>{' ' + value_html if value_html else ''}</p>"


def _fact(term: str, value_html: str) -> str:
    return f"<dt>{esc(term)}</dt><dd>{value_html}</dd>" if value_html else ""


def _joined(values) -> str:
    return ", ".join(esc(value) for value in values)


def _labels(taxonomy: Taxonomy, vocabulary: str, ids: list[str]) -> str:
    return _joined(taxonomy.labels(vocabulary, ids))


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def _facts(profile: Profile, taxonomy: Taxonomy) -> str:
    """The comparison grid at the top; the search page's facet index holds the same values as filters."""
    language = language_names()
    rows = [
        _fact(LABEL["categories"], _labels(taxonomy, "categories", profile.categories)),
        _fact(LABEL["levels_of_care"], _labels(taxonomy, "levels_of_care", profile.levels_of_care)),
        _fact(LABEL["needs"], _labels(taxonomy, "needs", list(served_needs(profile, taxonomy.needs)))),
        _fact(LABEL["accepting_new_clients"], _yes_no(profile.accepting_new_clients)),
        _fact(LABEL["referral.self_referral"], _yes_no(profile.referral.self_referral)),
        _fact(LABEL["wait_time"], esc(_wait(profile.typical_days))
              + _note(profile.wait_time and profile.wait_time.note)),
        _fact(LABEL["fees.options"], _labels(taxonomy, "fees", profile.fees.options) + _note(profile.fees.note)),
        _fact(LABEL["languages"], _joined(language.get(code, code) for code in profile.languages)),
        _fact(LABEL["delivery"], _labels(taxonomy, "delivery", profile.delivery)),
        _fact(LABEL["populations"], _labels(taxonomy, "populations", profile.populations)),
    ]
    return '<dl class="provider-facts">' + "".join(rows) + "</dl>"


def need_words(profile: Profile, taxonomy: Taxonomy) -> str:
    """The plain words of each need served, indexed for search but not shown: the facts list the needs."""
    served = served_needs(profile, taxonomy.needs)
    focus, primary = focused(profile, taxonomy.needs, served), by_category(profile, taxonomy.needs)
    tiers = {FOCUS_WEIGHT: [], NEED_WEIGHT: [], LEVEL_NEED_WEIGHT: []}
    for need in served:
        tiers[LEVEL_NEED_WEIGHT if need not in primary else FOCUS_WEIGHT if need in focus else NEED_WEIGHT].append(need)
    blocks = []
    for weight, ids in tiers.items():
        words = [word for need in ids for word in taxonomy.needs[need].words]
        if words:
            blocks.append(f'<p class="provider-need-words" data-pagefind-weight="{weight}" hidden>'
                          f'{esc(", ".join(words))}</p>')
    return "\n".join(blocks)


def _wait(days: int | None) -> str:
    if days is None:
        return "Not stated"
    if days == 0:
        return "No wait"
    return f"About {days} day{'s' if days != 1 else ''}" + (f" ({round(days / 7)} weeks)" if days >= 14 else "")


def _status(profile: Profile) -> str:
    if profile.status == "temporarily-closed":
        return ('<div class="admonition warning"><p class="admonition-title">Temporarily closed</p>'
                "<p>This service is not taking clients at the moment. Check with the provider before referring."
                "</p></div>")
    return ""


def _review(profile: Profile, context: SiteContext) -> str:
    reviewer = f" by {esc(profile.reviewed_by)}" if profile.reviewed_by else ""
    line = f'<p class="provider-reviewed">Last reviewed: <time datetime="{profile.last_reviewed.isoformat()}">' \
           f"{profile.last_reviewed:%-d %B %Y}</time>{reviewer}</p>"
    if not is_review_due(profile.last_reviewed, context.today):
        return line
    return (f'<div class="admonition warning provider-review-due"><p class="admonition-title">'
            f"Not reviewed for over {REVIEW_MONTHS} months</p>{line}<p>Details may be out of date: confirm them "
            "with the provider before referring, and suggest an edit if something has changed.</p></div>")


def _note(text: str | None) -> str:
    return f' <span class="fact-note">{esc(text)}</span>' if text else ""


def _eligibility(profile: Profile) -> str:
    eligibility = profile.eligibility
    if not eligibility:
        return ""
    ages = _ages(eligibility.min_age, eligibility.max_age)
    return "\n".join(part for part in (
        paragraphs(eligibility.description) if eligibility.description else "",
        f"<p><strong>Ages:</strong> {esc(ages)}</p>" if ages else "",
        _labelled("eligibility.area", esc(eligibility.area)) if eligibility.area else "",
    ) if part)


def _ages(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} and over"
    if high is not None:
        return f"Up to {high}"
    return ""


def _how_to_refer(profile: Profile, taxonomy: Taxonomy) -> str:
    referral = profile.referral
    self_referral = ("Yes: clients can contact the service themselves." if referral.self_referral
                     else "No: a referral is needed.")
    parts = [_labelled("referral.self_referral", esc(self_referral))]
    if referral.requires:
        needed = ", ".join(taxonomy.labels("referral_requires", referral.requires))
        parts.append(_labelled("referral.requires", esc(needed)))
    parts.append(paragraphs(referral.how_to_refer))
    if referral.documents:
        parts.append(_labelled("referral.documents", "") + items(referral.documents))
    if referral.email:
        address = esc(referral.email)
        parts.append(_labelled("referral.email", f'<a href="mailto:{address}">{address}</a>'))
    return "\n".join(parts)


def _location(place: Location, default_country: str) -> str:
    country = None
    if place.country and place.country != default_country:
        found = pycountry.countries.get(alpha_2=place.country)
        country = found.name if found else place.country
    town = " ".join(part for part in (place.city, place.region, place.postal_code) if part)
    lines = [place.address, town] + ([country] if country else [])
    address = "<br>".join(esc(line) for line in lines)
    heading = f"<h3>{esc(place.name)}</h3>" if place.name else ""
    hours = _labelled("locations[].hours", esc(place.hours)) if place.hours else ""
    where = (f' data-latitude="{place.latitude}" data-longitude="{place.longitude}"'
             if place.latitude is not None and place.longitude is not None else "")
    return f'<div class="provider-location"{where}>{heading}<address>{address}</address>{hours}</div>'


def needs_of(profile: Profile) -> list[str]:
    """The needs a provider serves, for the search page's Need filter (directory/site/facets.py)."""
    return list(served_needs(profile, load_taxonomy().needs))


def _tel(number: str) -> str:
    main = re.split(r"\s*(?:x|ext\.?)\s*", number)[0]
    return "tel:" + re.sub(r"[^0-9+]", "", main)


def contact_details(profile: Profile) -> str:
    """Phone, fax, email and website (linked where a browser can act on them); the review page shows it too."""
    href = {"phone": _tel, "email": "mailto:{}".format, "website": str}
    rows = []
    for name in ("phone", "fax", "email", "website"):
        value = getattr(profile.contact, name)
        if value:
            shown = f'<a href="{esc(href[name](value))}">{esc(value)}</a>' if name in href else esc(value)
            rows.append(_fact(LABEL[f"contact.{name}"], shown))
    return '<dl class="provider-contact">' + "".join(rows) + "</dl>"
