"""Pure functions that put meetings, reviews and recommendations in time order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from .graph import Graph, municipal_year
from .model import Meeting, Recommendation, Review
from .urls import Urls


@dataclass(frozen=True)
class Event:
    """One dated entry of a timeline."""

    date: dt.date
    title: str
    url: str | None = None
    status: str | None = None
    note: str | None = None  # Markdown


def by_municipal_year(meetings: list[Meeting]) -> list[tuple[str, list[Meeting]]]:
    """Newest municipal year first; meetings within a year in date order."""
    ordered = sorted(meetings, key=lambda m: m.date)
    groups = [(year, list(items)) for year, items in groupby(ordered, key=lambda m: municipal_year(m.date))]
    return list(reversed(groups))


def by_year_and_month(meetings: list[Meeting]) -> list[tuple[int, list[tuple[str, list[Meeting]]]]]:
    """All meetings by calendar year then month, newest first."""
    ordered = sorted(meetings, key=lambda m: (m.date, m.start_time or ""), reverse=True)
    years = []
    for year, in_year in groupby(ordered, key=lambda m: m.date.year):
        months = [(month, list(items)) for month, items in groupby(in_year, key=lambda m: m.date.strftime("%B"))]
        years.append((year, months))
    return years


def review_timeline(review: Review, graph: Graph, urls: Urls) -> list[Event]:
    events: list[Event] = []
    if review.started:
        events.append(Event(review.started, "Review started"))
    for session in review.evidence_sessions:
        url = urls.meeting(session.meeting) if session.meeting else None
        events.append(Event(session.date, f"Evidence session: {session.title}", url))
    for report in sorted(graph.content.reports.values(), key=lambda r: r.date):
        if report.review == review.id:
            events.append(Event(report.date, f"Report to {graph.committee(graph.meeting(report.meeting).committee).name}: {report.title}",
                                urls.report(report.id)))
    if review.reported and not any(e.date == review.reported for e in events):
        events.append(Event(review.reported, "Review reported"))
    if review.response:
        url = urls.report(review.response.report) if review.response.report else None
        events.append(Event(review.response.date, f"{review.response.by} responded", url))
    for rec in review.recommendations:
        for update in rec.updates:
            events.append(Event(update.date, f"Monitoring update on recommendation {rec.id}", status=update.status))
    return sorted(events, key=lambda e: e.date)


def recommendation_timeline(rec: Recommendation, graph: Graph) -> list[Event]:
    review = graph.review_of(rec)
    events: list[Event] = []
    made = graph.made_on(rec)
    if made:
        events.append(Event(made, "Recommendation made", status="made"))
    if rec.response and review.response:
        events.append(Event(review.response.date, f"{review.response.by} response: {rec.response.decision}",
                            status=rec.response.decision))
    for update in rec.updates:
        events.append(Event(update.date, "Monitoring update", status=update.status, note=update.note))
    due = rec.response.action_by if rec.response else None
    if due and due.date:
        events.append(Event(due.date, "Action due", status="overdue" if graph.is_overdue(rec) else None))
    return sorted(events, key=lambda e: e.date)
