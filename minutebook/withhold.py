"""What may be published: the one place that withholds content.

Runs after validation and before the site graph, so nothing later in the pipeline can
leak what it never receives:
- drafts, and anything embargoed until after the build's "as of" time, are left out
  (unless a local preview asks for drafts);
- confidential information (Local Government Act 1972, s.100A) is removed entirely: no
  page, no title, no link, no search entry;
- exempt items (Schedule 12A) keep their title, paragraph and public summary; their body,
  resolutions and report text are removed.
References to anything withheld are cut, so published pages never link to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from .memo import per_record
from .model import Content, Meeting, MinuteItem, Report, Review

WITHHELD_KINDS = ("meeting", "report", "review")


def is_withheld(record: Any, now: dt.datetime) -> bool:
    """A draft, or a record embargoed until after ``now``."""
    return bool(getattr(record, "draft", False)) or (
        getattr(record, "publish_after", None) is not None and record.publish_after > now
    )


def withhold(content: Content, now: dt.datetime, drafts: bool = False) -> Content:
    """The content as it may be published at ``now``; with ``drafts``, drafts stay in."""

    def keep(record: Any) -> bool:
        return drafts or not is_withheld(record, now)

    meetings = {key: _public_meeting(m) for key, m in content.meetings.items() if keep(m)}
    reports = {
        key: _public_report(r)
        for key, r in content.reports.items()
        if keep(r) and not r.confidential and r.meeting in meetings
    }
    reviews = {key: _kept_recommendations(r, keep) for key, r in content.reviews.items() if keep(r)}
    pages = {key: p for key, p in content.pages.items() if keep(p)}
    published = {"meeting": set(meetings), "report": set(reports), "review": set(reviews)}
    if (
        len(meetings) == len(content.meetings)
        and len(reports) == len(content.reports)
        and len(reviews) == len(content.reviews)
    ):
        # Nothing withheld: every reference resolves (validation saw to that), so none to cut.
        return dataclasses.replace(content, meetings=meetings, reports=reports, reviews=reviews, pages=pages)
    return dataclasses.replace(
        content,
        meetings={k: _cut_references(v, published) for k, v in meetings.items()},
        reports={k: _cut_references(v, published) for k, v in reports.items()},
        reviews={k: _cut_references(v, published) for k, v in reviews.items()},
        committees={k: _cut_references(v, published) for k, v in content.committees.items()},
        pages=pages,
    )


def _kept_recommendations(review: Review, keep: Callable[[Any], bool]) -> Review:
    recommendations = tuple(rec for rec in review.recommendations if keep(rec))
    if len(recommendations) == len(review.recommendations):
        return review  # the same object, so that what later stages remember of it holds (memo.py)
    return dataclasses.replace(review, recommendations=recommendations)


@per_record
def _public_meeting(meeting: Meeting) -> Meeting:
    minutes = [_public_minute(item) for item in meeting.minutes if not item.confidential]
    numbers = {item.number for item in minutes}
    sections = []
    for section in meeting.agenda:
        items = [
            item if item.minute in numbers or item.minute is None else dataclasses.replace(item, minute=None)
            for item in section.items
            if not item.confidential
        ]
        if items:
            sections.append(dataclasses.replace(section, items=items))
    declarations = [
        d if d.minute is None or d.minute in numbers else dataclasses.replace(d, minute=None)
        for d in meeting.declarations
    ]
    attendance = meeting.attendance
    if attendance is not None:
        attendance = dataclasses.replace(
            attendance, chair_changes=[c for c in attendance.chair_changes if c.from_minute in numbers]
        )
    return dataclasses.replace(
        meeting, minutes=minutes, agenda=sections, declarations=declarations, attendance=attendance
    )


def _public_minute(item: MinuteItem) -> MinuteItem:
    if item.exempt:
        return dataclasses.replace(item, body=None, resolutions=[])
    return item


@per_record
def _public_report(report: Report) -> Report:
    if report.exempt:
        return dataclasses.replace(
            report, summary=None, recommendations=[], body=None, appendices=[], background_papers=[]
        )
    return report


def _cut_references(record: Any, published: dict[str, set[str]]) -> Any:
    """Copy ``record`` with references to withheld meetings, reports and reviews removed."""
    if isinstance(record, (list, tuple)):
        return type(record)(_cut_references(item, published) for item in record)
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for fld in dataclasses.fields(record):
        value = getattr(record, fld.name)
        kind = fld.metadata.get("ref")
        if kind in WITHHELD_KINDS and value:
            if isinstance(value, list):
                changes[fld.name] = [v for v in value if v in published[kind]]
            elif value not in published[kind]:
                changes[fld.name] = None
        elif isinstance(value, (list, tuple)) or (dataclasses.is_dataclass(value) and fld.name != "src"):
            changes[fld.name] = _cut_references(value, published)
    return dataclasses.replace(record, **changes) if changes else record
