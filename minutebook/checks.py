"""Rules that span records: references resolve, numbers are unique, dates are in order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from . import lifecycle
from .decision_checks import check_decision, check_notice, check_votes
from .errors import Problems, did_you_mean
from .model import (
    UK,
    AgendaItem,
    Attendance,
    Committee,
    Content,
    Decision,
    GlossaryTerm,
    Markdown,
    Meeting,
    Membership,
    MinuteItem,
    MinuteNumber,
    Notice,
    Person,
    PlanningApplication,
    Report,
    Review,
    StaticPage,
    Theme,
    WrittenReference,
)
from .planning_checks import check_application, check_references
from .references import XREF, XREF_KINDS, Reference, markdown_in, references, unfinished
from .urls import RESERVED_SEGMENTS
from .withhold import exempt_paragraph, is_confidential, minute_item, report_item

EXEMPT_PARAGRAPHS = range(1, 8)
# Attendance lists that say a person was at the meeting, and those that say they were not.
PRESENT_LISTS = ("present", "also_in_attendance", "officers", "witnesses")
AWAY_LISTS = ("apologies", "absent")
# Lists that name people as councillors at the meeting (officers and witnesses are not).
MEMBER_LISTS = ("present", "apologies", "absent", "also_in_attendance")


def check_content(content: Content, problems: Problems) -> None:
    """Report every cross-record problem; the content itself is never changed."""
    check_records(content, _records(content), problems)
    check_references(content, problems)
    _check_glossary(content.glossary, problems)


def check_records(content: Content, records: list[Any], problems: Problems) -> None:
    """Report every problem of these records of ``content`` (the preview's quick look checks only
    the records it read again)."""
    known = known_ids(content)
    for record in records:
        for node in walk(record):
            _check_refs(node, record, known, problems)
            _check_plain_links(node, problems)
    for written in (written for unreadable in content.unreadable for written in unreadable.references):
        _check_ref(written, known, problems)  # a file with problems of its own: its references too, in this run
    for record in records:
        for text in markdown_in(record):
            for ref in references(text):
                message = xref_problem(ref, content)
                if message:
                    problems.error(text.path, ref.line, message[0], message[1])
            _check_unfinished_link(text, problems)
    for record in records:
        if isinstance(record, Committee):
            _check_memberships(record, content, problems)
        elif isinstance(record, Person):
            _check_terms(record, problems)
    for record in records:
        if isinstance(record, Meeting):
            _check_meeting(record, content, problems)
            _check_meeting_times(record, problems)
            _check_cancelled(record, problems)
            if record.attendance:
                _check_present_and_away(record.attendance, content, problems)
                _check_left_office(record, record.attendance, content, problems)
    for record in records:
        if isinstance(record, Meeting):
            check_votes(record, content, problems)
        elif isinstance(record, Decision):
            check_decision(record, content, problems)
            _check_exempt(record.exempt, record.src.path, record.src.line_of("exempt"), problems)
        elif isinstance(record, PlanningApplication):
            check_application(record, content, problems)
        elif isinstance(record, Notice):
            check_notice(record, problems)
            if record.private:
                _check_exempt(
                    record.private.paragraph, record.src.path, record.private.src.line_of("paragraph"), problems
                )
    for record in records:
        if isinstance(record, Report):
            _check_report(record, content, problems)
    for record in records:
        if isinstance(record, Review):
            _check_review(record, problems)
            _check_theme_ids(record, problems)
    for record in records:
        if isinstance(record, StaticPage) and record.id in RESERVED_SEGMENTS:
            problems.error(
                record.src.path,
                1,
                f'a page cannot be called "{record.id}": the site uses /{record.id}/ itself',
                "rename the file, e.g. to about-" + record.id + ".md",
            )


def known_ids(content: Content) -> dict[str, set[str]]:
    """The ids references may name: of each record, and of each file whose problems are reported."""
    known = {
        "committee": set(content.committees),
        "person": set(content.people),
        "meeting": set(content.meetings),
        "report": set(content.reports),
        "review": set(content.reviews),
        "matter": set(content.matters),
        "decision": set(content.decisions),
        "notice": set(content.notices),
        "ward": set(content.wards),
        "planning application": set(content.planning_applications),
    }
    for record in content.unreadable:
        known.setdefault(record.kind, set()).add(record.id)
    return known


def _records(content: Content) -> list[Any]:
    return [
        content.site,
        *content.committees.values(),
        *content.people.values(),
        *content.meetings.values(),
        *content.reports.values(),
        *content.reviews.values(),
        *content.recommendations(),
        *content.pages.values(),
        *content.matters.values(),
        *content.decisions.values(),
        *content.notices.values(),
        *content.wards.values(),
        *content.planning_applications.values(),
        *content.glossary,
    ]


def walk(node: Any) -> Iterator[Any]:
    """Every dataclass inside ``node``, itself included."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        yield node
        for fld in dataclasses.fields(node):
            if fld.name == "recommendations" and isinstance(node, Review):
                continue  # checked as records of their own
            yield from walk(getattr(node, fld.name))
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)


