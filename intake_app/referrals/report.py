"""The network report: per provider, how often it accepted and how fast it answered, why it declined, how many
clients could not be reached, booked and seen rates, reports returned, the real wait against the profile's
`typical_days`, and whether clients felt helped.

It is computed from `Facts`, which live referrals and purged ones both yield, so a purge keeps the totals.
Both hold the provider's blind index only; the report finds each provider by indexing every catalog slug.
ACCEPTED and DECLINED below are the one place that says which statuses count as the provider's yes and no;
the provider's own answers (accepted, declined with a reason) extend them.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from statistics import mean, median

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from intake_app.infrastructure.crypto import blind_index
from intake_app.infrastructure.directory import Catalog
from intake_app.referrals.models import Outcome, PurgedReferral, Referral, StatusEvent
from intake_app.referrals.workflow import Actor, Status

FLAG_RATIO = 0.5  # observed wait differs from the profile's by more than 50 %
BOOKED = (Status.APPOINTMENT_BOOKED.value, Status.SEEN.value, Status.REPORT_RECEIVED.value)
SEEN = (Status.SEEN.value, Status.REPORT_RECEIVED.value)
ACCEPTED = frozenset({Status.ACCEPTED.value, Status.APPOINTMENT_BOOKED.value, Status.SEEN.value,
                      Status.REPORT_RECEIVED.value})
DECLINED = {Status.NOT_ELIGIBLE.value: "not eligible", Status.NO_CAPACITY.value: "no capacity",
            Status.REFERRED_ELSEWHERE.value: "referred elsewhere",
            Status.DECLINED.value: "other"}  # status → reason, in the report's order
SENT = Status.SENT_TO_PROVIDER.value


@dataclass(frozen=True)
class Facts:
    """What the report needs to know about one referral; identifies no one. Fields match PurgedReferral's."""
    provider_index: str | None  # crypto.blind_index of the provider's slug
    final_status: str
    booked: bool
    seen: bool
    days_to_first_appointment: int | None
    helpfulness: int | None
    accepted: bool = False
    decline_reason: str | None = None  # a DECLINED key, only once the referral was sent
    could_not_contact: bool = False
    report_returned: bool = False
    days_to_first_answer: float | None = None  # first "sent to provider" → next event not from the client


def _ever(statuses) -> object:
    return func.max(case((StatusEvent.status.in_(list(statuses)), 1), else_=0))


def _days_between(session: Session, later, earlier):
    """`later - earlier` in days, in SQL (NULL when either is)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", later - earlier) / 86400
    return func.julianday(later) - func.julianday(earlier)


def live_facts(session: Session, *conditions) -> list[tuple[int, Facts]]:
    """(referral id, facts) for live referrals matching `conditions`; reads no encrypted column.

    Grouped passes over the status history (not a subquery per referral): 100,000 referrals in seconds."""
    declined = list(DECLINED)
    reached = (select(StatusEvent.referral_id, _ever(BOOKED).label("booked"), _ever(SEEN).label("seen"),
                      _ever(ACCEPTED).label("accepted"), _ever([SENT]).label("sent"),
                      _ever([Status.COULD_NOT_CONTACT.value]).label("unreached"),
                      _ever([Status.REPORT_RECEIVED.value]).label("report"),
                      *(_ever([s]).label(f"d{i}") for i, s in enumerate(declined)))
               .group_by(StatusEvent.referral_id).subquery())
    sent = (select(StatusEvent.referral_id, func.min(StatusEvent.at).label("sent_at"))
            .where(StatusEvent.status == SENT).group_by(StatusEvent.referral_id).subquery())
    answer = (select(sent.c.referral_id, sent.c.sent_at, func.min(StatusEvent.at).label("answer_at"))
              .join(StatusEvent, and_(StatusEvent.referral_id == sent.c.referral_id, StatusEvent.at > sent.c.sent_at,
                                      StatusEvent.signal.is_(None),  # a check-in is no answer; a client's move
                                      or_(StatusEvent.actor.is_(None), StatusEvent.actor != Actor.CLIENT.value)))
              .group_by(sent.c.referral_id, sent.c.sent_at).subquery())
    # Days and dates computed where they are needed only: converting 100,000 rows' datetimes is most of the time.
    created = case((Outcome.first_appointment_on.is_not(None), Referral.created_at))
    rows = session.execute(
        select(Referral.id, Referral.provider_index, Referral.status, created, Outcome.first_appointment_on,
               Outcome.helpfulness, _days_between(session, answer.c.answer_at, answer.c.sent_at),
               reached.c.booked, reached.c.seen, reached.c.accepted, reached.c.sent, reached.c.unreached,
               reached.c.report, *(reached.c[f"d{i}"] for i in range(len(declined))))
        .outerjoin(reached, reached.c.referral_id == Referral.id)
        .outerjoin(answer, answer.c.referral_id == Referral.id)
        .outerjoin(Outcome, Outcome.referral_id == Referral.id).where(*conditions))
    result = []
    for (rid, index, status, created, first, helpfulness, answer_days, booked, seen, accepted, was_sent,
         unreached, report, *declines) in rows:
        reason = next((s for s, hit in zip(declined, declines) if hit), None) if was_sent else None
        answered = round(float(answer_days), 1) if answer_days is not None else None
        result.append((rid, Facts(index, status, bool(booked) or first is not None, bool(seen),
                                  (first - created.date()).days if first else None, helpfulness,
                                  accepted=bool(accepted), decline_reason=reason, could_not_contact=bool(unreached),
                                  report_returned=bool(report), days_to_first_answer=answered)))
    return result


def purged_facts(session: Session, provider_index: str | None = None) -> list[Facts]:
    query = select(PurgedReferral)
    if provider_index is not None:
        query = query.where(PurgedReferral.provider_index == provider_index)
    return [Facts(p.provider_index, p.final_status, p.booked, p.seen, p.days_to_first_appointment, p.helpfulness,
                  accepted=bool(p.accepted), decline_reason=p.decline_reason,
                  could_not_contact=bool(p.could_not_contact), report_returned=bool(p.report_returned),
                  days_to_first_answer=p.days_to_first_answer)
            for p in session.scalars(query)]


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
    accepted: int = 0
    declines: dict[str, int] = field(default_factory=dict)  # DECLINED key → count, every key present
    median_days_to_answer: float | None = None
    could_not_contact: int = 0
    seen: int = 0
    reports_returned: int = 0
    index: str = ""

    @property
    def declined(self) -> int:
        return sum(self.declines.values())

    @property
    def acceptance_rate(self) -> float | None:
        """Of the referrals the provider said yes or no to (by the statuses reached), the share it accepted."""
        answered = self.accepted + self.declined
        return self.accepted / answered if answered else None

    @property
    def flagged(self) -> bool:
        """For editors: the profile's typical wait is more than 50 % off what clients actually waited."""
        if self.median_days is None or self.typical_days is None:
            return False
        if self.typical_days == 0:
            return self.median_days > 0
        return abs(self.median_days - self.typical_days) / self.typical_days > FLAG_RATIO


