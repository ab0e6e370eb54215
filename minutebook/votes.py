"""What a meeting was asked to decide, found in one walk over its minutes: resolutions that were
voted on, motions and their amendments, each with its vote and how it went. For councillors'
pages ("how they voted"), the open data and Popolo.

Each has an anchor on its minute's page; ``_partials/minute.html`` and ``_partials/votes.html``
give the same ids, and the site's link check holds them to it (every link to one must land)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .i18n import N_
from .model import Meeting, MinuteItem, Slug, Vote


@dataclass(frozen=True)
class Question:
    """A resolution voted on, a motion or an amendment, as its minute's page shows it."""

    meeting: Meeting
    minute: MinuteItem
    kind: str  # resolution, motion or amendment
    number: int  # the resolution's number, the motion's place in the minute, the amendment's number
    label: str  # what was voted on: "Resolution 2", "Amendment 1 to the motion: ..."
    title: str  # the motion's title; a resolution's minute title
    text: str
    moved_by: Slug | None
    seconded_by: Slug | None
    outcome: str  # carried, lost or withdrawn
    vote: Vote | None
    anchor: str  # its id on the minute's page, e.g. "vote-80-2", "motion-26-1-amendment-2"
    substantive: str | None = None  # a motion as amended, as finally put


def questions_at(meeting: Meeting) -> Iterator[Question]:
    """Every question of the meeting, in the order of its minutes: in each minute, the resolutions
    voted on, then each motion's amendments followed by the motion."""
    for item in meeting.minutes:
        yield from _resolutions(meeting, item)
        for m, motion in enumerate(item.motions, 1):
            anchor = f"motion-{item.number.slug}-{m}"
            for a, amendment in enumerate(motion.amendments, 1):
                label = N_("Amendment %(number)s to the motion: %(title)s", number=a, title=motion.title)
                yield Question(
                    meeting,
                    item,
                    "amendment",
                    a,
                    label,
                    motion.title,
                    amendment.text.strip(),
                    amendment.moved_by,
                    amendment.seconded_by,
                    amendment.outcome,
                    amendment.vote,
                    f"{anchor}-amendment-{a}",
                )
            yield Question(
                meeting,
                item,
                "motion",
                m,
                N_("Motion: %(title)s", title=motion.title),
                motion.title,
                motion.text.strip(),
                motion.moved_by,
                motion.seconded_by,
                motion.outcome,
                motion.vote,
                anchor,
                motion.substantive.strip() if motion.substantive else None,
            )


def _resolutions(meeting: Meeting, item: MinuteItem) -> Iterator[Question]:
    for number, resolution in enumerate(item.resolutions, 1):
        if resolution.vote is None:
            continue
        lettered = "".join(f" ({chr(97 + i)}) {sub.strip()}" for i, sub in enumerate(resolution.items))
        yield Question(
            meeting,
            item,
            "resolution",
            number,
            N_("Resolution %(number)s", number=number),
            item.title,
            resolution.text.strip() + lettered,
            None,
            None,
            "carried" if resolution.vote.carried in (True, None) else "lost",  # check holds it to carried
            resolution.vote,
            f"vote-{item.number.slug}-{number}",
        )


def votes_at(meeting: Meeting) -> Iterator[Question]:
    """The questions of the meeting that were voted on."""
    return (question for question in questions_at(meeting) if question.vote is not None)


@dataclass(frozen=True)
class CastVote:
    """How one member voted in one recorded vote."""

    question: Question
    choice: str  # in favour, against or abstained


def recorded_votes(meetings: list[Meeting]) -> dict[str, list[CastVote]]:
    """Each member's votes in recorded votes, in meeting order."""
    cast: dict[str, list[CastVote]] = {}
    for meeting in meetings:
        for question in votes_at(meeting):
            if question.vote is not None and question.vote.recorded is not None:
                for choice, person in question.vote.recorded.choices():
                    cast.setdefault(person, []).append(CastVote(question, choice))
    return cast