def _check_refs(node: Any, record: Any, known: dict[str, set[str]], problems: Problems) -> None:
    for fld in dataclasses.fields(node):
        kind = fld.metadata.get("ref")
        value = getattr(node, fld.name)
        if not kind or not value:
            continue
        for target in value if isinstance(value, list) else [value]:
            _check_ref(
                WrittenReference(kind, target, fld.name, node.src.path, node.src.line_of(fld.name)), known, problems
            )


def _check_ref(ref: WrittenReference, known: dict[str, set[str]], problems: Problems) -> None:
    if ref.target not in known[ref.kind]:
        problems.error(
            ref.path,
            ref.line,
            f'"{ref.field}" refers to the {ref.kind} "{ref.target}", which does not exist'
            f"{did_you_mean(ref.target, known[ref.kind])}",
            f"use the id of a file in content/{_folder(ref.kind)}/, or create that file",
        )


def _check_plain_links(node: Any, problems: Problems) -> None:
    """Links are made only in Markdown text: in a title or a name, [[kind:id]] would be printed as
    written, naming whatever it points to (even something withheld)."""
    src = getattr(node, "src", None)
    if src is None:
        return
    for fld in dataclasses.fields(node):
        value = getattr(node, fld.name)
        if isinstance(value, str) and not isinstance(value, Markdown) and "[[" in value and XREF.search(value):
            problems.error(
                src.path,
                src.line_of(fld.name),
                f'"{fld.name}" is shown as written, so its "[[...]]" would be printed as it is, not made a link',
                "write the words without [[ ]]; links can be made in the text below (the body, a summary, a resolution)",
            )


def _folder(kind: str) -> str:
    return {"person": "people"}.get(kind, kind + "s")


def linked_ids(content: Content, kind: str) -> set[str]:
    """Ids of every record of ``kind`` that some Markdown text links to with [[kind:id]]."""
    return {ref.ident for text in _markdown_texts(content) for ref in references(text) if ref.kind == kind}


def _markdown_texts(content: Content) -> Iterator[Markdown]:
    for record in _records(content):
        yield from markdown_in(record)


def xref_problem(ref: Reference, content: Content) -> tuple[str, str] | None:
    """Why a [[kind:id]] reference does not resolve, with the fix; None when it does."""
    kind, ident, target, parent, child = ref.kind, ref.ident, ref.target, ref.parent, ref.child
    if {(kind, ident), ref.owner} & {(record.kind, record.id) for record in content.unreadable}:
        return None  # its file's own problems are reported
    if kind not in XREF_KINDS:
        return (
            f'"[[{target}]]" is not a link kind minutebook knows{did_you_mean(kind, XREF_KINDS)}',
            "write [[kind:id]] with kind one of " + ", ".join(XREF_KINDS),
        )
    if kind == "minute":
        meeting = content.meetings.get(parent)
        if meeting is None:
            return _missing("meeting", parent, content.meetings)
        numbers = [str(item.number) for item in meeting.minutes]
        if any(
            str(item.number) == child and is_confidential(item, minute_item(meeting, item)) for item in meeting.minutes
        ):
            return (
                f'"[[{target}]]" links to a confidential minute, which is never published',
                "remove the link; confidential information may not be referred to in public",
            )
        if child not in numbers:
            return (
                f'"[[{target}]]": the meeting {parent} has no minute {child or "(none given)"}',
                "write [[minute:<meeting id>/<minute number>]] with a number from that meeting: "
                + (", ".join(numbers) or "it has no minutes yet"),
            )
        return None
    if kind == "recommendation":
        review = content.reviews.get(parent)
        if review is None:
            return _missing("review", parent, content.reviews)
        ids = [rec.id for rec in review.recommendations]
        if child not in ids:
            return (
                f'"[[{target}]]": the review {parent} has no recommendation "{child}"',
                "write [[recommendation:<review id>/<number>]] with one of: " + ", ".join(ids),
            )
        return None
    report = content.reports.get(ident) if kind == "report" else None
    if report is not None and is_confidential(report, report_item(content, report)):
        return (
            f'"[[{target}]]" links to a confidential report, which is never published',
            "remove the link; confidential information may not be referred to in public",
        )
    groups: dict[str, Mapping[str, Any]] = {
        "committee": content.committees,
        "meeting": content.meetings,
        "report": content.reports,
        "review": content.reviews,
        "person": content.people,
    }
    group = groups[kind]
    return None if ident in group else _missing(kind, ident, group)


