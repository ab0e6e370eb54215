""" "Referred to in ...": for every record that some text links to, the places that link to it.

Computed from the [[kind:id]] references in every Markdown text of the published content.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from .memo import per_record
from .model import Content, Meeting, MinuteItem, Recommendation, Report, Review
from .references import markdown_in, references
from .urls import Urls

# A record that can be referred to: ("minute", "planning-2025-01-23/7"), ("meeting", "planning-2025-01-23") ...
Target = tuple[str, str]


@dataclass(frozen=True, order=True)
class Referrer:
    """A place that refers to something: its date (for ordering), title and address, and what
    kind of record it is (a report and a review may share a title: the page says which is which)."""

    date: Any
    title: str
    url: str
    kind: str = ""


def find_backlinks(
    content: Content, urls: Urls, title_of_meeting: Any, targets: Collection[Target] | None = None
) -> dict[Target, list[Referrer]]:
    """Who refers to what; only to ``targets``, if given (the preview's quick look)."""
    wanted = None if targets is None else frozenset(targets)
    found: dict[Target, set[Referrer]] = defaultdict(set)
    for referrer, own, refers_to in _places(content, urls, title_of_meeting, wanted):
        for target in refers_to if wanted is None else refers_to & wanted:
            if target != own:
                found[target].add(referrer())
    return {
        target: sorted(referrers, key=lambda r: (str(r.date), r.title, r.url)) for target, referrers in found.items()
    }


def _places(
    content: Content, urls: Urls, title_of_meeting: Any, wanted: frozenset[Target] | None
) -> Iterator[tuple[Callable[[], Referrer], Target, frozenset[Target]]]:
    """Each place that can refer to something (as a Referrer made when needed), the record it
    is, and what its texts refer to; with ``wanted``, only places that refer to one of those."""

    def skip(refers_to: frozenset[Target]) -> bool:
        return wanted is not None and wanted.isdisjoint(refers_to)

    for meeting in content.meetings.values():
        if skip(_meeting_and_minutes_refer_to(meeting)):
            continue
        yield (
            partial(_meeting, meeting, title_of_meeting, urls),
            ("meeting", meeting.id),
            _meeting_refers_to(meeting),
        )
        for item in meeting.minutes:
            yield (
                partial(_minute, meeting, item, title_of_meeting, urls),
                ("minute", f"{meeting.id}/{item.number}"),
                _refers_to(item),
            )
    for report in content.reports.values():
        if not skip(_refers_to(report)):
            yield partial(_report, report, urls), ("report", report.id), _refers_to(report)
    for review in content.reviews.values():
        if skip(_review_and_recommendations_refer_to(review)):
            continue
        yield (
            partial(Referrer, review.reported or review.started, review.title, urls.review(review.id), "review"),
            ("review", review.id),
            _refers_to(review),
        )
        for rec in review.recommendations:
            yield partial(_recommendation, rec, review.title, urls), ("recommendation", rec.key), _refers_to(rec)
    for page in content.pages.values():
        yield partial(Referrer, "", page.title, urls.page(page.id), "page"), ("page", page.id), _refers_to(page)


@per_record
def _refers_to(record: Any) -> frozenset[Target]:
    return frozenset((ref.kind, ref.ident) for text in markdown_in(record) for ref in references(text))


@per_record
def _meeting_refers_to(meeting: Meeting) -> frozenset[Target]:
    """What a meeting's own texts refer to; each of its minutes is a place of its own."""
    return _refers_to(dataclasses.replace(meeting, minutes=[]))


@per_record
def _meeting_and_minutes_refer_to(meeting: Meeting) -> frozenset[Target]:
    return _meeting_refers_to(meeting).union(*(_refers_to(item) for item in meeting.minutes))


@per_record
def _review_and_recommendations_refer_to(review: Review) -> frozenset[Target]:
    return _refers_to(review).union(*(_refers_to(rec) for rec in review.recommendations))


def _report(report: Report, urls: Urls) -> Referrer:
    return Referrer(report.date, report.title, urls.report(report.id), "report")


def _meeting(meeting: Meeting, title_of_meeting: Any, urls: Urls) -> Referrer:
    return Referrer(meeting.date, title_of_meeting(meeting), urls.meeting(meeting.id), "meeting")


def _minute(meeting: Meeting, item: MinuteItem, title_of_meeting: Any, urls: Urls) -> Referrer:
    title = title_of_meeting(meeting)
    return Referrer(meeting.date, f"Minute {item.number}, {title}", urls.minute(meeting.id, item.number), "minute")


def _recommendation(rec: Recommendation, review_title: str, urls: Urls) -> Referrer:
    return Referrer(
        rec.made or "",
        f"Recommendation {rec.id}, {review_title}",
        urls.recommendation(rec.review, rec.id),
        "recommendation",
    )
