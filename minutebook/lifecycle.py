"""How a recommendation and a review move through time: pure functions with known answers.

- the status of a recommendation on any past day;
- when it was responded to and completed, and how many days each took;
- its action-by date on any day, with each change and its reason;
- the executive's two months to respond to a scrutiny report (Local Government Act 2000,
  s.9FE), and monitoring reports promised in or after the response.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .model import ActionBy, PromisedReport, Recommendation, Review

RESPONSE_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def made_on(rec: Recommendation, review: Review) -> dt.date | None:
    return rec.made or review.reported


def responded_on(rec: Recommendation, review: Review) -> dt.date | None:
    return review.response.date if rec.response and review.response else None


def completed_on(rec: Recommendation, review: Review) -> dt.date | None:
    """The first update that says completed; a recommendation completed when the executive
    responded (and never updated) was completed on the response date."""
    for update in rec.updates:
        if update.status == "completed":
            return update.date
    if rec.status == "completed" and not rec.updates:
        return responded_on(rec, review)
    return None


def days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    return (end - start).days if start and end else None


def status_on(rec: Recommendation, review: Review, day: dt.date) -> str | None:
    """The implementation status on ``day``: None before it was made, then "not started"
    until an update says otherwise; with no updates at all, the current status from the response."""
    made = made_on(rec, review)
    if made is None or day < made:
        return None
    if not rec.updates:
        responded = responded_on(rec, review)
        return rec.status if responded and day >= responded else "not started"
    status = "not started"
    for update in rec.updates:
        if update.date <= day:
            status = update.status
    return status


def action_by_on(rec: Recommendation, day: dt.date) -> ActionBy | None:
    """The action-by date in force on ``day``: the original, or the latest change made by then."""
    due = rec.response.action_by if rec.response else None
    for change in rec.action_by_changes:
        if change.date <= day:
            due = change.action_by
    return due


def current_action_by(rec: Recommendation) -> ActionBy | None:
    return action_by_on(rec, dt.date.max)


@dataclass(frozen=True)
class Clock:
    """A deadline and whether it has been met."""

    what: str
    due: dt.date
    met_on: dt.date | None
    overdue: bool


def response_clock(review: Review, today: dt.date) -> Clock | None:
    """Two months from the report to the executive's response (s.9FE)."""
    if review.reported is None:
        return None
    due = add_months(review.reported, RESPONSE_MONTHS)
    met = review.response.date if review.response else None
    return Clock("Executive response", due, met, met is None and today > due)


def promised_report_clock(
    promise: PromisedReport, review: Review, today: dt.date, received_on: dt.date | None = None
) -> Clock:
    """Met when the report went to its meeting, or when any recommendation of the review had a
    monitoring update after the promise."""
    due = promise.due or add_months(promise.promised_on, promise.within_months or 0)
    updates = [u.date for rec in review.recommendations for u in rec.updates if u.date > promise.promised_on]
    met = received_on or (min(updates) if updates else None)
    return Clock("Monitoring report", due, met, met is None and today > due)