def _missing(kind: str, ident: str, group: Mapping[str, Any]) -> tuple[str, str]:
    return (
        f"the link [[{kind}:{ident}]] points to a {kind} that does not exist{did_you_mean(ident, group)}",
        f"use the id of a file in content/{_folder(kind)}/",
    )


def _check_unfinished_link(text: Markdown, problems: Problems) -> None:
    """A "[[kind:" that is never closed as [[kind:id]] is a link left unfinished."""
    line = unfinished(text)
    if line is not None:
        problems.error(
            text.path,
            line,
            'a link starts with "[[" but is not finished as [[kind:id]]',
            "end it with ]], e.g. [[meeting:planning-2025-01-23]], or remove the [[",
        )


def _written_as(number: MinuteNumber, numbers: set[MinuteNumber]) -> str:
    """' (the minutes have "P24")' when a number differs from one of the minutes only in capitals
    or punctuation: numbers are matched as written."""
    near = sorted(n for n in numbers if n.slug == number.slug)
    return f' (the minutes have "{near[0]}")' if near else ""


def _check_meeting(meeting: Meeting, content: Content, problems: Problems) -> None:
    path = meeting.src.path
    expected = f"{meeting.committee}-{meeting.date.isoformat()}"
    if meeting.id != expected and meeting.committee in content.committees:
        problems.error(
            path,
            1,
            f'the file name does not match the committee and date ("{expected}")',
            f"rename the file to {expected}.yaml so its address is predictable",
        )
    numbers = Counter(item.number for item in meeting.minutes)
    minute_numbers = set(numbers)
    slugs: dict[str, MinuteNumber] = {}
    for item in meeting.minutes:
        if numbers[item.number] > 1:
            problems.error(
                path,
                item.src.line_of("number"),
                f"minute number {item.number} is used twice in this meeting",
                "give each minute item its own number",
            )
            numbers[item.number] = 1  # report each duplicate once
        clash = slugs.setdefault(item.number.slug, item.number)
        if clash != item.number:
            problems.error(
                path,
                item.src.line_of("number"),
                f'minute number "{item.number}" differs from minute "{clash}" only in capital letters or '
                f"punctuation, so both would have the address minutes/{item.number.slug}/",
                "check the numbers against the printed minutes: give each minute one that differs in its "
                "letters or digits",
            )
        _check_exempt(item.exempt, path, item.src.line_of("exempt"), problems)
        _check_follows_item(item, minute_item(meeting, item), f"minute {item.number}", path, problems)
        if item.exempt and not item.public_summary:
            problems.error(
                path,
                item.src.line,
                f"minute {item.number} is exempt but has no public_summary",
                "add `public_summary:` saying what may be said in public about the item "
                "(Local Government Act 1972, s.100C(2))",
            )
    agenda_numbers = Counter(agenda_item.number for agenda_item in meeting.agenda_items)
    for agenda_item in meeting.agenda_items:
        if agenda_numbers[agenda_item.number] > 1:
            problems.error(
                path,
                agenda_item.src.line_of("number"),
                f"agenda item number {agenda_item.number} is used twice",
                "give each agenda item its own number",
            )
            agenda_numbers[agenda_item.number] = 1
        if agenda_item.minute is not None and agenda_item.minute not in minute_numbers:
            problems.error(
                path,
                agenda_item.src.line_of("minute"),
                f"agenda item {agenda_item.number} points to minute {agenda_item.minute}, which this meeting's minutes do not have"
                + _written_as(agenda_item.minute, minute_numbers),
                "use the number of one of this meeting's minute items, or remove `minute:`",
            )
        _check_exempt(agenda_item.exempt, path, agenda_item.src.line_of("exempt"), problems)
    for declaration in meeting.declarations:
        if declaration.minute is not None and declaration.minute not in minute_numbers:
            problems.error(
                path,
                declaration.src.line_of("minute"),
                f"the declaration refers to minute {declaration.minute}, which this meeting does not have"
                + _written_as(declaration.minute, minute_numbers),
                "use the number of one of this meeting's minute items",
            )
    if meeting.attendance:
        for change in meeting.attendance.chair_changes:
            if change.from_minute not in minute_numbers:
                problems.error(
                    path,
                    change.src.line_of("from_minute"),
                    f"the change of chair starts at minute {change.from_minute}, which this meeting does not have"
                    + _written_as(change.from_minute, minute_numbers),
                    "use the number of one of this meeting's minute items",
                )
    if meeting.rearranged_to and meeting.status not in ("postponed", "cancelled"):
        problems.error(
            path,
            meeting.src.line_of("rearranged_to"),
            f'the meeting is "{meeting.status}" but says it was rearranged',
            "set `status: postponed` (or cancelled) for a meeting moved to another day, or remove `rearranged_to:`",
        )
    for agenda_item in meeting.agenda_items:
        if agenda_item.webcast_at and not meeting.webcast:
            problems.error(
                path,
                agenda_item.src.line_of("webcast_at"),
                f"agenda item {agenda_item.number} gives a time in the webcast, but the meeting has no webcast",
                "add `webcast:` with the address of the webcast or recording",
            )
    if meeting.next_meeting and meeting.next_meeting.date <= meeting.date:
        problems.error(
            path,
            meeting.next_meeting.src.line_of("date"),
            "the next meeting is not after this one",
            "check the date of the next meeting",
        )


