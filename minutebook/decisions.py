"""Decisions and their clocks: who took a decision, until when it can be called in, where it
stands, and its history from Forward Plan notice to reconsideration. Pure functions of the
content and a day.

- An executive decision can be called in for ``call_in_working_days`` working days after its
  notice is published (weekends, bank holidays and closed days left out as site.yaml's notice
  rules say); it can be implemented on the next working day unless it was called in.
- A called-in decision can be implemented once scrutiny takes no further action (or the
  request is withdrawn or not valid), or once the decision maker has reconsidered it.
- A key decision needs 28 clear days' notice in the Forward Plan (Local Authorities (Executive
  Arrangements) (Meetings and Access to Information) (England) Regulations 2012, reg. 9), unless
  it is taken under general exception (reg. 10) or special urgency (reg. 11).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .i18n import N_, word
from .model import Content, Decision, Meeting, NoticeRules, Notice
from .notice import counts_as_clear

# Where a decision stands, in the order a decision moves through them.
STATUSES = (
    "not yet published",
    "open to call-in",
    "called in",
    "referred back",
    "referred to full council",
    "can be implemented",
    "revoked",
)
# Call-in outcomes after which the decision stands as taken.
STANDS = ("no further action", "request withdrawn", "request not valid")


@dataclass(frozen=True)
class Standing:
    """Where a decision stands on a day."""

    status: str  # one of STATUSES
    subject_to_call_in: bool
    deadline: dt.date | None  # the last day it can be called in
    implementable: dt.date | None  # the first day it can be implemented, once known


def maker_kind(decision: Decision | Notice, content: Content) -> str:
    """ "executive", "executive member", "committee" or "officer": who takes it."""
    if decision.committee is not None:
        committee = content.committees.get(decision.committee)
        return "executive" if committee is not None and committee.kind == "executive" else "committee"
    person = content.people.get(decision.person or "")
    return "officer" if person is not None and person.kind != "councillor" else "executive member"


def maker_name(decision: Decision | Notice, content: Content) -> str:
    """The body or person who takes it, as the register lists them."""
    if decision.committee in content.committees:
        return content.committees[decision.committee].name
    person = content.people.get(decision.person or "")
    return person.display_name if person else ""


def subject_to_call_in(decision: Decision, content: Content) -> bool:
    """Executive decisions can be called in (an officer's only when key), unless urgency exempts them."""
    if decision.call_in_exempt:
        return False
    kind = maker_kind(decision, content)
    return kind in ("executive", "executive member") or (kind == "officer" and decision.key_decision)


def working_days_after(day: dt.date, count: int, rules: NoticeRules) -> dt.date:
    """The ``count``-th working day after ``day`` (the day after, when ``count`` is 0)."""
    current = day + dt.timedelta(days=1)
    left = count
    while not counts_as_clear(current, rules) or left > 1:
        if counts_as_clear(current, rules):
            left -= 1
        current += dt.timedelta(days=1)
    return current


def call_in_deadline(decision: Decision, content: Content) -> dt.date | None:
    if decision.published is None:
        return None
    rules = content.site.notice
    return working_days_after(decision.published, content.site.decisions.call_in_working_days, rules)


def standing(decision: Decision, content: Content, today: dt.date) -> Standing:
    if not subject_to_call_in(decision, content):
        return Standing("can be implemented", False, None, decision.date)
    deadline = call_in_deadline(decision, content)
    if deadline is None:
        return Standing("not yet published", True, None, None)
    call_in = decision.call_in
    if call_in is None or call_in.requested > today:
        if today <= deadline:
            return Standing("open to call-in", True, deadline, None)
        return Standing("can be implemented", True, deadline, working_days_after(deadline, 0, content.site.notice))
    decided = call_in.outcome_date or _meeting_date(call_in.meeting, content)
    if call_in.outcome is None or (decided is not None and decided > today):
        return Standing("called in", True, deadline, None)
    if call_in.outcome in STANDS:
        return Standing("can be implemented", True, deadline, decided)
    again = call_in.reconsidered
    if again is None or again.date > today:
        return Standing(call_in.outcome, True, deadline, None)
    if again.result == "revoked":
        return Standing("revoked", True, deadline, None)
    return Standing("can be implemented", True, deadline, again.date)


def _meeting_date(meeting_id: str | None, content: Content) -> dt.date | None:
    meeting: Meeting | None = content.meetings.get(meeting_id or "")
    return meeting.date if meeting else None


def clear_calendar_days(first: dt.date, last: dt.date) -> int:
    """Days strictly between two days: the Forward Plan's clear days count every day."""
    return max((last - first).days - 1, 0)


def short_notice(decision: Decision, notice: Notice | None, content: Content) -> bool:
    """A key decision taken without the Forward Plan's notice and no urgency recorded."""
    if not decision.key_decision or decision.urgency is not None:
        return False
    needed = content.site.decisions.forward_plan_clear_days
    return notice is None or clear_calendar_days(notice.published, decision.date) < needed


@dataclass(frozen=True)
class Step:
    """One dated step of a decision's history."""

    date: dt.date
    title: str
    url: str | None = None
    note: str | None = None  # Markdown
    status: str | None = None  # as timeline.Event has: the page shows both with one macro


def history(
    decision: Decision, notice: Notice | None, content: Content, today: dt.date, url_of_meeting: dict[str, str]
) -> list[Step]:
    """The decision's story, oldest first: notice, decision, publication, call-in, scrutiny,
    outcome, reconsideration, and the day it can be (or could be) implemented."""
    steps: list[Step] = []
    if notice is not None:
        steps.append(Step(notice.published, N_("Notice of the decision published in the Forward Plan")))
    steps.append(
        Step(
            decision.date,
            N_("Decision taken by %(maker)s", maker=maker_name(decision, content)),
            url_of_meeting.get(decision.meeting or ""),
        )
    )
    if decision.published:
        steps.append(Step(decision.published, N_("Decision notice published")))
    call_in = decision.call_in
    if call_in is not None and call_in.requested <= today:
        steps.append(Step(call_in.requested, N_("Called in")))  # its reasons are on the page once, under Call-in
        when = call_in.outcome_date or _meeting_date(call_in.meeting, content)
        if call_in.meeting and (met := _meeting_date(call_in.meeting, content)) and met <= today:
            steps.append(Step(met, N_("Considered by scrutiny"), url_of_meeting.get(call_in.meeting)))
        if call_in.outcome and when and when <= today:
            steps.append(Step(when, N_("Outcome of the call-in: %(outcome)s", outcome=word(call_in.outcome))))
        again = call_in.reconsidered
        if again is not None and again.date <= today:
            steps.append(
                Step(
                    again.date,
                    N_("Reconsidered: %(result)s", result=word(again.result)),
                    url_of_meeting.get(again.meeting or ""),
                    again.note,
                )
            )
    now = standing(decision, content, today)
    if now.deadline and now.status != "not yet published":
        steps.append(Step(now.deadline, N_("Last day for call-in")))
    if now.implementable and now.subject_to_call_in:
        steps.append(Step(now.implementable, N_("Can be implemented")))
    return sorted(steps, key=lambda step: step.date)
