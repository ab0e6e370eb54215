""" "Referred to in ...": for every record that some text links to, the places that link to it.

Computed from the [[kind:id]] references in every Markdown text of the published content.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import Content, Markdown, Meeting, MinuteItem, Recommendation
from .references import markdown_in, references
from .urls import Urls

# A record that can be referred to: ("minute", "osmb-2014-12-12/72"), ("meeting", "osmb-2014-11-14") ...
Target = tuple[str, str]


@dataclass(frozen=True, order=True)
class Referrer:
    """A place that refers to something: its date (for ordering), title and address."""

    date: Any
    title: str
    url: str


def find_backlinks(content: Content, urls: Urls, title_of_meeting: Any) -> dict[Target, list[Referrer]]:
    found: dict[Target, set[Referrer]] = defaultdict(set)
    for referrer, own, texts in _places(content, urls, title_of_meeting):
        for text in texts:
            for ref in references(text):
                if (ref.kind, ref.ident) != own:
                    found[(ref.kind, ref.ident)].add(referrer)
    return {
        target: sorted(referrers, key=lambda r: (str(r.date), r.title, r.url)) for target, referrers in found.items()
    }


def _places(
    content: Content, urls: Urls, title_of_meeting: Any
) -> Iterator[tuple[Referrer, Target, Iterator[Markdown]]]:
    """Each place that can refer to something, the record it is, and its texts."""
    for meeting in content.meetings.values():
        title = title_of_meeting(meeting)
        yield (
            Referrer(meeting.date, title, urls.meeting(meeting.id)),
            ("meeting", meeting.id),
            markdown_in(dataclasses.replace(meeting, minutes=[])),
        )
        for item in meeting.minutes:
            yield _minute(meeting, item, title, urls), ("minute", f"{meeting.id}/{item.number}"), markdown_in(item)
    for report in content.reports.values():
        yield Referrer(report.date, report.title, urls.report(report.id)), ("report", report.id), markdown_in(report)
    for review in content.reviews.values():
        yield (
            Referrer(review.reported or review.started, review.title, urls.review(review.id)),
            ("review", review.id),
            markdown_in(review),
        )
        for rec in review.recommendations:
            yield _recommendation(rec, review.title, urls), ("recommendation", rec.key), markdown_in(rec)
    for page in content.pages.values():
        yield Referrer("", page.title, urls.page(page.id)), ("page", page.id), markdown_in(page)


def _minute(meeting: Meeting, item: MinuteItem, title: str, urls: Urls) -> Referrer:
    return Referrer(meeting.date, f"Minute {item.number}, {title}", urls.minute(meeting.id, item.number))


def _recommendation(rec: Recommendation, review_title: str, urls: Urls) -> Referrer:
    return Referrer(rec.made or "", f"Recommendation {rec.id}, {review_title}", urls.recommendation(rec.review, rec.id))