def person_name(content: Content, ident: str) -> str:
    """A person as a clerk knows them: their name, or the id when no file has it (reported
    elsewhere)."""
    person = content.people.get(ident)
    return person.display_name if person else f'"{ident}"'


def _check_terms(person: Person, problems: Problems) -> None:
    """Terms of office and posts run forwards and do not overlap; an ended term says why only
    once it has an end."""
    path = person.src.path
    for term in person.terms:
        if term.end is not None and term.end < term.start:
            problems.error(
                path,
                term.src.line_of("end"),
                f"this term ends on {term.end}, before it starts on {term.start}",
                "check both dates: `start:` is the first day in office and `end:` the last",
            )
        if term.why_ended is not None and term.end is None:
            problems.error(
                path,
                term.src.line_of("why_ended"),
                f'the term says why it ended ("{term.why_ended}") but not when',
                "add `end:` with the last day in office, or remove `why_ended:`",
            )
        if person.left_office is not None and term.start > person.left_office:
            problems.error(
                path,
                term.src.line_of("start"),
                f"this term starts on {term.start}, after {person.display_name} left office on {person.left_office}",
                "check `left_office:`: remove it if they were elected again",
            )
    ordered = sorted(person.terms, key=lambda t: t.start)
    for before, after in zip(ordered, ordered[1:]):
        if before.end is None or before.end >= after.start:
            problems.error(
                path,
                after.src.line_of("start"),
                f"the term starting {after.start} overlaps the one starting {before.start}"
                + ("" if before.end else ", which has no end"),
                "give the earlier term an `end:` before the later one starts (a re-election starts a new term)",
            )
    for post in person.posts:
        if post.since and post.until and post.until < post.since:
            problems.error(
                path,
                post.src.line_of("until"),
                f'"{post.title}" is held until {post.until}, before it starts on {post.since}',
                "check both dates: `since:` is the first day in the post and `until:` the last",
            )


def _check_memberships(committee: Committee, content: Content, problems: Problems) -> None:
    for membership in committee.members:
        _check_term(membership, content, problems)
    _check_one_chair(committee, problems)


