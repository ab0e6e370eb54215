"""`minutebook new ...`: start a council's repository, or a new content file, valid from the
first save.

`new site` copies the starter in minutebook/starter/ (content, a guide for the clerks, CI for
GitHub and GitLab); each other kind writes one commented file in the right folder with the right
id. Nothing is ever overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from . import __version__
from .model import COMMITTEE_KINDS
from .schema import Invalid, site_address

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STARTER = Path(__file__).resolve().parent / "starter"


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="start a council's site, or a new committee, meeting, person, review, recommendation or report file",
        description="Start a council's repository, or write a new content file with comments explaining "
        "each field. Refuses to overwrite an existing file.",
    )
    kinds = new.add_subparsers(dest="new_kind", required=True, metavar="KIND")

    site = kinds.add_parser(
        "site",
        help="a council's repository: content, a guide for the clerks and CI",
        description="Start a council's repository in PATH: a commented content/site.yaml, one "
        "committee, one person and one meeting, a guide for the clerks, .gitignore, and CI for "
        "GitHub Actions and GitLab that checks every pull request and publishes on merge and daily.",
    )
    site.add_argument("path", type=Path, help="a new or empty folder")
    site.add_argument("--council", default="Example Council", help="the council's full name, in quotes")
    site.add_argument("--base-url", default="https://example.org/", help="the address the site will be published at")
    site.add_argument(
        "--install-from",
        default=f"minutebook=={__version__}",
        metavar="REQUIREMENT",
        help="what the starter's CI installs, as a pip requirement (default: %(default)s, from the package "
        "index; or the address of a wheel, or minutebook @ git+https://...)",
    )

    committee = kinds.add_parser(
        "committee",
        help="a committee, board, commission or panel",
        description="Start a committee file: content/committees/<id>.yaml",
    )
    committee.add_argument("id", help="e.g. planning or licensing-sub")
    committee.add_argument("name", help='its full name, in quotes: "Planning Committee"')
    committee.add_argument(
        "--kind", default="committee", choices=COMMITTEE_KINDS, help="what it is (default: committee)"
    )

    meeting = kinds.add_parser(
        "meeting",
        help="a meeting of a committee",
        description="Start a meeting file: content/meetings/<committee>-<date>.yaml",
    )
    meeting.add_argument("committee", help="the committee's id, e.g. planning")
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
    review.add_argument("id", help="e.g. school-transport")
    review.add_argument("committee", help="the id of the committee (commission, panel ...) running it")
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
    report.add_argument("id", help="e.g. budget-monitoring-2025-01")
    report.add_argument("meeting", help="the meeting's id, e.g. planning-2025-01-23")
    report.add_argument("agenda_item", help="its agenda item number")
    report.add_argument("title", help="the report's title, in quotes")

    for parser in (committee, meeting, person, review, rec, report):
        parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def create(args: argparse.Namespace) -> int:
    if args.new_kind == "site":
        return create_site(args)
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
    print(f"Wrote {path}. Fill it in, then run: minutebook check")
    return 0


def create_site(args: argparse.Namespace) -> int:
    """Copy the starter into a new or empty folder, with the council's name and address."""
    target: Path = args.path
    try:
        tokens = _site_tokens(args.council, args.base_url, args.install_from)
    except ValueError as exc:
        print(f"minutebook new site: {exc}", file=sys.stderr)
        return 1
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(
            f"{target} already exists and is not an empty folder; nothing was written.\n"
            "  fix: choose a new folder, e.g. minutebook new site our-council-meetings",
            file=sys.stderr,
        )
        return 1
    for source in sorted(STARTER.rglob("*")):
        if source.is_file():
            path = target / _fill(_starter_path(source.relative_to(STARTER)), tokens)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_fill(source.read_text(encoding="utf-8"), tokens), encoding="utf-8")
    print(
        f"Started a site for {args.council} in {target}/. Next:\n"
        f"  cd {target}\n  minutebook check\n  minutebook serve\n"
        "then read README.md there, and put the folder in git."
    )
    return 0


def _site_tokens(council: str, base_url: str, requirement: str) -> dict[str, str]:
    if not council.strip() or "\n" in council:
        raise ValueError('give the council\'s full name on one line, e.g. --council "Borsetshire District Council"')
    if not requirement.strip() or "\n" in requirement:
        raise ValueError("give --install-from as one pip requirement, e.g. minutebook==0.1.0")
    try:
        address = site_address(base_url)
    except Invalid as exc:
        raise ValueError(f"{exc.message}; {exc.hint}") from None
    # A Thursday four or more weeks ahead: far enough for the agenda's five clear days' notice.
    meeting_day = dt.date.today() + dt.timedelta(days=28)
    meeting_day += dt.timedelta(days=(3 - meeting_day.weekday()) % 7)
    return {
        "@COUNCIL_YAML@": json.dumps(council.strip()),  # a JSON string is a quoted YAML string
        "@TITLE_YAML@": json.dumps(f"{council.strip()} meetings"),
        "@BASE_URL_YAML@": json.dumps(address),
        "@COUNCIL@": council.strip(),
        "@DATE@": meeting_day.isoformat(),
        "@NEXT_DATE@": (meeting_day + dt.timedelta(days=28)).isoformat(),  # the guide's example of `new meeting`
        "@REQUIREMENT@": requirement.strip(),
    }


def _starter_path(relative: Path) -> str:
    """dot-gitignore -> .gitignore: the starter's hidden files are stored under visible names,
    since package data leaves dot-files out."""
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in relative.parts)


def _fill(text: str, tokens: dict[str, str]) -> str:
    for token, value in tokens.items():
        text = text.replace(token, value)
    return text


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


def _committee(args: argparse.Namespace) -> tuple[Path, str]:
    committee = _slug(args.id, "committee id")
    if not args.name.strip() or "\n" in args.name:
        raise ValueError('give the committee\'s full name on one line, in quotes: "Planning Committee"')
    return (
        args.content / "committees" / f"{committee}.yaml",
        f"""\
# A committee. Every field is explained in docs/authoring.md.
name: {_quote(args.name.strip())}
short_name: {_quote(args.name.strip())}   # a shorter name for lists, e.g. Planning
kind: {args.kind}
description: null                 # what the committee does, in Markdown
members: []                       # e.g. - {{person: cllr-smith, role: chair, since: 2025-05-20}}
                                  # roles: chair | vice-chair | member | co-opted member
""",
    )


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
venue: null                       # where the meeting is held, e.g. Council Chamber
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
    review_id, committee = _slug(args.id, "review id"), _slug(args.committee, "committee id")
    return (
        args.content / "reviews" / review_id / "review.md",
        f"""\
---
# A scrutiny review. Every field is explained in docs/authoring.md.
title: {_quote(args.title)}
committee: {committee}           # the committee (commission, panel ...) running the review
status: planned                   # planned | in progress | reported | responded | monitoring | completed
aims:                             # aims and objectives, one per line
  - To understand ...
scope: []                         # lines of enquiry
themes: []                        # e.g. - {{id: governance, title: Governance}}
---
The review's findings, in Markdown. Add recommendations with:
minutebook new recommendation {review_id} 1
""",
    )


def _recommendation(args: argparse.Namespace) -> tuple[Path, str]:
    review_id = _slug(args.review, "review id")
    if not (args.content / "reviews" / review_id / "review.md").exists():
        raise ValueError(f'there is no review "{review_id}"; start it with: minutebook new review ...')
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
    "committee": _committee,
    "meeting": _meeting,
    "person": _person,
    "review": _review,
    "recommendation": _recommendation,
    "report": _report,
}