def provider_row(index: str, group: list[Facts], profile) -> ProviderRow:
    days = [f.days_to_first_appointment for f in group if f.days_to_first_appointment is not None]
    answers = [f.days_to_first_answer for f in group if f.days_to_first_answer is not None]
    helped = [f.helpfulness for f in group if f.helpfulness is not None]
    return ProviderRow(
        slug=profile.slug if profile else "",
        name=profile.name if profile else f"A provider no longer in the directory (#{index[:8]})",
        referrals=len(group), booked_share=sum(f.booked for f in group) / len(group),
        seen_share=sum(f.seen for f in group) / len(group), median_days=median(days) if days else None,
        typical_days=profile.typical_days if profile else None,
        average_helpfulness=mean(helped) if helped else None, helpfulness_answers=len(helped),
        accepted=sum(f.accepted for f in group),
        declines={s: sum(f.decline_reason == s for f in group) for s in DECLINED},
        median_days_to_answer=median(answers) if answers else None,
        could_not_contact=sum(f.could_not_contact for f in group), seen=sum(f.seen for f in group),
        reports_returned=sum(f.report_returned for f in group), index=index)


def network_report(facts: list[Facts], catalog: Catalog) -> list[ProviderRow]:
    """Needs an app context (the blind index key)."""
    profiles = {blind_index(p.slug): p for p in catalog.profiles}
    by_provider: dict[str, list[Facts]] = {}
    for fact in facts:
        if fact.provider_index:
            by_provider.setdefault(fact.provider_index, []).append(fact)
    rows = [provider_row(index, group, profiles.get(index)) for index, group in by_provider.items()]
    return sorted(rows, key=lambda r: (not r.flagged, r.name.casefold()))


def all_facts(session: Session, provider_index: str | None = None) -> list[Facts]:
    """Live and purged, of every provider or of one (its blind index)."""
    live = live_facts(session, *([Referral.provider_index == provider_index] if provider_index is not None else []))
    return [facts for _id, facts in live] + purged_facts(session, provider_index)


def client_comments(session: Session, provider_index: str) -> list[tuple[int | None, str]]:
    """(helpfulness, comment) the clients of one provider gave, newest first: for staff pages, never the CSV
    (free text may name someone)."""
    rows = session.execute(select(Outcome.helpfulness, Outcome.comment).join(Referral)
                           .where(Referral.provider_index == provider_index, Outcome.comment.is_not(None))
                           .order_by(Outcome.recorded_at.desc()))
    return [(helpfulness, comment) for helpfulness, comment in rows if comment]


def comment_counts(session: Session) -> dict[str, int]:
    """Provider index → how many clients left a comment (the report links to them; the CSV leaves them out)."""
    return dict(session.execute(select(Referral.provider_index, func.count()).join(Outcome)
                                .where(Outcome.comment.is_not(None)).group_by(Referral.provider_index)).all())


CSV_COLUMNS = ["provider_slug", "provider_name", "referrals", "booked_share", "seen_share",
               "median_days_to_first_appointment", "profile_typical_days", "wait_flagged", "average_helpfulness",
               "helpfulness_answers", "accepted", "declined", "acceptance_rate", "median_days_to_first_answer",
               *(f"declined_{reason.replace(' ', '_')}" for reason in DECLINED.values()), "could_not_contact", "seen",
               "reports_returned"]


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
                         "yes" if r.flagged else "no", _number(r.average_helpfulness, 2), r.helpfulness_answers,
                         r.accepted, r.declined, _number(r.acceptance_rate, 3), _number(r.median_days_to_answer, 1),
                         *(r.declines.get(status, 0) for status in DECLINED), r.could_not_contact, r.seen,
                         r.reports_returned])
    return out.getvalue()