def _check_term(membership: Membership, content: Content, problems: Problems) -> None:
    """A term ends after it starts, and starts while the person is still in office."""
    since, until, src = membership.since, membership.until, membership.src
    if since and until and until < since:
        problems.error(
            src.path,
            src.line_of("until"),
            f"this membership ends on {until}, before it starts on {since}",
            "check both dates: `since:` is the first day of the term and `until:` the last",
        )
    person = content.people.get(membership.person)
    left = person.left_office if person else None
    if since and left and since > left:
        problems.error(
            src.path,
            src.line_of("since"),
            f"{person_name(content, membership.person)} left office on {left}, "
            f"but this membership starts later, on {since}",
            f"check `since:`, or correct `left_office:` in content/people/{membership.person}.yaml "
            "(remove it if they were elected again)",
        )


def _check_one_chair(committee: Committee, problems: Problems) -> None:
    """A committee has one chair at a time: a new chair's term starts after the last one's ends.
    (Some committees have two vice-chairs, so only chairs are checked.)"""
    chairs = [m for m in committee.members if m.role == "chair" and not (m.since and m.until and m.until < m.since)]
    for index, later in enumerate(chairs):
        earlier = next((m for m in chairs[:index] if m.person != later.person and _overlap(m, later)), None)
        if earlier is None:
            continue
        problems.error(
            later.src.path,
            later.src.line,
            f"two chairs at once: {later.person} is chair {_term(later)}, but {earlier.person} "
            f"(line {earlier.src.line}) is chair {_term(earlier)}",
            "a committee has one chair at a time: give the earlier chair an `until:` date (their last day "
            "as chair) before the new chair's `since:` date, or correct the `role:` of one of them",
        )


def _overlap(one: Membership, other: Membership) -> bool:
    """Whether two terms share a day; a missing date leaves the term open at that end."""
    return (one.since or dt.date.min) <= (other.until or dt.date.max) and (other.since or dt.date.min) <= (
        one.until or dt.date.max
    )


def _term(membership: Membership) -> str:
    since, until = membership.since, membership.until
    if since and until:
        return f"from {since} to {until}"
    if since:
        return f"from {since}, with no end date"
    return f"until {until}" if until else "with no start or end date"


def _check_cancelled(meeting: Meeting, problems: Problems) -> None:
    """A cancelled meeting did not take place, so nothing can have been minuted."""
    if meeting.status == "cancelled" and meeting.minutes:
        problems.error(
            meeting.src.path,
            meeting.src.line_of("status"),
            'this meeting is marked "cancelled" but has minutes',
            "if the meeting took place, set `status: held`; if it was cancelled, remove the `minutes:`",
        )


def _check_present_and_away(attendance: Attendance, content: Content, problems: Problems) -> None:
    """Nobody can be at a meeting and also send apologies for it, or be absent from it."""
    there = {person: f'under "{key}"' for key in reversed(PRESENT_LISTS) for person in getattr(attendance, key)}
    if attendance.chair:
        there[attendance.chair] = "as the chair"
    for away in AWAY_LISTS:
        for person in dict.fromkeys(getattr(attendance, away)):  # each person once
            if person in there:
                problems.error(
                    attendance.src.path,
                    attendance.src.line_of(away),
                    f'{person_name(content, person)} is listed {there[person]} and also under "{away}", '
                    "but nobody can be both at the meeting and away from it",
                    f'keep "{person}" in only one of the two, as the minutes record it: '
                    f'under "{away}" only if they were not at the meeting',
                )


def _check_left_office(meeting: Meeting, attendance: Attendance, content: Content, problems: Problems) -> None:
    """Someone who has left office no longer attends, sends apologies or chairs as a councillor."""
    for ident, how, line in _named_as_members(attendance):
        person = content.people.get(ident)
        left = person.left_office if person else None
        if left and meeting.date > left:
            problems.error(
                attendance.src.path,
                line,
                f"{person_name(content, ident)} left office on {left}, but {how} at this meeting on {meeting.date}",
                f"check the person id and the meeting date, or correct `left_office:` in "
                f"content/people/{ident}.yaml (remove it if they were elected again)",
            )


def _named_as_members(attendance: Attendance) -> Iterator[tuple[str, str, int]]:
    """(person, how they are named, line) for everyone attendance names as a councillor."""
    if attendance.chair:
        yield attendance.chair, "is named as chair", attendance.src.line_of("chair")
    for change in attendance.chair_changes:
        yield change.person, "is named as taking the chair", change.src.line_of("person")
    for key in MEMBER_LISTS:
        for ident in dict.fromkeys(getattr(attendance, key)):
            yield ident, f'is listed under "{key}"', attendance.src.line_of(key)


