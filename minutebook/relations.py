"""Relations between records, worked out once: who attended what, which reports went to
which meeting, whose recommendations are overdue. Templates read these; nothing here
writes or renders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from . import councillors, documents, lifecycle
from .decisions import Standing, maker_name, standing
from .model import (
    Committee,
    Content,
    DayOfYear,
    Decision,
    Document,
    Notice,
    Declaration,
    EvidenceSession,
    Meeting,
    Membership,
    MinuteNumber,
    Person,
    PlanningApplication,
    PromisedReport,
    Recommendation,
    Report,
    Review,
    Slug,
    Ward,
)
from .votes import CastVote, recorded_votes

CLOSED_STATUSES = ("completed", "superseded")


@dataclass(frozen=True)
class MunicipalYears:
    """A council's year starts at its Annual Meeting (in England and Wales usually in May), or on
    the day site.yaml gives for a year with no Annual Meeting recorded: with the Annual Meeting on
    20 May 2016, 19 May 2016 is in 2015/16 and 12 December 2016 in 2016/17."""

    usual_start: DayOfYear
    annual_meetings: tuple[dt.date, ...] = ()

    def start(self, year: int) -> dt.date:
        for day in self.annual_meetings:
            if day.year == year:
                return day
        month, day_of_month = self.usual_start.month_day
        return dt.date(year, month, day_of_month)

    def of(self, day: dt.date) -> str:
        start = day.year if day >= self.start(day.year) else day.year - 1
        return f"{start}/{str(start + 1)[-2:]}"


def meeting_title(meeting: Meeting, relations: Relations) -> str:
    """How a meeting is named everywhere: "Overview and Scrutiny Management Board, 12 December 2014"."""
    return f"{relations.committee(meeting.committee).name}, {meeting.date.day} {meeting.date:%B %Y}"


@dataclass(frozen=True)
class Attended:
    meeting: Meeting
    as_: str  # "chair", "present", "apologies", ...


@dataclass
class PersonRecord:
    """Everything the site says about one person."""

    memberships: list[tuple[Committee, Membership]] = field(default_factory=list)
    attendance: list[Attended] = field(default_factory=list)
    owns: list[Recommendation] = field(default_factory=list)
    evidence: list[tuple[Review, EvidenceSession]] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    chairs_reviews: list[Review] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # taken as a Cabinet member or an officer
    called_in: list[Decision] = field(default_factory=list)

    def count(self, *roles: str) -> int:
        return sum(1 for entry in self.attendance if entry.as_ in roles)


class Relations:
    """Read-only lookups over validated content, judged as of one date."""

    def __init__(self, content: Content, now: dt.datetime | dt.date) -> None:
        self.content = content
        self.now = now if isinstance(now, dt.datetime) else dt.datetime.combine(now, dt.time())
        self.as_of = self.now.date()
        self._considering: dict[str, list[Meeting]] = {}

    # Each index is worked out when first asked for, once: the preview's quick look (pipeline.py)
    # plans a few pages and needs only a few of them.
    @cached_property
    def committees(self) -> list[Committee]:
        return sorted(self.content.committees.values(), key=lambda c: c.name)

    @cached_property
    def meetings(self) -> list[Meeting]:
        return sorted(self.content.meetings.values(), key=lambda m: (m.date, m.start_time or "", m.id))

    @cached_property
    def people(self) -> list[Person]:
        return sorted(self.content.people.values(), key=lambda p: p.sort_key)

    @cached_property
    def documents(self) -> dict[str, list[tuple[documents.Record, Document]]]:
        """Each published file (by its path in content/documents/) and the records that list it."""
        return documents.listing(self.content)

    @cached_property
    def reviews(self) -> list[Review]:
        return sorted(
            self.content.reviews.values(), key=lambda r: (r.reported or r.started or dt.date.min, r.id), reverse=True
        )

    @cached_property
    def recommendations(self) -> list[Recommendation]:
        return [rec for review in self.reviews for rec in review.recommendations]

    @cached_property
    def recommendation_by_key(self) -> dict[str, Recommendation]:
        return {rec.key: rec for rec in self.recommendations}

    @cached_property
    def municipal_years(self) -> MunicipalYears:
        annual = tuple(sorted(m.date for m in self.content.meetings.values() if m.annual_meeting))
        return MunicipalYears(self.content.site.municipal_year_starts, annual)

    @cached_property
    def meetings_of(self) -> dict[str, list[Meeting]]:
        meetings_of: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings:
            meetings_of[meeting.committee].append(meeting)
        return meetings_of

    @cached_property
    def reports_for(self) -> dict[str, list[Report]]:
        reports_for: dict[str, list[Report]] = defaultdict(list)
        for report in sorted(self.content.reports.values(), key=lambda r: (r.date, r.id)):
            reports_for[report.meeting].append(report)
        return reports_for

    @cached_property
    def reviews_of(self) -> dict[str, list[Review]]:
        reviews_of: dict[str, list[Review]] = defaultdict(list)
        for review in self.reviews:
            reviews_of[review.committee].append(review)
        return reviews_of

    @cached_property
    def reports_on_review(self) -> dict[str, list[Report]]:
        reports_on_review: dict[str, list[Report]] = defaultdict(list)
        for report in sorted(self.content.reports.values(), key=lambda r: r.date):
            if report.review:
                reports_on_review[report.review].append(report)
        return reports_on_review

    # Positions and indexes, so that no lookup below scans a whole list: a council's archive
    # has thousands of meetings, and these are asked once per page.
    @cached_property
    def _order(self) -> dict[str, int]:
        return {meeting.id: index for index, meeting in enumerate(self.meetings)}

    @cached_property
    def _in_series(self) -> dict[str, int]:
        return {meeting.id: index for series in self.meetings_of.values() for index, meeting in enumerate(series)}

    @cached_property
    def _on_day(self) -> dict[tuple[str, dt.date], Meeting]:
        return {(meeting.committee, meeting.date): meeting for meeting in reversed(self.meetings)}

    @cached_property
    def _declarations(self) -> dict[str, list[tuple[Meeting, Declaration]]]:
        declarations: dict[str, list[tuple[Meeting, Declaration]]] = defaultdict(list)
        for meeting in self.meetings:
            for declaration in meeting.declarations:
                declarations[declaration.person].append((meeting, declaration))
        return declarations

    @cached_property
    def person_records(self) -> dict[str, PersonRecord]:
        return self._person_records()

    # --- lookups used by templates ---------------------------------------------------------
    def person(self, person_id: str) -> Person:
        return self.content.people[person_id]

    def committee(self, committee_id: str) -> Committee:
        return self.content.committees[committee_id]

    def meeting(self, meeting_id: str) -> Meeting:
        return self.content.meetings[meeting_id]

    def report(self, report_id: str) -> Report:
        return self.content.reports[report_id]

    def review(self, review_id: str) -> Review:
        return self.content.reviews[review_id]

    def review_of(self, rec: Recommendation) -> Review:
        return self.content.reviews[rec.review]

    def neighbours(self, meeting: Meeting) -> tuple[Meeting | None, Meeting | None]:
        """The previous and next meeting of the same committee."""
        series = self.meetings_of[meeting.committee]
        index = self._in_series[meeting.id]
        before = series[index - 1] if index > 0 else None
        after = series[index + 1] if index + 1 < len(series) else None
        return before, after

    def rec_neighbours(self, rec: Recommendation) -> tuple[Recommendation | None, Recommendation | None]:
        series = self.review_of(rec).recommendations
        index = series.index(rec)
        return (series[index - 1] if index > 0 else None, series[index + 1] if index + 1 < len(series) else None)

    def upcoming(self) -> list[Meeting]:
        return [m for m in self.meetings if m.date >= self.as_of and m.status in ("scheduled", "postponed")]

    def meeting_status(self, meeting: Meeting) -> str:
        """The status as of the build: a meeting whose day has passed while its file still says
        "scheduled" is awaiting its minutes (or held, if they are there), not still to come."""
        if meeting.status == "scheduled" and meeting.date < self.as_of:
            return "held" if meeting.minutes else "awaiting minutes"
        return meeting.status

    def with_minutes(self) -> list[Meeting]:
        return sorted((m for m in self.meetings if m.minutes), key=lambda m: m.date, reverse=True)

    def meeting_for_date(self, committee_id: str, day: dt.date) -> Meeting | None:
        """The committee's first meeting on that day, if any."""
        return self._on_day.get((Slug(committee_id), day))

    def meetings_considering(self, review: Review) -> list[Meeting]:
        """Meetings where a review was taken: evidence sessions, its reports, its response."""
        if review.id not in self._considering:
            self._considering[review.id] = self._meetings_considering(review)
        return self._considering[review.id]

    def _meetings_considering(self, review: Review) -> list[Meeting]:
        ids = {s.meeting for s in review.evidence_sessions if s.meeting}
        ids |= {report.meeting for report in self.reports_on_review.get(review.id, [])}
        if review.response:
            ids |= {m for m in (review.response.meeting, review.response.reported_to) if m}
        return sorted((self.content.meetings[i] for i in ids if i in self._order), key=lambda m: self._order[m.id])

    # --- recommendations ---------------------------------------------------------------------
    def made_on(self, rec: Recommendation) -> dt.date | None:
        return lifecycle.made_on(rec, self.review_of(rec))

    def is_overdue(self, rec: Recommendation) -> bool:
        return self.overdue_because(rec) is not None

    def overdue_because(self, rec: Recommendation) -> str | None:
        """Why a recommendation is overdue as of the build, if it is: "response" when the
        executive's two months to respond (s.9FE) have passed with no response recorded, "action
        by" when its action-by date has passed and it is not completed."""
        if rec.response is None:
            clock = self.response_clock(self.review_of(rec))
            return "response" if clock and clock.overdue else None
        due = lifecycle.current_action_by(rec)
        if due and due.date and due.date < self.as_of and rec.status not in CLOSED_STATUSES:
            return "action by"
        return None

    def response_clock(self, review: Review) -> lifecycle.Clock | None:
        return lifecycle.response_clock(review, self.as_of)

    def promised_to(self, committee_id: str) -> list[tuple[Review, PromisedReport, lifecycle.Clock]]:
        """Monitoring reports promised to a committee, from every review."""
        return [
            (review, promise, clock)
            for review in self.reviews
            for promise, clock in self.promised_clocks(review)
            if promise.to == committee_id
        ]

    def declarations_of(self, person_id: str) -> list[tuple[Meeting, Declaration]]:
        return self._declarations.get(person_id, [])

    def promised_clocks(self, review: Review) -> list[tuple[PromisedReport, lifecycle.Clock]]:
        return [
            (
                promise,
                lifecycle.promised_report_clock(
                    promise,
                    review,
                    self.as_of,
                    self.content.meetings[promise.received].date if promise.received in self.content.meetings else None,
                ),
            )
            for promise in review.promised_reports
        ]

    def response_decision(self, rec: Recommendation) -> str:
        return rec.response.decision if rec.response else "awaiting response"

    def counts(self, recs: list[Recommendation], key: str) -> list[tuple[str, int]]:
        """Counts by "decision" or "status", in a stable order."""
        tally: dict[str, int] = defaultdict(int)
        for rec in recs:
            tally[self.response_decision(rec) if key == "decision" else rec.status] += 1
        return sorted(tally.items())

    # --- decisions and the Forward Plan -------------------------------------------------------
    @cached_property
    def decisions(self) -> list[Decision]:
        """Newest first."""
        return sorted(self.content.decisions.values(), key=lambda d: (d.date, d.id), reverse=True)

    @cached_property
    def notices(self) -> list[Notice]:
        """In the order the decisions are expected."""
        return sorted(self.content.notices.values(), key=lambda n: (n.expected, n.id))

    @cached_property
    def decision_on_notice(self) -> dict[str, Decision]:
        return {d.notice: d for d in self.decisions if d.notice}

    @cached_property
    def decisions_at(self) -> dict[str, list[Decision]]:
        """The decisions taken at each meeting, in minute order."""
        found: dict[str, list[Decision]] = defaultdict(list)
        for decision in sorted(self.decisions, key=lambda d: (d.minute.sort_key if d.minute else (), d.id)):
            if decision.meeting:
                found[decision.meeting].append(decision)
        return dict(found)

    @cached_property
    def minute_decisions(self) -> dict[tuple[str, MinuteNumber], list[Decision]]:
        """The decisions each minute records, or considers on a call-in or a reconsideration."""
        found: dict[tuple[str, MinuteNumber], list[Decision]] = defaultdict(list)
        for decision in self.decisions:
            if decision.meeting and decision.minute is not None:
                found[(decision.meeting, decision.minute)].append(decision)
            call_in = decision.call_in
            if call_in and call_in.meeting and call_in.minute is not None:
                found[(call_in.meeting, call_in.minute)].append(decision)
        return dict(found)

    def notice_of(self, decision: Decision) -> Notice | None:
        return self.content.notices.get(decision.notice or "")

    def standing(self, decision: Decision) -> Standing:
        return standing(decision, self.content, self.as_of)

    def decision_maker(self, record: Decision | Notice) -> str:
        return maker_name(record, self.content)

    @cached_property
    def votes_cast(self) -> dict[str, list[CastVote]]:
        """Each member's recorded votes, in meeting order."""
        return recorded_votes(self.meetings)

    # --- planning applications ----------------------------------------------------------------
    @cached_property
    def planning_applications(self) -> list[PlanningApplication]:
        """Newest meeting first, in minute order within a meeting."""
        return sorted(
            self.content.planning_applications.values(),
            key=lambda a: (-self._order[a.meeting], a.minute.sort_key, a.reference, a.id),
        )

    @cached_property
    def minute_applications(self) -> dict[tuple[str, MinuteNumber], list[PlanningApplication]]:
        """The applications each minute decided, by reference."""
        found: dict[tuple[str, MinuteNumber], list[PlanningApplication]] = defaultdict(list)
        for application in sorted(self.planning_applications, key=lambda a: (a.reference, a.id)):
            found[(application.meeting, application.minute)].append(application)
        return dict(found)

    # --- people ---------------------------------------------------------------------------------
    def is_current(self, person: Person) -> bool:
        """In office on the build's day."""
        return councillors.is_current(person, self.as_of)

    @cached_property
    def wards(self) -> list[Ward]:
        return sorted(self.content.wards.values(), key=lambda w: w.name)

    @cached_property
    def ward_seats(self) -> dict[str, list[councillors.Seat]]:
        return councillors.ward_seats(self.people, self.as_of)

    def _person_records(self) -> dict[str, PersonRecord]:
        records: dict[str, PersonRecord] = defaultdict(PersonRecord)
        for committee in self.committees:
            for membership in committee.members:
                records[membership.person].memberships.append((committee, membership))
        for meeting in self.meetings:
            for role, ids in attendance_roles(meeting):
                for person_id in ids:
                    records[person_id].attendance.append(Attended(meeting, role))
        for rec in self.recommendations:
            for officer in rec.response.officers if rec.response else []:
                records[officer].owns.append(rec)
        for review in self.reviews:
            if review.chair:
                records[review.chair].chairs_reviews.append(review)
            for session in review.evidence_sessions:
                for witness in session.witnesses:
                    records[witness].evidence.append((review, session))
        for decision in self.decisions:
            if decision.person:
                records[decision.person].decisions.append(decision)
            for member in decision.call_in.by if decision.call_in else []:
                records[member].called_in.append(decision)
        for report in sorted(self.content.reports.values(), key=lambda r: r.date):
            for someone in {report.author, report.contact}:
                if someone is not None:
                    records[someone].reports.append(report)
        return dict(records)

    def record_of(self, person: Person) -> PersonRecord:
        return self.person_records.get(person.id, PersonRecord())


def attendance_roles(meeting: Meeting) -> list[tuple[str, Sequence[str]]]:
    """(role, person ids) for each attendance category, in the order the minutes give them."""
    a = meeting.attendance
    if a is None:
        return []
    return [
        ("chair", [a.chair] if a.chair else []),
        ("present", a.present),
        ("apologies", a.apologies),
        ("absent", a.absent),
        ("also in attendance", a.also_in_attendance),
        ("officer", a.officers),
        ("witness", a.witnesses),
    ]
