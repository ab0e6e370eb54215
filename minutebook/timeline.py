"""Pure functions that put meetings, reviews and recommendations in time order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from . import lifecycle
from .i18n import MONTH, N_, Date, Message, word
from .relations import MunicipalYears, Relations
from .model import ActionBy, Meeting, Recommendation, Review
from .urls import Urls


@dataclass(frozen=True)
class Event:
    """One dated entry of a timeline."""

    date: dt.date
    title: str
    url: str | None = None
    status: str | None = None
    note: str | None = None  # Markdown


def by_municipal_year(meetings: list[Meeting], years: MunicipalYears) -> list[tuple[str, list[Meeting]]]:
    """Newest municipal year first; meetings within a year in date order."""
    ordered = sorted(meetings, key=lambda m: m.date)
    groups = [(year, list(items)) for year, items in groupby(ordered, key=lambda m: years.of(m.date))]
    return list(reversed(groups))


def by_year_and_month(meetings: list[Meeting]) -> list[tuple[int, list[tuple[dt.date, list[Meeting]]]]]:
    """All meetings by calendar year then month (its first day), newest first."""
    ordered = sorted(meetings, key=lambda m: (m.date, m.start_time or ""), reverse=True)
    years = []
    for year, in_year in groupby(ordered, key=lambda m: m.date.year):
        months = [(month, list(items)) for month, items in groupby(in_year, key=lambda m: m.date.replace(day=1))]
        years.append((year, months))
    return years


def review_timeline(review: Review, relations: Relations, urls: Urls) -> list[Event]:
    events: list[Event] = []
    if review.started:
        events.append(Event(review.started, N_("Review started")))
    for session in review.evidence_sessions:
        url = urls.meeting(session.meeting) if session.meeting else None
        events.append(Event(session.date, N_("Evidence session: %(title)s", title=session.title), url))
    for report in relations.reports_on_review.get(review.id, []):
        events.append(
            Event(
                report.date,
                N_(
                    "Report to %(committee)s: %(title)s",
                    committee=relations.committee(relations.meeting(report.meeting).committee).name,
                    title=report.title,
                ),
                urls.report(report.id),
            )
        )
    if review.reported and not any(e.date == review.reported for e in events):
        events.append(Event(review.reported, N_("Review reported")))
    if review.response:
        url = urls.report(review.response.report) if review.response.report else None
        events.append(Event(review.response.date, N_("%(responder)s responded", responder=review.response.by), url))
    for rec in review.recommendations:
        for update in rec.updates:
            events.append(
                Event(
                    update.date,
                    N_("Monitoring update on recommendation %(number)s", number=rec.id),
                    status=update.status,
                )
            )
    return sorted(events, key=lambda e: e.date)


def _response_words(decision: str, responder: str) -> Message:
    # "Cabinet response: not stated" reads as if Cabinet said "not stated".
    if decision == "not stated":
        return N_("%(responder)s responded without saying whether it accepts this", responder=responder)
    return N_("%(responder)s response: %(decision)s", responder=responder, decision=word(decision))


def recommendation_timeline(rec: Recommendation, relations: Relations) -> list[Event]:
    """Made, responded to, each monitoring update and change of action-by date, and completion;
    each event with the status it left the recommendation in."""
    review = relations.review_of(rec)
    events: list[Event] = []
    made = lifecycle.made_on(rec, review)
    if made:
        events.append(Event(made, N_("Recommendation made"), status="not started"))
    responded = lifecycle.responded_on(rec, review)
    if rec.response and review.response and responded:
        events.append(
            Event(
                responded,
                _response_words(rec.response.decision, review.response.by),
                status=lifecycle.status_on(rec, review, responded),
            )
        )
    previous = rec.response.action_by if rec.response else None
    for change in rec.action_by_changes:
        events.append(
            Event(
                change.date,
                N_(
                    "Action-by date moved from %(before)s to %(after)s",
                    before=action_by_words(previous),
                    after=action_by_words(change.action_by),
                ),
                note=N_("Reason given: %(reason)s", reason=change.reason),
            )
        )
        previous = change.action_by
    for update in rec.updates:
        events.append(Event(update.date, N_("Monitoring update"), status=update.status, note=update.note))
    due = lifecycle.current_action_by(rec)
    if due and due.date and not lifecycle.completed_on(rec, review):
        events.append(Event(due.date, N_("Action due"), status="overdue" if relations.is_overdue(rec) else None))
    return sorted(events, key=lambda e: e.date)


def action_by_words(due: ActionBy | None) -> str | Date:
    """12 December 2014, December 2014, ongoing, to be agreed or not set, each in the page's
    language when it is shown (i18n.py)."""
    if due is None:
        return N_("not set")
    if due.kind == "date" and due.date:
        return Date(due.date)
    if due.kind == "month" and due.date:
        return Date(due.date, MONTH)
    return word(due.kind)