def _check_meeting_times(meeting: Meeting, problems: Problems) -> None:
    """A meeting ends after it starts (an evening meeting may end after midnight), at times UK
    clocks show on its day."""
    start, end = meeting.start_time, meeting.end_time
    if start and end and end < start and not meeting.ends_after_midnight:  # "HH:MM" sorts as times do
        problems.error(
            meeting.src.path,
            meeting.src.line_of("end_time"),
            f"the meeting ends at {end}, before it starts at {start}",
            'check both times: they use the 24-hour clock, so 2pm is "14:00" (a meeting that starts in the '
            "afternoon or evening may end after midnight, up to 06:00)",
        )
    times = [(meeting.date, start, meeting.src, "start_time"), (meeting.date, end, meeting.src, "end_time")]
    if meeting.next_meeting:
        times.append(
            (meeting.next_meeting.date, meeting.next_meeting.start_time, meeting.next_meeting.src, "start_time")
        )
    for day, time, src, name in times:
        if time:
            _check_clock_change(day, time, src.path, src.line_of(name), problems)


def _check_clock_change(day: dt.date, time: str, path: str, line: int, problems: Problems) -> None:
    """On the nights UK clocks change, one hour of times never happens and one happens twice."""
    moment = dt.datetime.combine(day, dt.time.fromisoformat(time), tzinfo=UK)
    later = moment.replace(fold=1)
    if moment.utcoffset() == later.utcoffset():
        return
    shown = moment.astimezone(dt.UTC).astimezone(UK)  # what the clocks showed at that moment
    if shown.replace(tzinfo=None) != moment.replace(tzinfo=None):
        problems.error(
            path,
            line,
            f"there is no {time} on {day}: UK clocks go forward an hour that night",
            f"check the time (perhaps {shown:%H:%M} is meant)",
        )
    else:  # calendars take the first, as ical.py does
        problems.warn(
            path,
            line,
            f"{time} on {day} happens twice, as UK clocks go back an hour that night; "
            f"the first, {time} {moment.tzname()}, is assumed",
            f"nothing to change if that is right; a meeting at the second {time} ({later.tzname()}) cannot be recorded",
        )


def _check_exempt(paragraph: int | None, path: str, line: int, problems: Problems) -> None:
    if paragraph is not None and paragraph not in EXEMPT_PARAGRAPHS:
        problems.error(
            path,
            line,
            f"exempt paragraph {paragraph} does not exist in Schedule 12A",
            "use the paragraph number, 1 to 7, of Schedule 12A to the Local Government Act 1972",
        )


def _check_report(report: Report, content: Content, problems: Problems) -> None:
    meeting = content.meetings.get(report.meeting)
    if meeting is None:
        return  # already reported as an unknown reference
    numbers = [item.number for item in meeting.agenda_items]
    if report.agenda_item not in numbers:
        problems.error(
            report.src.path,
            report.src.line_of("agenda_item"),
            f"the meeting {meeting.id} has no agenda item {report.agenda_item}",
            "use one of that meeting's agenda item numbers: " + (", ".join(numbers) or "it has no agenda yet"),
        )
    _check_exempt(report.exempt, report.src.path, report.src.line_of("exempt"), problems)
    item = report_item(content, report)
    _check_follows_item(report, item, "the report", report.src.path, problems)
    if report.confidential and item is not None and not item.confidential:
        problems.error(
            report.src.path,
            report.src.line_of("confidential"),
            f"the report is confidential but agenda item {item.number} of {meeting.id} is not, "
            "so its title would be published",
            f"add `confidential: true` to agenda item {item.number} in {meeting.id}.yaml",
        )


def _check_follows_item(
    record: MinuteItem | Report, item: AgendaItem | None, what: str, path: str, problems: Problems
) -> None:
    """A minute or report is withheld as its agenda item is (withhold.py); say so where the record
    itself does not, so that the file says what the public will see."""
    if item is None:
        return
    if item.confidential and not record.confidential:
        line = record.src.line_of("publish_in_full") if record.publish_in_full else record.src.line
        problems.warn(
            path,
            line,
            f"{what} is withheld entirely because agenda item {item.number} is confidential",
            "add `confidential: true` to it, so that its file says so (a confidential item's papers are never published)",
        )
    elif item.exempt is not None and record.exempt is None and not record.publish_in_full:
        problems.warn(
            path,
            record.src.line,
            f"{what} is published as exempt (paragraph {exempt_paragraph(record, item)} of Schedule 12A) because "
            f"agenda item {item.number} is exempt",
            f"add `exempt: {item.exempt}` to it to say so, or `publish_in_full: true` if it may be published in full",
        )


