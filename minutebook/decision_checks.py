"""Rules for decisions, Forward Plan notices, votes and motions: each decision names one maker
and a minute that exists, its dates run in order, and every vote adds up and names only members
who were at the meeting. Called by checks.py with the rest of the cross-record rules."""

from __future__ import annotations

from collections import Counter

from .decisions import subject_to_call_in
from .errors import Problems
from .model import (
    Amendment,
    Attendance,
    Content,
    Decision,
    Meeting,
    MinuteItem,
    MinuteNumber,
    Motion,
    Notice,
    Src,
    Vote,
)

REFERRALS = ("referred back", "referred to full council")


def check_decision(decision: Decision, content: Content, problems: Problems) -> None:
    path = decision.src.path
    _check_one_maker(decision, path, problems)
    if decision.exempt is not None and not decision.public_summary:
        problems.error(
            path,
            decision.src.line_of("exempt"),
            "the decision is exempt but has no public_summary",
            "add `public_summary:` saying what may be published about the decision",
        )
    meeting = content.meetings.get(decision.meeting or "")
    if meeting is not None:
        if decision.date != meeting.date:
            problems.error(
                path,
                decision.src.line_of("date"),
                f"the decision is dated {decision.date} but its meeting was on {meeting.date}",
                f"set `date: {meeting.date}`, the day of the meeting that took it",
            )
        _check_minute(meeting, decision.minute, decision.src, "minute", problems)
    elif decision.minute is not None and decision.meeting is None:
        problems.error(
            path,
            decision.src.line_of("minute"),
            "`minute:` is given but not the meeting",
            "add `meeting:` with the id of the meeting whose minutes record the decision",
        )
    if decision.published and decision.published < decision.date:
        problems.error(
            path,
            decision.src.line_of("published"),
            f"the decision notice is published on {decision.published}, before the decision was taken on {decision.date}",
            "check both dates: the notice is published on or after the day of the decision",
        )
    _check_call_in(decision, content, problems)


def _check_one_maker(record: Decision | Notice, path: str, problems: Problems) -> None:
    what = "decision" if isinstance(record, Decision) else "notice"
    if record.committee is None and record.person is None:
        problems.error(
            path,
            record.src.line,
            f"the {what} does not say who takes it",
            "add `committee:` with the id of the committee (e.g. cabinet), or `person:` with the id of "
            "the Cabinet member or officer",
        )
    elif record.committee is not None and record.person is not None:
        problems.error(
            path,
            record.src.line_of("person"),
            f"the {what} gives both a committee and a person as its decision maker",
            "keep `committee:` for a decision of a committee or the Cabinet, or `person:` for one taken by a "
            "Cabinet member or an officer, not both",
        )


def _check_minute(meeting: Meeting, number: MinuteNumber | None, src: Src, key: str, problems: Problems) -> None:
    if number is not None and all(item.number != number for item in meeting.minutes):
        problems.error(
            src.path,
            src.line_of(key),
            f"minute {number} is not one of the minutes of {meeting.id}",
            "use the number of the minute item that records it, or leave `minute:` out until the minutes are added",
        )


def _check_call_in(decision: Decision, content: Content, problems: Problems) -> None:
    call_in = decision.call_in
    if call_in is None:
        return
    path, src = decision.src.path, call_in.src
    if not subject_to_call_in(decision, content):
        problems.error(
            path,
            decision.src.line_of("call_in"),
            "the decision is called in, but it is not one that can be called in"
            + (" (it has `call_in_exempt:`)" if decision.call_in_exempt else " (only executive decisions can be)"),
            "check the decision maker, or remove `call_in_exempt:` if the decision could be called in",
        )
    if decision.published and call_in.requested < decision.published:
        problems.error(
            path,
            src.line_of("requested"),
            f"the call-in is dated {call_in.requested}, before the decision notice was published on {decision.published}",
            "check both dates: a decision is called in after its notice is published",
        )
    meeting = content.meetings.get(call_in.meeting or "")
    if meeting is not None:
        _check_minute(meeting, call_in.minute, src, "minute", problems)
        if meeting.date < call_in.requested:
            problems.error(
                path,
                src.line_of("meeting"),
                f"the call-in is considered at a meeting on {meeting.date}, before it was requested on {call_in.requested}",
                "check the meeting id and the date of the request",
            )
    again = call_in.reconsidered
    if again is not None:
        if call_in.outcome not in REFERRALS:
            problems.error(
                path,
                again.src.line,
                "the decision is reconsidered, but the call-in did not refer it back",
                "set `outcome: referred back` (or referred to full council), or remove `reconsidered:`",
            )
        if again.date < call_in.requested:
            problems.error(
                path,
                again.src.line_of("date"),
                f"the reconsideration on {again.date} is before the call-in on {call_in.requested}",
                "check the date of the reconsideration",
            )


