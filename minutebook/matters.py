"""Matters: one subject followed across meetings and committees, as a timeline.

A matter gathers the agenda items, minutes, reports, reviews, decisions and Forward Plan notices
marked with its id; a minute that refers to a minute of the matter ("Further to Minute No. 59
...", written as [[minute:...]]) joins it too. Steps outside the published meetings come from the matter file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .relations import Relations
from .model import Matter, Meeting, MinuteItem
from .references import references
from .urls import Urls


@dataclass(frozen=True)
class Step:
    """One entry of a matter's timeline."""

    date: dt.date | None
    where: str  # the committee or body
    title: str
    url: str | None
    note: str | None = None  # Markdown


def minute_matter(meeting: Meeting, item: MinuteItem, relations: Relations) -> str | None:
    """The minute's own matter, or that of a minute it refers to."""
    if item.matter:
        return item.matter
    for ref in references(item.body or ""):
        if ref.kind == "minute" and ref.parent in relations.content.meetings:
            referred = next((m for m in relations.meeting(ref.parent).minutes if str(m.number) == ref.child), None)
            if referred and referred.matter:
                return referred.matter
    return None


def matter_steps(matter: Matter, relations: Relations, urls: Urls) -> list[Step]:
    """Every step of one matter, dated ones in order, steps still to come last."""
    return all_matter_steps(relations, urls).get(matter.id, [])


def all_matter_steps(relations: Relations, urls: Urls) -> dict[str, list[Step]]:
    """The steps of every matter, found in one pass over the content (not one per matter)."""
    found: dict[str, list[Step]] = defaultdict(list)
    considering: dict[str, list[str]] = defaultdict(list)
    for matter in relations.content.matters.values():
        for meeting_id in matter.considered_at:
            considering[meeting_id].append(matter.id)
    for meeting in relations.meetings:
        where = relations.committee(meeting.committee).name
        for matter_id in considering.get(meeting.id, []):
            found[matter_id].append(Step(meeting.date, where, "Considered at this meeting", urls.meeting(meeting.id)))
        for item in meeting.agenda_items:
            if item.matter:
                found[item.matter].append(
                    Step(
                        meeting.date,
                        where,
                        f"Agenda item {item.number}: {item.title}",
                        f"{urls.meeting(meeting.id)}#item-{item.number}",
                    )
                )
        for minute in meeting.minutes:
            minute_of = minute_matter(meeting, minute, relations)
            if minute_of:
                found[minute_of].append(
                    Step(
                        meeting.date,
                        where,
                        f"Minute {minute.number}: {minute.title}",
                        urls.minute(meeting.id, minute.number),
                    )
                )
    for report in relations.content.reports.values():
        if report.matter:
            where = relations.committee(relations.meeting(report.meeting).committee).name
            found[report.matter].append(Step(report.date, where, f"Report: {report.title}", urls.report(report.id)))
    for review in relations.reviews:
        if review.matter:
            count = len(review.recommendations)
            found[review.matter].append(
                Step(
                    review.reported or review.started,
                    relations.committee(review.committee).name,
                    f"Scrutiny review: {review.title} ({count} recommendation{'s' if count != 1 else ''})",
                    urls.review(review.id),
                )
            )
    for notice in relations.notices:
        if notice.matter:
            found[notice.matter].append(
                Step(
                    notice.published,
                    relations.decision_maker(notice),
                    f"Forward Plan notice: {notice.title}",
                    urls.notice(notice.id),
                )
            )
    for decision in relations.decisions:
        if decision.matter:
            maker = relations.decision_maker(decision)
            url = urls.decision(decision.id)
            found[decision.matter].append(Step(decision.date, maker, f"Decision: {decision.title}", url))
            if decision.call_in and decision.call_in.requested <= relations.as_of:
                found[decision.matter].append(
                    Step(decision.call_in.requested, maker, f"Decision called in: {decision.title}", url)
                )
    for matter in relations.content.matters.values():
        for event in matter.events:
            found[matter.id].append(Step(event.date, event.body or "", event.title, None, event.note))
    return {
        matter: sorted(steps, key=lambda s: (s.date is None, s.date or dt.date.min)) for matter, steps in found.items()
    }
