"""The editors' "Due for review" page: who to call next, as of the day the site was built."""
from __future__ import annotations

from collections.abc import Iterator

from directory.dates import REVIEW_MONTHS
from directory.model import Profile
from directory.review import due_for_review, review_cutoff
from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page
from directory.site.provider import contact_details, path_of

PATH = "editors/review-due.md"
GUIDE = "adding-a-provider.md"
TITLE = "Due for review"


def pages(context: SiteContext) -> Iterator[Page]:
    due = due_for_review(context.catalog.profiles, context.today)
    cutoff = review_cutoff(context.today)
    count = f"{len(due)} provider{'s' if len(due) != 1 else ''} due." if due else "No provider is due for review."
    body = (f"<h1>{TITLE}</h1>\n"
            f"<p>Providers last verified before {cutoff:%Y-%m-%d}, more than {REVIEW_MONTHS} months before this site "
            f"was built on {context.today:%Y-%m-%d}, oldest first. Call each one, correct the profile, set "
            "<code>last_reviewed</code> to the day of the call and open a pull request "
            f'(<a href="{link(PATH, GUIDE)}">how to update a profile</a>). '
            "<code>python -m directory review-due</code> prints the same list.</p>\n"
            f"<p>{count}</p>\n" + "\n".join(_entry(profile) for profile in due))
    yield markdown_page(PATH, TITLE, body, in_nav=True, hide=("toc",))


def _entry(profile: Profile) -> str:
    by = f" by {esc(profile.reviewed_by)}" if profile.reviewed_by else ""
    return (f'<section class="review-due">\n<h2><a href="{link(PATH, path_of(profile))}">{esc(profile.name)}</a></h2>\n'
            f"<p>Last reviewed {profile.last_reviewed:%Y-%m-%d}{by}.</p>\n{contact_details(profile)}\n</section>")
