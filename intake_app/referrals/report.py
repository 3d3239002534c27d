"""The network report: per provider, how many referrals were booked and seen, how long the wait really
was against the profile's `typical_days`, and whether clients felt helped.

It is computed from `Facts`, which live referrals and purged ones both yield, so a purge keeps the totals.
Both hold the provider's blind index only; the report finds each provider by indexing every catalog slug.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from statistics import mean, median

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from intake_app.infrastructure.crypto import blind_index
from intake_app.infrastructure.directory import Catalog
from intake_app.referrals.models import Outcome, PurgedReferral, Referral, StatusEvent
from intake_app.referrals.workflow import Status

FLAG_RATIO = 0.5  # observed wait differs from the profile's by more than 50 %
BOOKED = (Status.APPOINTMENT_BOOKED.value, Status.SEEN.value, Status.REPORT_RECEIVED.value)
SEEN = (Status.SEEN.value, Status.REPORT_RECEIVED.value)


@dataclass(frozen=True)
class Facts:
    """What the report needs to know about one referral; identifies no one."""
    provider_index: str | None  # crypto.blind_index of the provider's slug
    final_status: str
    booked: bool
    seen: bool
    days_to_first_appointment: int | None
    helpfulness: int | None


def _ever(statuses: tuple[str, ...]):
    return func.max(case((StatusEvent.status.in_(statuses), 1), else_=0))


def live_facts(session: Session, *conditions) -> list[tuple[int, Facts]]:
    """(referral id, facts) for live referrals matching `conditions`; reads no encrypted column.

    One pass over the status history, grouped (not a subquery per referral): 100,000 referrals in well under
    a second."""
    reached = (select(StatusEvent.referral_id, _ever(BOOKED).label("booked"), _ever(SEEN).label("seen"))
               .group_by(StatusEvent.referral_id).subquery())
    rows = session.execute(
        select(Referral.id, Referral.provider_index, Referral.status, Referral.created_at,
               reached.c.booked, reached.c.seen, Outcome.first_appointment_on, Outcome.helpfulness)
        .outerjoin(reached, reached.c.referral_id == Referral.id)
        .outerjoin(Outcome, Outcome.referral_id == Referral.id).where(*conditions))
    return [(rid, Facts(index, status, bool(booked) or first is not None, bool(seen),
                        (first - created.date()).days if first else None, helpfulness))
            for rid, index, status, created, booked, seen, first, helpfulness in rows]


def purged_facts(session: Session) -> list[Facts]:
    return [Facts(p.provider_index, p.final_status, p.booked, p.seen, p.days_to_first_appointment, p.helpfulness)
            for p in session.scalars(select(PurgedReferral))]


@dataclass(frozen=True)
class ProviderRow:
    slug: str
    name: str
    referrals: int
    booked_share: float
    seen_share: float
    median_days: float | None
    typical_days: int | None
    average_helpfulness: float | None
    helpfulness_answers: int

    @property
    def flagged(self) -> bool:
        """For editors: the profile's typical wait is more than 50 % off what clients actually waited."""
        if self.median_days is None or self.typical_days is None:
            return False
        if self.typical_days == 0:
            return self.median_days > 0
        return abs(self.median_days - self.typical_days) / self.typical_days > FLAG_RATIO


def network_report(facts: list[Facts], catalog: Catalog) -> list[ProviderRow]:
    """Needs an app context (the blind index key)."""
    profiles = {blind_index(p.slug): p for p in catalog.profiles}
    by_provider: dict[str, list[Facts]] = {}
    for fact in facts:
        if fact.provider_index:
            by_provider.setdefault(fact.provider_index, []).append(fact)
    rows = []
    for index, group in by_provider.items():
        profile = profiles.get(index)
        days = [f.days_to_first_appointment for f in group if f.days_to_first_appointment is not None]
        helped = [f.helpfulness for f in group if f.helpfulness is not None]
        rows.append(ProviderRow(
            slug=profile.slug if profile else "",
            name=profile.name if profile else f"A provider no longer in the directory (#{index[:8]})",
            referrals=len(group), booked_share=sum(f.booked for f in group) / len(group),
            seen_share=sum(f.seen for f in group) / len(group), median_days=median(days) if days else None,
            typical_days=profile.typical_days if profile else None,
            average_helpfulness=mean(helped) if helped else None, helpfulness_answers=len(helped)))
    return sorted(rows, key=lambda r: (not r.flagged, r.name.casefold()))


def all_facts(session: Session) -> list[Facts]:
    return [facts for _id, facts in live_facts(session)] + purged_facts(session)


CSV_COLUMNS = ["provider_slug", "provider_name", "referrals", "booked_share", "seen_share",
               "median_days_to_first_appointment", "profile_typical_days", "wait_flagged", "average_helpfulness",
               "helpfulness_answers"]


def _number(value: float | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _cell(text: str) -> str:
    """A spreadsheet would run a cell starting with = + - @ as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def report_csv(rows: list[ProviderRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.slug, _cell(r.name), r.referrals, _number(r.booked_share, 3), _number(r.seen_share, 3),
                         _number(r.median_days, 1), "" if r.typical_days is None else r.typical_days,
                         "yes" if r.flagged else "no", _number(r.average_helpfulness, 2), r.helpfulness_answers])
    return out.getvalue()