def check_notice(notice: Notice, problems: Problems) -> None:
    _check_one_maker(notice, notice.src.path, problems)
    if notice.expected < notice.published:
        problems.error(
            notice.src.path,
            notice.src.line_of("expected"),
            f"the decision is expected on {notice.expected}, before the notice was published on {notice.published}",
            "check both dates",
        )


# --- votes and motions ---------------------------------------------------------------------


def check_votes(meeting: Meeting, content: Content, problems: Problems) -> None:
    """Every vote adds up and agrees with its outcome; movers, seconders and named voters were
    at the meeting."""
    present = present_members(meeting.attendance)
    for item in meeting.minutes:
        for number, resolution in enumerate(item.resolutions, 1):
            if resolution.vote is not None:
                what = f"the vote on resolution {number} of minute {item.number}"
                check_vote(resolution.vote, what, "carried", present, content, problems, resolution=True)
        for motion in item.motions:
            _check_motion(motion, item, present, content, problems)


def present_members(attendance: Attendance | None) -> set[str] | None:
    """The members who could vote: the chair and those present (None: attendance not recorded)."""
    if attendance is None:
        return None
    chairs = {attendance.chair} | {change.person for change in attendance.chair_changes}
    return {p for p in chairs if p} | set(attendance.present)


def _check_motion(
    motion: Motion, item: MinuteItem, present: set[str] | None, content: Content, problems: Problems
) -> None:
    named = f'the motion "{motion.title}" of minute {item.number}'
    _check_movers(motion, named, present, content, problems)
    for number, amendment in enumerate(motion.amendments, 1):
        what = f"amendment {number} to {named}"
        _check_movers(amendment, what, present, content, problems)
        if amendment.vote is not None:
            check_vote(amendment.vote, f"the vote on {what}", amendment.outcome, present, content, problems)
    if motion.vote is not None:
        check_vote(motion.vote, f"the vote on {named}", motion.outcome, present, content, problems)


def _check_movers(
    record: Motion | Amendment, what: str, present: set[str] | None, content: Content, problems: Problems
) -> None:
    if present is None:
        return
    for key in ("moved_by", "seconded_by"):
        person = getattr(record, key)
        if person and person in content.people and person not in present:
            role = "mover" if key == "moved_by" else "seconder"
            problems.error(
                record.src.path,
                record.src.line_of(key),
                f"{content.people[person].display_name} is named as the {role} of {what}, "
                "but is not listed as chair or present at the meeting",
                f'add "{person}" to the attendance\'s `present:` list, or check the person id',
            )


def check_vote(
    vote: Vote,
    what: str,
    outcome: str,
    present: set[str] | None,
    content: Content,
    problems: Problems,
    resolution: bool = False,
) -> None:
    path = vote.src.path
    if vote.recorded is not None:
        recorded = vote.recorded
        seen = Counter(person for _, person in recorded.choices())
        for person, times in seen.items():
            if times > 1:
                problems.error(
                    path,
                    recorded.src.line,
                    f"{_name(person, content)} is named {times} times in {what}",
                    "name each member once, under the way they voted",
                )
        if present is not None:
            for choice, person in recorded.choices():
                if person not in present and person in content.people:
                    problems.error(
                        path,
                        recorded.src.line_of(choice.replace(" ", "_")),
                        f"{_name(person, content)} is recorded as voting {choice} in {what}, "
                        "but is not listed as chair or present at the meeting",
                        f'add "{person}" to the attendance\'s `present:` list, or remove them from the vote',
                    )
        for choice in ("in favour", "against", "abstained"):
            written = getattr(vote, choice.replace(" ", "_"))
            names = len(recorded.names(choice))
            if written is not None and written != names:
                problems.error(
                    path,
                    vote.src.line_of(choice.replace(" ", "_")),
                    f"{what} gives {written} {choice} but names {names}",
                    "leave the number out (the names are counted), or correct it",
                )
    yes, no = vote.count("in favour"), vote.count("against")
    if vote.casting_vote and yes is not None and no is not None and yes != no:
        problems.error(
            path,
            vote.src.line_of("casting_vote"),
            f"{what} has a casting vote, but the votes were not equal ({yes} in favour, {no} against)",
            "a casting vote is only used when the votes are equal: check the numbers, or remove `casting_vote:`",
        )
    carried = vote.carried
    if outcome == "withdrawn" or carried is None and (yes is None or no is None):
        return
    if carried is None:
        problems.error(
            path,
            vote.src.line,
            f"{what} was tied ({yes} each way) with no casting vote",
            "add `casting_vote: in favour` (or `against`) as the chair cast it, or correct the numbers",
        )
    elif carried != (outcome == "carried"):
        tally = f"{yes} in favour, {no} against" + (f", and the casting vote {vote.casting_vote}" if yes == no else "")
        problems.error(
            path,
            vote.src.line,
            f"{what} is {outcome}, but the votes say it was {'carried' if carried else 'lost'} ({tally})",
            "check the numbers and the outcome" + (": a resolution is what was carried" if resolution else ""),
        )


def _name(person: str, content: Content) -> str:
    found = content.people.get(person)
    return found.display_name if found else f'"{person}"'
