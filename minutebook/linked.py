"""What a page's records refer to, looked up when the page is planned.

A meeting names its committee and attendees by id, a recommendation its review and officers; a
template needs their names, and whether a recommendation is overdue. Rather than letting
templates look records up (a read no one could see), every page's context gets ``linked``: the
records its own records name, and what is derived about each of them, found by walking the
context. So whatever a template shows is in its page's context, and a page's key (reuse.py)
covers it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import lifecycle
from .model import ActionBy, Committee, Meeting, Person, Recommendation
from .references import Ref, refs_in
from .relations import Relations, meeting_title
from .withhold import is_withheld


@dataclass(frozen=True)
class MeetingName:
    title: str  # "Scrutiny Board, 16 January 2015"
    date: dt.date
    status: str  # as of the build (Relations.meeting_status)


@dataclass(frozen=True)
class ReportName:
    title: str
    exempt: int | None


@dataclass(frozen=True)
class ReviewName:
    title: str
    committee: str


@dataclass(frozen=True)
class RecommendationFacts:
    """What is derived about a recommendation as of the build's day."""

    decision: str
    action_by: ActionBy | None  # as it stands now, after any changes
    overdue: bool
    overdue_because: str | None  # "response" or "action by" (Relations.overdue_because)
    made: dt.date | None
    responded: dt.date | None
    completed: dt.date | None
    days_to_response: int | None
    days_to_completion: int | None


@dataclass(frozen=True)
class Linked:
    people: Mapping[str, Person]
    committees: Mapping[str, Committee]
    meetings: Mapping[str, MeetingName]
    reports: Mapping[str, ReportName]
    reviews: Mapping[str, ReviewName]
    matters: Mapping[str, str]  # id -> title
    wards: Mapping[str, str]  # id -> name
    recommendations: Mapping[str, RecommendationFacts]  # by "review/id"
    withheld: frozenset[Ref]  # shown only because this is a --drafts preview


class Linker:
    """Finds what each page's records name."""

    def __init__(self, relations: Relations) -> None:
        self.relations = relations
        self._facts: dict[str, RecommendationFacts] = {}
        self._withheld: dict[Ref, bool] = {}

    def linked(self, context: Mapping[str, Any]) -> Linked:
        refs = refs_in(context.values())
        content = self.relations.content
        ids: dict[str, list[str]] = {}
        for kind, ident in sorted(refs):
            ids.setdefault(kind, []).append(ident)

        def found(kind: str, records: Mapping[str, Any]) -> list[str]:
            return [ident for ident in ids.get(kind, []) if ident in records]

        return Linked(
            people={i: content.people[i] for i in found("person", content.people)},
            committees={i: content.committees[i] for i in found("committee", content.committees)},
            meetings={i: self._meeting_name(content.meetings[i]) for i in found("meeting", content.meetings)},
            reports={
                i: ReportName(content.reports[i].title, content.reports[i].exempt)
                for i in found("report", content.reports)
            },
            reviews={
                i: ReviewName(content.reviews[i].title, content.reviews[i].committee)
                for i in found("review", content.reviews)
            },
            matters={i: content.matters[i].title for i in found("matter", content.matters)},
            wards={i: content.wards[i].name for i in found("ward", content.wards)},
            recommendations={key: self._facts_of(key) for key in ids.get("recommendation", []) if key in self._recs},
            withheld=frozenset(ref for ref in refs if self._is_withheld(ref)),
        )

    def _is_withheld(self, ref: Ref) -> bool:
        """A draft or embargoed record, published only because this is a --drafts preview."""
        if ref not in self._withheld:
            kind, ident = ref
            content = self.relations.content
            kinds: dict[str, Mapping[str, Any]] = {
                "meeting": content.meetings,
                "report": content.reports,
                "review": content.reviews,
                "recommendation": self._recs,
                "page": content.pages,
                "decision": content.decisions,
                "notice": content.notices,
                "application": content.planning_applications,
            }
            record = kinds[kind].get(ident) if kind in kinds else None
            self._withheld[ref] = record is not None and is_withheld(record, self.relations.now)
        return self._withheld[ref]

    @property
    def _recs(self) -> Mapping[str, Recommendation]:
        return self.relations.recommendation_by_key

    def _meeting_name(self, meeting: Meeting) -> MeetingName:
        return MeetingName(meeting_title(meeting, self.relations), meeting.date, self.relations.meeting_status(meeting))

    def _facts_of(self, key: str) -> RecommendationFacts:
        if key not in self._facts:
            rec = self._recs[key]
            review = self.relations.review_of(rec)
            made, responded = lifecycle.made_on(rec, review), lifecycle.responded_on(rec, review)
            completed = lifecycle.completed_on(rec, review)
            self._facts[key] = RecommendationFacts(
                self.relations.response_decision(rec),
                lifecycle.current_action_by(rec),
                self.relations.is_overdue(rec),
                self.relations.overdue_because(rec),
                made,
                responded,
                completed,
                lifecycle.days_between(made, responded),
                lifecycle.days_between(made, completed),
            )
        return self._facts[key]
