"""Rules for planning applications decided at committee: each is recorded by a minute that exists
at its meeting, in public; its vote adds up and names only members who were at the meeting (the
same rules as every vote, decision_checks.py); its speakers are named, never by their address; and
no two files record the same application. Called by checks.py with the rest of the cross-record
rules."""

from __future__ import annotations

import re

from .decision_checks import check_vote, present_members
from .errors import Problems
from .model import VOTE_CHOICES, Content, PlanningApplication, Vote
from .withhold import is_confidential, minute_item

# A house number or a postcode: what a speaker's address, never to be published, starts with.
LOOKS_LIKE_AN_ADDRESS = re.compile(r"\d")
# Decisions that grant nothing, so have no conditions.
NO_CONDITIONS = ("refused", "deferred", "withdrawn")


def check_application(application: PlanningApplication, content: Content, problems: Problems) -> None:
    path, src = application.src.path, application.src
    for speaker in application.speakers:
        if LOOKS_LIKE_AN_ADDRESS.search(speaker.name):
            problems.error(
                path,
                speaker.src.line_of("name"),
                f'the speaker "{speaker.name}" is written with a number, as if with their address',
                "write the speaker's name only: a speaker's address is never published",
            )
    if application.conditions_summary and application.decision in NO_CONDITIONS:
        problems.warn(
            path,
            src.line_of("conditions_summary"),
            f"the application was {application.decision}, so no conditions were attached to a permission",
            "remove `conditions_summary:`, or correct `decision:`",
        )
    meeting = content.meetings.get(application.meeting)
    if meeting is None:
        return  # already reported as an unknown reference
    item = next((m for m in meeting.minutes if m.number == application.minute), None)
    if item is None:
        numbers = [str(m.number) for m in meeting.minutes]
        problems.error(
            path,
            src.line_of("minute"),
            f"minute {application.minute} is not one of the minutes of {meeting.id}",
            "use the number of the minute that records the decision: "
            + (", ".join(numbers) if numbers else f"{meeting.id} has no minutes yet; add them to its file first"),
        )
        return
    if is_confidential(item, minute_item(meeting, item)):
        problems.error(
            path,
            src.line_of("minute"),
            f"minute {item.number} of {meeting.id} is confidential, so the application would never be published",
            "a planning application is decided in public: check the minute number, or remove `confidential: true` "
            "from the minute (and its agenda item) if it was not confidential",
        )
    vote = application.vote
    if vote is not None:
        outcome = "withdrawn" if application.decision == "withdrawn" else "carried"
        what = f"the vote on planning application {application.reference}"
        check_vote(vote, what, outcome, present_members(meeting.attendance), content, problems)
        minuted = [(n, r.vote) for n, r in enumerate(item.resolutions, 1) if r.vote is not None]
        if len(minuted) == 1 and _disagree(minuted[0][1], vote):
            number, other = minuted[0]
            problems.error(
                path,
                vote.src.line,
                f"{what} ({_words(vote)}) is not the vote minuted on resolution {number} of minute {item.number} "
                f"({_words(other)})",
                "give the same numbers in both, or leave `vote:` out here and keep the vote in the minutes",
            )


def _disagree(one: Vote, other: Vote) -> bool:
    """Whether two votes give different numbers for a way of voting (a number left out is unknown)."""
    counts = [(one.count(choice), other.count(choice)) for choice in VOTE_CHOICES]
    return any(a is not None and b is not None and a != b for a, b in counts)


def _words(vote: Vote) -> str:
    return ", ".join(f"{count} {choice}" for choice in VOTE_CHOICES if (count := vote.count(choice)) is not None)


def check_references(content: Content, problems: Problems) -> None:
    """Each application has one file: two with the same reference would list it twice."""
    first: dict[str, PlanningApplication] = {}
    for application in sorted(content.planning_applications.values(), key=lambda a: a.src.path):
        key = " ".join(application.reference.upper().split())
        seen = first.setdefault(key, application)
        if seen is not application:
            problems.error(
                application.src.path,
                application.src.line_of("reference"),
                f"the application {application.reference} is also recorded in {seen.src.path}",
                "keep one file for each application: merge the two, or correct the reference",
            )
