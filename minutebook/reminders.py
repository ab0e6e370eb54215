"""Warnings a clerk would want: nothing is invalid, but something looks out of date.

They never stop a build. Records dated before site.yaml's ``checks_start`` are treated
as an archive and not warned about, except what makes a page untrue: an archive's meetings still
"scheduled" get one warning between them, not one each.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import documents
from .checks import linked_ids, person_name
from .decisions import clear_calendar_days, short_notice
from .errors import Problems
from .lifecycle import current_action_by
from .model import Committee, Content, Meeting, Review
from .notice import REQUIRED_CLEAR_DAYS, clear_days
from .relations import Relations


def warn_about(content: Content, now: dt.datetime, problems: Problems) -> None:
    relations = Relations(content, now)
    start = content.site.checks_start or dt.date.min
    for meeting in relations.meetings:
        if meeting.date >= start:
            _meeting_reminders(meeting, relations, problems)
            _chair_reminders(meeting, relations.content, problems)
    _archive_still_scheduled([m for m in relations.meetings if m.date < start], relations, problems)
    for review in relations.reviews:
        _response_reminder(review, relations, start, problems)
    for rec in relations.recommendations:
        due = current_action_by(rec)
        if (
            due
            and due.date
            and due.date >= start
            and relations.is_overdue(rec)
            and not any(update.date > due.date for update in rec.updates)
        ):
            problems.warn(
                rec.src.path,
                rec.response.src.line_of("action_by"),  # type: ignore[union-attr]
                f"recommendation {rec.id} was due by {due} and has had no monitoring update since",
                "add an entry under `updates:` with the latest progress, or set `status: completed`",
            )
    _decision_reminders(relations, start, problems)
    _document_reminders(content, problems)
    named = linked_ids(content, "person") | _mentioned(content)
    for person in relations.people:
        record = relations.record_of(person)
        if not (
            record.memberships
            or record.attendance
            or record.owns
            or record.evidence
            or record.reports
            or record.chairs_reviews
            or record.decisions
            or record.called_in
            or person.terms
            or person.posts
            or person.id in named
        ):
            problems.warn(
                person.src.path,
                1,
                f"{person.display_name} has no role on the site: no committee, "
                "meeting, report, review, recommendation, decision or term of office names them",
                "add them where they belong (for example a committee's members), or delete the file",
            )


def _decision_reminders(relations: Relations, start: dt.date, problems: Problems) -> None:
    """A key decision needs the Forward Plan's notice or a recorded urgency; a notice whose day
    has passed is either taken or moved."""
    content = relations.content
    needed = content.site.decisions.forward_plan_clear_days
    for decision in relations.decisions:
        if decision.date > relations.as_of and not decision.draft:
            problems.warn(
                decision.src.path,
                decision.src.line_of("date"),
                f"this decision is dated {decision.date}, after today ({relations.as_of}): "
                "a decision is recorded once it has been taken",
                "check the date; for a decision still to come, add a Forward Plan notice instead",
            )
        notice = relations.notice_of(decision)
        if decision.date >= start and short_notice(decision, notice, content):
            given = (
                f"its notice gave {clear_calendar_days(notice.published, decision.date)} clear days"
                if notice
                else "it has no Forward Plan notice"
            )
            problems.warn(
                decision.src.path,
                decision.src.line_of("notice" if notice else "key_decision"),
                f"this key decision needed {needed} clear days' notice in the Forward Plan, but {given}",
                "add `notice:` with the id of its Forward Plan notice, or record the urgency used under `urgency:` "
                "(general exception or special urgency, the reason and who agreed it)",
            )
    for notice in relations.notices:
        if start <= notice.expected < relations.as_of and notice.id not in relations.decision_on_notice:
            problems.warn(
                notice.src.path,
                notice.src.line_of("expected"),
                f"this decision was expected on {notice.expected}, but no decision gives `notice: {notice.id}`",
                "once the decision is taken, add its record with `notice:` set; if it was put off, "
                "change `expected:` to the new date",
            )


def _document_reminders(content: Content, problems: Problems) -> None:
    """A file no record lists is never published; one whose words cannot be read is published,
    but search cannot find it and many readers cannot read it."""
    for path in documents.unlisted(content):
        problems.warn(
            Path(content.files[path].source),
            1,
            "no meeting, report, decision or notice lists this file, so it is not published",
            "list it under `documents:`, `appendices:` or `original:` with `file: " + path + "`, or delete it",
        )
    for path, listed in sorted(documents.listing(content).items()):
        stored = listed[0][1].stored
        if stored is not None and stored.unreadable and not all(document.exempt for _, document in listed):
            problems.warn(
                Path(stored.source),
                1,
                f"its words cannot be read ({stored.unreadable}), so search will not find them and "
                "people using screen readers may not be able to read it",
                "save it again from the program it was written in (in Word: File, Save as, PDF), not scanned",
            )


def _archive_still_scheduled(archive: list[Meeting], relations: Relations, problems: Problems) -> None:
    """The site shows these as awaiting minutes; one warning names them all, so that an archive
    of hundreds does not bury the warnings about current records."""
    stale = [m for m in archive if relations.meeting_status(m) == "awaiting minutes"]
    if not stale:
        return
    first = stale[0]
    others = ", ".join(m.id for m in stale[1:6]) + (f" and {len(stale) - 6} more" if len(stale) > 6 else "")
    problems.warn(
        first.src.path,
        first.src.line_of("status"),
        f'this meeting was on {first.date} but is still "scheduled"'
        + (f", as {_are_others(len(stale) - 1)} before checks_start ({others})" if others else "")
        + '; the site shows them as "awaiting minutes"',
        "set `status: held` (and add the minutes), `cancelled` or `postponed` in each",
    )


def _are_others(count: int) -> str:
    return "is 1 other meeting" if count == 1 else f"are {count} other meetings"


def _response_reminder(review: Review, relations: Relations, start: dt.date, problems: Problems) -> None:
    clock = relations.response_clock(review)
    if clock and clock.overdue and clock.due >= start:
        problems.warn(
            review.src.path,
            review.src.line_of("reported"),
            f"the response to this review was due by {clock.due}, two months after it was reported "
            "(Local Government Act 2000, s.9FE), and none is recorded; the site shows its "
            "recommendations as overdue",
            "add the executive's response under `response:` (with its date) and each recommendation's `response:`",
        )


def _meeting_reminders(meeting: Meeting, relations: Relations, problems: Problems) -> None:
    path = meeting.src.path
    if meeting.status == "scheduled" and meeting.date < relations.as_of:
        problems.warn(
            path,
            meeting.src.line_of("status"),
            f'this meeting was on {meeting.date} but is still "scheduled"',
            "set `status: held` (and add the minutes), `cancelled` or `postponed`",
        )
    if meeting.status == "held" and meeting.date > relations.as_of:
        problems.warn(
            path,
            meeting.src.line_of("status"),
            f'this meeting is marked "held" but its date, {meeting.date}, is after {relations.as_of}, '
            "the date the site is built as of",
            "set `status: scheduled` until the meeting has taken place, or correct `date:` (the site is "
            "built as of today, or of the date given with --as-of)",
        )
    elif meeting.status == "held" and not meeting.minutes:
        problems.warn(
            path,
            meeting.src.line_of("status"),
            "this meeting was held but has no minutes",
            "add the minutes under `minutes:` when they are approved for publication",
        )
    if meeting.agenda_published and not meeting.short_notice_reason:
        days = clear_days(meeting.agenda_published, meeting.date, relations.content.site.notice)
        if days < REQUIRED_CLEAR_DAYS:
            problems.warn(
                path,
                meeting.src.line_of("agenda_published"),
                f"the agenda was published {days} clear day{'s' if days != 1 else ''} before the meeting; "
                f"the law requires {REQUIRED_CLEAR_DAYS} (Local Government Act 1972, s.100B(3))",
                "add `short_notice_reason:` saying why the item could not wait (s.100B(4)), "
                "or correct `agenda_published:`",
            )


def _chair_reminders(meeting: Meeting, content: Content, problems: Problems) -> None:
    """Whoever chairs a meeting is normally a member of its committee that day. Only a warning:
    a substitute chair, or a civic head chairing full council, may not be a member."""
    committee = content.committees.get(meeting.committee)
    attendance = meeting.attendance
    if committee is None or not committee.members or attendance is None:
        return  # a committee that lists no members cannot tell
    chairs = [(attendance.chair, attendance.src.line_of("chair"))] if attendance.chair else []
    chairs += [(change.person, change.src.line_of("person")) for change in attendance.chair_changes]
    for person, line in chairs:
        if not _member_on(committee, person, meeting.date):
            problems.warn(
                attendance.src.path,
                line,
                f"{person_name(content, person)} chaired this meeting but was not a member of the committee "
                f"on {meeting.date}",
                f'check the person id; if "{person}" was a member that day, add or correct their entry under '
                f"`members:` in content/committees/{committee.id}.yaml so that its `since:` and `until:` "
                f"dates include {meeting.date}; nothing to change if they chaired as a substitute",
            )


def _member_on(committee: Committee, person: str, day: dt.date) -> bool:
    """Whether a membership covers the day; a missing date leaves the term open at that end."""
    return any(
        m.person == person and (m.since or dt.date.min) <= day <= (m.until or dt.date.max) for m in committee.members
    )


def _mentioned(content: Content) -> set[str]:
    """Everyone named in a meeting's declarations or chair changes, or as a review's member."""
    named: set[str] = {review_member for review in content.reviews.values() for review_member in review.members}
    for meeting in content.meetings.values():
        named.update(declaration.person for declaration in meeting.declarations)
        if meeting.attendance:
            named.update(change.person for change in meeting.attendance.chair_changes)
    return named
