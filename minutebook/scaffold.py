"""`minutebook new ...`: start a new content file that is valid from the first save.

Each kind writes a commented file in the right folder with the right id, and never
overwrites an existing file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="start a new meeting, review, recommendation, person or report file",
        description="Write a new content file, with comments explaining each field. "
        "Refuses to overwrite an existing file.",
    )
    kinds = new.add_subparsers(dest="new_kind", required=True, metavar="KIND")

    meeting = kinds.add_parser(
        "meeting",
        help="a meeting of a committee",
        description="Start a meeting file: content/meetings/<committee>-<date>.yaml",
    )
    meeting.add_argument("committee", help="the committee's id, e.g. osmb")
    meeting.add_argument("date", help="the meeting date, YYYY-MM-DD")
    meeting.add_argument("--time", default="10:00", help='start time, e.g. "09:30" (default 10:00)')

    person = kinds.add_parser(
        "person", help="a councillor, officer or witness", description="Start a person file: content/people/<id>.yaml"
    )
    person.add_argument("id", help="e.g. cllr-smith or jane-smith")
    person.add_argument("name", help='the name without honorific, in quotes: "Jane Smith"')
    person.add_argument("--kind", default="councillor", choices=["councillor", "officer", "witness", "other"])

    review = kinds.add_parser(
        "review", help="a scrutiny review", description="Start a review: content/reviews/<id>/review.md"
    )
    review.add_argument("id", help="e.g. urinary-incontinence")
    review.add_argument("commission", help="the id of the committee running it")
    review.add_argument("title", help="the review's title, in quotes")

    rec = kinds.add_parser(
        "recommendation",
        help="a recommendation of a review",
        description="Start a recommendation: content/reviews/<review>/recommendations/<id>.yaml",
    )
    rec.add_argument("review", help="the review's id")
    rec.add_argument("id", help="the recommendation's number as printed, e.g. 3 or 2a")

    report = kinds.add_parser(
        "report", help="a report to a meeting", description="Start a report: content/reports/<id>.md"
    )
    report.add_argument("id", help="e.g. budget-monitoring-2015-01")
    report.add_argument("meeting", help="the meeting's id, e.g. osmb-2015-01-23")
    report.add_argument("agenda_item", help="its agenda item number")
    report.add_argument("title", help="the report's title, in quotes")

    for parser in (meeting, person, review, rec, report):
        parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def create(args: argparse.Namespace) -> int:
    try:
        path, text = TEMPLATES[args.new_kind](args)
    except ValueError as exc:
        print(f"minutebook new {args.new_kind}: {exc}", file=sys.stderr)
        return 1
    if path.exists():
        print(
            f"{path} already exists; nothing was written.\n  fix: choose another id, or edit the existing file.",
            file=sys.stderr,
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {path}. Fill it in, then run: python build.py check")
    return 0


def _slug(value: str, what: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f'"{value}" is not a valid {what}: use lower-case letters, digits and hyphens')
    return value


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'"{value}" is not a date: write it as YYYY-MM-DD') from None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _meeting(args: argparse.Namespace) -> tuple[Path, str]:
    committee, day = _slug(args.committee, "committee id"), _date(args.date)
    if not (args.content / "committees" / f"{committee}.yaml").exists():
        raise ValueError(f'there is no committee "{committee}" in {args.content}/committees/')
    if not re.match(r"^([01][0-9]|2[0-3]):[0-5][0-9]$", args.time):
        raise ValueError(f'"{args.time}" is not a 24-hour time such as 09:30')
    return (
        args.content / "meetings" / f"{committee}-{day}.yaml",
        f"""\
# A meeting of the {committee} committee. Every field is explained in docs/authoring.md.
committee: {committee}
date: {day}
start_time: "{args.time}"         # 24-hour clock, in quotes
venue: Town Hall                  # where the meeting is held
status: scheduled                 # scheduled | held | cancelled | postponed
agenda:                           # sections of numbered items; a heading is optional
  - items:
      - number: 1
        title: Apologies for absence
      - number: 2
        title: Declarations of interest
# When the meeting has been held, set status: held and add attendance: and minutes:
# (see docs/authoring.md for the full example).
""",
    )


def _person(args: argparse.Namespace) -> tuple[Path, str]:
    person_id = _slug(args.id, "person id")
    return (
        args.content / "people" / f"{person_id}.yaml",
        f"""\
# A person named in the papers. Every field is explained in docs/authoring.md.
name: {_quote(args.name)}            # as the documents give it, without the honorific
kind: {args.kind}                 # councillor | officer | witness | other
honorific: {"Councillor" if args.kind == "councillor" else "null"}          # Councillor, Mr, Mrs, Ms, Dr ... or null
job_title: null                   # officers and witnesses
organisation: null                # witnesses from other bodies
""",
    )


def _review(args: argparse.Namespace) -> tuple[Path, str]:
    review_id, commission = _slug(args.id, "review id"), _slug(args.commission, "committee id")
    return (
        args.content / "reviews" / review_id / "review.md",
        f"""\
---
# A scrutiny review. Every field is explained in docs/authoring.md.
title: {_quote(args.title)}
commission: {commission}          # the committee running the review
status: planned                   # planned | in progress | reported | responded | monitoring | completed
aims:                             # aims and objectives, one per line
  - To understand ...
scope: []                         # lines of enquiry
themes: []                        # e.g. - {{id: governance, title: Governance}}
---
The review's findings, in Markdown. Add recommendations with:
python build.py new recommendation {review_id} 1
""",
    )


def _recommendation(args: argparse.Namespace) -> tuple[Path, str]:
    review_id = _slug(args.review, "review id")
    if not (args.content / "reviews" / review_id / "review.md").exists():
        raise ValueError(f'there is no review "{review_id}"; start it with: python build.py new review ...')
    rec_id = _slug(args.id, "recommendation number")
    return (
        args.content / "reviews" / review_id / "recommendations" / f"{rec_id}.yaml",
        """\
# A recommendation, numbered as printed. Every field is explained in docs/authoring.md.
text: |                           # the recommendation as written
  ...
status: not started               # not started | in progress | completed | not progressed | superseded
# When the executive responds, add:
# response:
#   decision: accepted            # accepted | partially accepted | agreed | partially agreed | rejected | deferred | noted | not stated
#   text: |
#     The response as written.
#   officers: [person-id]
#   action_by: 2015-06            # a date, a month, "ongoing" or "to be agreed"
""",
    )


def _report(args: argparse.Namespace) -> tuple[Path, str]:
    report_id, meeting = _slug(args.id, "report id"), _slug(args.meeting, "meeting id")
    if not (args.content / "meetings" / f"{meeting}.yaml").exists():
        raise ValueError(f'there is no meeting "{meeting}" in {args.content}/meetings/')
    day = meeting[-10:]
    return (
        args.content / "reports" / f"{report_id}.md",
        f"""\
---
# A report to a meeting. Every field is explained in docs/authoring.md.
title: {_quote(args.title)}
meeting: {meeting}
agenda_item: "{args.agenda_item}"
date: {day}                   # the date of the report
directorate: null
author: null                      # a person id
summary: |
  ...
recommendations: []              # the report's own recommendations, lettered a, b, c
key_decision: false
---
The report, in Markdown.
""",
    )


TEMPLATES = {
    "meeting": _meeting,
    "person": _person,
    "review": _review,
    "recommendation": _recommendation,
    "report": _report,
}