def _check_review(review: Review, problems: Problems) -> None:
    themes = {theme.id for theme in review.themes}
    for rec in review.recommendations:
        if rec.updates and rec.updates[-1].status != rec.status:
            problems.error(
                rec.src.path,
                rec.src.line_of("status"),
                f'the status is "{rec.status}" but the latest update says "{rec.updates[-1].status}"',
                "make `status:` the status of the latest monitoring update",
            )
        if rec.theme and rec.theme not in themes:
            problems.error(
                rec.src.path,
                rec.src.line_of("theme"),
                f'the review has no theme "{rec.theme}"{did_you_mean(rec.theme, themes)}',
                "use the id of one of the themes in the review's review.md: "
                + (", ".join(sorted(themes)) or "it has none"),
            )
        made = lifecycle.made_on(rec, review)
        if made is None:
            continue
        action_by = rec.response.action_by if rec.response else None
        if action_by and action_by.date and action_by.date < made:
            problems.error(
                rec.src.path,
                rec.response.src.line_of("action_by"),  # type: ignore[union-attr]
                f"the action-by date {action_by} is before the recommendation was made ({made})",
                "check the action-by date, or set `made:` to the right date",
            )
        _check_in_order(rec.updates, made, "update", rec.src.path, problems)
        _check_in_order(rec.action_by_changes, made, "change of action-by date", rec.src.path, problems)
        if rec.action_by_changes and not (rec.response and rec.response.action_by):
            problems.error(
                rec.src.path,
                rec.src.line_of("action_by_changes"),
                "the action-by date was changed, but the response gives no original action-by date",
                "add `action_by:` under `response:` with the date first agreed",
            )
    for promise in review.promised_reports:
        if (promise.within_months is None) == (promise.due is None):
            problems.error(
                review.src.path,
                promise.src.line,
                "a promised report needs either `within_months:` or `due:`",
                'write `within_months: 6` for "in 6 months\' time", or `due:` with the date promised',
            )


def _check_theme_ids(review: Review, problems: Problems) -> None:
    """Recommendations name a theme by its id, so each of a review's themes needs its own."""
    first: dict[str, Theme] = {}
    for theme in review.themes:
        seen = first.setdefault(theme.id, theme)
        if seen is not theme:
            problems.error(
                review.src.path,
                theme.src.line_of("id"),
                f'the theme id "{theme.id}" is used twice in this review (first on line {seen.src.line_of("id")})',
                "give each theme its own id, or merge the two themes",
            )


def _check_in_order(entries: list, made: Any, what: str, path: str, problems: Problems) -> None:
    """Dated entries must come after the recommendation was made, oldest first."""
    previous = made
    for entry in entries:
        if entry.date < previous:
            problems.error(
                path,
                entry.src.line_of("date"),
                f"the {what} of {entry.date} is earlier than {previous}",
                f"list each {what} oldest first, and after the date the recommendation was made",
            )
        previous = entry.date


def _check_glossary(terms: tuple[GlossaryTerm, ...], problems: Problems) -> None:
    """Each term has its own place on the glossary page (its anchor), and each form of a term
    in the papers links to one term only."""
    anchors: dict[str, GlossaryTerm] = {}
    forms: dict[str, GlossaryTerm] = {}
    for term in sorted(terms, key=lambda t: t.src.line):  # in file order: report the later one
        first = anchors.setdefault(term.anchor, term)
        if first is not term:
            problems.error(
                term.src.path,
                term.src.line_of("term"),
                f'the glossary has the term "{term.term}" twice (first on line {first.src.line_of("term")}'
                + ("" if first.term == term.term else f', as "{first.term}"')
                + ")",
                "merge the two entries into one, or remove one of them",
            )
            continue
        for form, key in [(term.term, "term"), *((also, "also") for also in term.also)]:
            other = forms.setdefault(form.lower(), term)
            if other is not term:
                problems.error(
                    term.src.path,
                    term.src.line_of(key),
                    f'"{form}" is a form of two terms: "{other.term}" (line {other.src.line_of("term")}) '
                    f'and "{term.term}"',
                    "list each form under one term only",
                )
