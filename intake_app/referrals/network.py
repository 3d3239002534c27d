"""How the network is built and what it teaches: a relationship log per provider (meetings, materials
exchanged, contact person, notes), and suggested profile updates drawn from the referrals' evidence.

The log names the provider by its blind index, like referrals do; its contact person and notes are encrypted.
Suggestions carry counts and dates only, never anything about a client, so editors can paste them into a pull
request.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Date, Integer, String, case, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from intake_app.infrastructure.crypto import EncryptedText, blind_index
from intake_app.infrastructure.db import Base, UTCDateTime, utcnow
from intake_app.referrals.models import PurgedReferral, Referral, StatusEvent
from intake_app.referrals.report import ACCEPTED, ProviderRow, all_facts, network_report
from intake_app.referrals.workflow import Status

KINDS = {"meeting": "Meeting", "materials": "Materials exchanged", "contact": "Contact person",
         "note": "Note"}
RECENT_DAYS = 90  # "recent" declines and acceptances, for the accepting-new-clients suggestion


class ProviderLogEntry(Base):
    """One step in the relationship with a provider, written by staff."""

    __tablename__ = "provider_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_index: Mapped[str] = mapped_column(String(64), index=True)  # crypto.blind_index of the slug
    happened_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # a KINDS key
    contact_person: Mapped[str | None] = mapped_column(EncryptedText)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by: Mapped[str] = mapped_column(String(80))  # the staff username, kept as it was
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def add_entry(session: Session, slug: str, *, happened_on: date, kind: str, contact_person: str | None,
              notes: str | None, by) -> ProviderLogEntry:
    """Adds to the session; the caller audits and commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    entry = ProviderLogEntry(provider_index=blind_index(slug), happened_on=happened_on, kind=kind,
                             contact_person=contact_person, notes=notes, recorded_by=by.username)
    session.add(entry)
    return entry


def entries(session: Session, slug: str) -> list[ProviderLogEntry]:
    return list(session.scalars(select(ProviderLogEntry).where(ProviderLogEntry.provider_index == blind_index(slug))
                                .order_by(ProviderLogEntry.happened_on.desc(), ProviderLogEntry.id.desc())))


def provider_report(session: Session, catalog, slug: str) -> ProviderRow | None:
    """The report's row for one provider, or None when it has no referrals yet."""
    index = blind_index(slug)
    rows = network_report(all_facts(session, index), catalog)
    return rows[0] if rows else None


@dataclass(frozen=True)
class Evidence:
    referrals: int
    purged: int
    first: date | None  # when the earliest live referral was made
    last: date | None
    recent_no_capacity: int  # live referrals declined for no capacity in the last RECENT_DAYS
    recent_accepted: int


def evidence(session: Session, today: date) -> dict[str, Evidence]:
    """Provider index → its evidence, in three grouped queries for the whole network (not three per provider)."""
    since = datetime.combine(today - timedelta(days=RECENT_DAYS), datetime.min.time(), tzinfo=timezone.utc)
    made = {index: (first, last, live) for index, first, last, live in session.execute(
        select(Referral.provider_index, func.min(Referral.created_at), func.max(Referral.created_at), func.count())
        .group_by(Referral.provider_index))}
    purged = dict(session.execute(select(PurgedReferral.provider_index, func.count())
                                  .group_by(PurgedReferral.provider_index)).all())

    def referrals_with(statuses):
        return func.count(func.distinct(case((StatusEvent.status.in_(statuses), StatusEvent.referral_id))))
    recent = {index: (no, yes) for index, no, yes in session.execute(
        select(Referral.provider_index, referrals_with([Status.NO_CAPACITY.value]), referrals_with(list(ACCEPTED)))
        .join(StatusEvent, StatusEvent.referral_id == Referral.id).where(StatusEvent.at >= since)
        .group_by(Referral.provider_index))}
    found = {}
    for index in made.keys() | purged.keys():
        first, last, live = made.get(index, (None, None, 0))
        found[index] = Evidence(live + purged.get(index, 0), purged.get(index, 0), first.date() if first else None,
                                last.date() if last else None, *recent.get(index, (0, 0)))
    return found


def suggestions(session: Session, catalog, today: date, *, min_referrals: int = 5,
                min_declines: int = 3) -> list[str]:
    """Lines to paste into a pull request: per provider whose evidence differs from its profile, the file, the
    evidence (counts and dates only) and the suggested fields, each with why."""
    profiles = {p.slug: p for p in catalog.profiles}
    lines: list[str] = []
    found_by_index = evidence(session, today)
    for row in network_report(all_facts(session), catalog):
        profile = profiles.get(row.slug)
        if profile is None or row.referrals < min_referrals:
            continue
        found = found_by_index[row.index]
        changes = []
        if row.flagged:
            changes += ["wait_time:", f"  typical_days: {round(row.median_days)}  # profile says "
                        f"{row.typical_days}; median observed wait to the first appointment {row.median_days:.1f} "
                        "days"]
        no, yes = found.recent_no_capacity, found.recent_accepted
        recent = (f"{no} decline{'s' * (no != 1)} for no capacity and {yes} acceptance{'s' * (yes != 1)} in the "
                  f"last {RECENT_DAYS} days")
        # Several recent "no capacity" answers, and more of them than yes: a busy provider declining now and then
        # is still taking clients.
        if profile.accepting_new_clients and no >= min_declines and no > yes:
            changes.append(f"accepting_new_clients: false  # profile says true; {recent}")
        elif not profile.accepting_new_clients and yes >= min_declines and yes > no:
            changes.append(f"accepting_new_clients: true  # profile says false; {recent}")
        if not changes:
            continue
        span = f", made {found.first} to {found.last}" if found.first else ""
        lines += [f"# providers/{row.slug}.yaml — evidence: {found.referrals} referrals "
                  f"({found.purged} purged){span}", *changes, ""]
    return lines
