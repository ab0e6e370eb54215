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
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, get_args

from . import __version__
from .cache import ParsedFiles
from .decisions import clear_calendar_days, maker_kind
from .errors import Problems, did_you_mean
from .load import load_one
from .model import (
    COMMITTEE_KINDS,
    Committee,
    Content,
    Decision,
    DecisionRules,
    Markdown,
    Meeting,
    NoticeRules,
    Person,
    SiteConfig,
    Slug,
    WardKind,
)
from .schema import MINUTE_NUMBER, Invalid, site_address

T = TypeVar("T")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STARTER = Path(__file__).resolve().parent / "starter"
WARD_KINDS: tuple[str, ...] = get_args(WardKind)


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="start a council's site, or a new committee, meeting, person, ward, review, recommendation, "
        "report, decision or Forward Plan notice file",
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
    person.add_argument(
        "--ward",
        metavar="WARD",
        help="for a councillor: the id of the ward (or division) they represent; writes their first term of office",
    )
    person.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="with --ward: the first day of that term, e.g. the day after the election (default: left for you to fill in)",
    )

    ward = kinds.add_parser(
        "ward",
        help="a ward or electoral division that councillors represent",
        description="Start a ward file: content/wards/<id>.yaml. Councillors name it in their terms of office.",
    )
    ward.add_argument("id", help="e.g. castle or kingsford-north")
    ward.add_argument("name", help='its name, in quotes: "Kingsford North"')
    ward.add_argument("--kind", default="ward", choices=WARD_KINDS, help="what the council calls it (default: ward)")
    ward.add_argument("--seats", metavar="N", help="how many councillors it elects")

    planning = kinds.add_parser(
        "planning",
        help="a planning application decided at a committee meeting",
        description="Start a planning application: content/planning/<id>.yaml, made from its reference.",
    )
    planning.add_argument("reference", help='the reference as the council writes it, in quotes: "24/0412/FUL"')
    planning.add_argument("meeting", help="the id of the meeting that decided it, e.g. planning-2024-10-03")
    planning.add_argument("minute", help='the number of the minute that records the decision, as printed: 20 or "P24"')

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

    decision = kinds.add_parser(
        "decision",
        help="a decision: of the Cabinet, a Cabinet member, an officer or a committee",
        description="Start a decision: content/decisions/<id>.yaml, with the call-in period explained.",
    )
    decision.add_argument("id", help="e.g. town-centre-parking-strategy")
    decision.add_argument(
        "--by",
        required=True,
        metavar="COMMITTEE_OR_PERSON",
        help="who took it: a committee's id (e.g. cabinet) or a person's id (a Cabinet member or an officer)",
    )
    decision.add_argument("--title", help="what the decision is about, in quotes (default: made from the id)")
    decision.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day it was taken (default: the meeting's date with --meeting, else today)",
    )
    decision.add_argument(
        "--meeting", metavar="MEETING", help="the id of the meeting it was taken at, e.g. cabinet-2025-03-11"
    )
    decision.add_argument("--key", action="store_true", help="it is a key decision")
    decision.add_argument(
        "--notice",
        metavar="NOTICE",
        help="the id of its Forward Plan notice (default with --key: the notice with the same id, if there is one)",
    )

    notice = kinds.add_parser(
        "notice",
        help="a Forward Plan notice of a decision to come",
        description="Start a Forward Plan notice: content/forward-plan/<id>.yaml",
    )
    notice.add_argument("id", help="e.g. waste-collection-contract (the decision can use the same id)")
    notice.add_argument(
        "--by",
        required=True,
        metavar="COMMITTEE_OR_PERSON",
        help="who will take it: a committee's id (e.g. cabinet) or a person's id (a Cabinet member or an officer)",
    )
    notice.add_argument(
        "--expected", required=True, metavar="YYYY-MM-DD", help="the day the decision is expected to be taken"
    )
    notice.add_argument(
        "--published", metavar="YYYY-MM-DD", help="the day the notice is published in the Forward Plan (default: today)"
    )
    notice.add_argument("--title", help="the decision to be taken, in quotes (default: made from the id)")

    for parser in (committee, meeting, person, ward, planning, review, rec, report, decision, notice):
        parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")


def create(args: argparse.Namespace) -> int:
    if args.new_kind == "site":
        return create_site(args)
    try:
        path, text, *notes = TEMPLATES[args.new_kind](args)
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
    for note in notes:
        print(f"  note: {note}")
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
documents: []                     # the agenda pack and other papers, e.g. a file you put in
                                  # content/documents/{committee}-{day}/:
                                  # - title: Agenda pack
                                  #   file: {committee}-{day}/agenda-pack.pdf
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


def _person(args: argparse.Namespace) -> tuple[Path, str, *tuple[str, ...]]:
    person_id = _slug(args.id, "person id")
    terms, notes = _first_term(args)
    return (
        args.content / "people" / f"{person_id}.yaml",
        f"""\
# A person named in the papers. Every field is explained in docs/authoring.md.
name: {_quote(args.name)}            # as the documents give it, without the honorific
kind: {args.kind}                 # councillor | officer | witness | other
honorific: {"Councillor" if args.kind == "councillor" else "null"}          # Councillor, Mr, Mrs, Ms, Dr ... or null
job_title: null                   # officers and witnesses
organisation: null                # witnesses from other bodies
{terms}""",
        *notes,
    )


TERM_HOW = "# elected | by-election | re-elected | co-opted | appointed"


def _first_term(args: argparse.Namespace) -> tuple[str, list[str]]:
    """A councillor's party and first term of office, for --ward (and --since): the lines of
    the file, and what is left for the clerk to do."""
    if args.ward is None:
        if args.since is not None:
            raise ValueError("--since needs --ward: give the ward the term is for, e.g. --ward castle")
        return "", []
    if args.kind != "councillor":
        raise ValueError(f"only a councillor represents a ward: leave out --ward for {_a(args.kind)}")
    ward = _slug(args.ward, "ward id")
    content: Path = args.content
    if not (content / "wards" / f"{ward}.yaml").is_file():
        known = [path.stem for path in (content / "wards").glob("*.yaml")]
        raise ValueError(
            f'there is no ward "{ward}" in {content}/wards/{did_you_mean(ward, known)}; '
            f'start it with: minutebook new ward {ward} "NAME"'
        )
    party = "party: null                       # their party, or Independent\n"
    if args.since is not None:
        start = _date(args.since)
        return (
            party
            + "terms:                            # terms of office, oldest first\n"
            + _line(f"  - start: {start}", "the first day of the term, e.g. the day after the election")
            + f"    ward: {ward}\n"
            + _line("    how: elected", TERM_HOW[2:]),
            [],
        )
    return (
        party
        + "# Their term of office: take out the # from these lines and give the first day of the term.\n"
        + "# terms:\n"
        + "#   - start: YYYY-MM-DD            # the first day of the term, e.g. the day after the election\n"
        + f"#     ward: {ward}\n"
        + f"#     how: elected                 {TERM_HOW}\n",
        [
            (
                "the term of office is written as a comment: give its start: date and take out the #s "
                "(or start again with --since YYYY-MM-DD)"
            )
        ],
    )


def _a(kind: str) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def _ward(args: argparse.Namespace) -> tuple[Path, str]:
    ward = _slug(args.id, "ward id")
    if not args.name.strip() or "\n" in args.name:
        raise ValueError('give the ward\'s name on one line, in quotes: "Kingsford North"')
    seats = "null"
    if args.seats is not None:
        if not re.fullmatch(r"[0-9]+", args.seats.strip()) or int(args.seats) < 1:
            raise ValueError(
                f'"{args.seats}" is not a number of seats: give how many councillors it elects, e.g. --seats 2'
            )
        seats = str(int(args.seats))
    return (
        args.content / "wards" / f"{ward}.yaml",
        f"""\
# A ward (or electoral division). Every field is explained in docs/authoring.md, under "Wards".
name: {_quote(args.name.strip())}
{_line(f"kind: {args.kind}", " | ".join(WARD_KINDS))}{_line(f"seats: {seats}", "how many councillors it elects")}\
description: null                 # the area it covers, in Markdown
# Its councillors name it in their terms of office, e.g.
#   minutebook new person cllr-smith "Jane Smith" --ward {ward} --since YYYY-MM-DD
""",
    )


def _planning(args: argparse.Namespace) -> tuple[Path, str]:
    reference = args.reference.strip()
    application_id = re.sub(r"[^a-z0-9]+", "-", reference.lower()).strip("-")
    if not application_id or "\n" in reference:
        raise ValueError('give the application\'s reference on one line, in quotes: "24/0412/FUL"')
    meeting = _slug(args.meeting, "meeting id")
    if not (args.content / "meetings" / f"{meeting}.yaml").is_file():
        known = [path.stem for path in (args.content / "meetings").glob("*.yaml")]
        raise ValueError(f'there is no meeting "{meeting}" in {args.content}/meetings/{did_you_mean(meeting, known)}')
    minute = args.minute.strip()
    if not MINUTE_NUMBER.match(minute):
        raise ValueError(
            f'"{args.minute}" is not a minute number: give the number of the minute as the minutes print it, '
            'e.g. 20 or "P24"'
        )
    minute = str(int(minute)) if minute.isdigit() else _quote(minute)
    return (
        args.content / "planning" / f"{application_id}.yaml",
        f"""\
# A planning application decided at a committee meeting. Every field is explained in
# docs/authoring.md, under "Planning applications".
reference: {_quote(reference)}
site_address: "..."               # the site's address, as the application gives it
proposal: |                       # what the application proposes, in Markdown
  ...
officer_recommendation: approve   # approve | approve with conditions | refuse | defer
decision: granted                 # granted | granted with conditions | refused | deferred | withdrawn |
                                  # minded to grant subject to a legal agreement
decision_reason: |                # the reasons as minuted: for a refusal, a deferral, or going
  ...                             # against the officer's recommendation
{_line(f"meeting: {meeting}", "the meeting that decided it")}{_line(f"minute: {minute}", "the minute that records the decision")}\
ward: null                        # the id of the ward the site is in, in content/wards/
conditions_summary: null          # a summary of the conditions attached to a permission
speakers: []                      # who spoke, names only (never an address), e.g.
                                  # - name: Helen Dacre
                                  #   side: against        (or: for)
                                  #   role: objector       (applicant, agent, supporter, ward councillor, ...)
vote: null                        # the vote, e.g. in_favour: 5, against: 1, abstained: 0
portal: null                      # the application's page on the council's planning portal
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
original: null                   # the report as published, e.g. a PDF in content/documents/:
                                 #   title: {_quote(args.title)}
                                 #   file: {meeting}/{report_id}.pdf
appendices: []                   # each with a title and a file: or url:
---
The report, in Markdown.
""",
    )


# --- decisions and the Forward Plan ------------------------------------------------------------


def _read(path: Path, cls: type[T], content: Path) -> T | None:
    """The record in one content file, read as `check` reads it; None when it has a problem
    (`check` reports it): the scaffold then writes its comments without what it would tell."""
    if not path.is_file():
        return None
    return load_one(path, cls, Problems(root=content), ParsedFiles(), path.name)


def _site(content: Path) -> SiteConfig | None:
    if not (content / "site.yaml").is_file():
        raise ValueError(f"there is no {content}/site.yaml: run this in the site's folder, or give --content FOLDER")
    return _read(content / "site.yaml", SiteConfig, content)


def _maker(by: str, content: Path) -> tuple[str, Committee | Person | None]:
    """("committee" or "person", its record) for the id given with --by."""
    maker = _slug(by, "committee or person id")
    if (content / "committees" / f"{maker}.yaml").is_file():
        return "committee", _read(content / "committees" / f"{maker}.yaml", Committee, content)
    if (content / "people" / f"{maker}.yaml").is_file():
        return "person", _read(content / "people" / f"{maker}.yaml", Person, content)
    known = [path.stem for folder in ("committees", "people") for path in (content / folder).glob("*.yaml")]
    raise ValueError(
        f'there is no committee or person "{maker}" in {content}/committees/ or {content}/people/'
        f"{did_you_mean(maker, known)}"
    )


TITLE_NOTE = "the title was made from the id: give the decision's title as the council writes it (or use --title)"


def _title(value: str | None, record_id: str, what: str) -> str:
    if value is None:  # town-centre-parking -> Town centre parking
        words = record_id.replace("-", " ")
        return words[:1].upper() + words[1:]
    if not value.strip() or "\n" in value:
        raise ValueError(f"give the {what} on one line, in quotes")
    return value.strip()


def _line(text: str, comment: str, column: int = 34) -> str:
    """One line of a scaffold, its comment lined up with the others."""
    return f"{text.ljust(column - 1)} # {comment}\n"


def _maker_lines(kind: str, by: str, capacity: str) -> str:
    if kind == "committee":
        return _line(f"committee: {by}", "the committee that took it")
    return (
        _line(f"person: {by}", "the Cabinet member or officer who took it")
        + f"capacity: null                    # {capacity}\n"
    )


PUBLISHED_LINE = "published: null                   # the day the decision notice was published, YYYY-MM-DD\n"
CALL_IN_LINES = """\
call_in_exempt: null              # why it cannot be called in, e.g. urgent, agreed by the scrutiny chair
# If it is called in, add (see docs/authoring.md, "Call-in"):
# call_in:
#   requested: YYYY-MM-DD          # the day the request was received
#   by: [cllr-smith, cllr-jones]   # the councillors who called it in
#   reasons: |
#     The reasons given.
#   meeting: null                  # the scrutiny meeting that considers it
#   outcome: null                  # no further action | referred back | referred to full council |
#                                  # request withdrawn | request not valid
"""


def _call_in(maker: Committee | Person | None, kind: str, by: str, site: SiteConfig | None, key: bool) -> str:
    """The file's lines about publication and call-in, with a comment saying whether the
    decision can be called in, worked out as the site will work it out."""
    note, callable_in = _call_in_note(maker, kind, by, site, key)
    return note + PUBLISHED_LINE + (CALL_IN_LINES if callable_in else "")


def _days_left_out(site: SiteConfig | None) -> str:
    """Which days do not count as working days, as site.yaml's notice rules say."""
    rules = site.notice if site is not None else NoticeRules()
    days = ["weekends"] if rules.exclude_weekends else []
    days += ["bank holidays"] if rules.bank_holidays != "none" else []
    days += ["the days the offices are closed"] if rules.closed_days else []
    if not days:
        return "every day counts"
    return (", ".join(days[:-1]) + " and " + days[-1] if len(days) > 1 else days[0]) + " do not count"


def _call_in_note(
    maker: Committee | Person | None, kind: str, by: str, site: SiteConfig | None, key: bool
) -> tuple[str, bool]:
    """The comment on call-in, and whether the file gets the lines for recording one."""
    rules = site.decisions if site is not None else DecisionRules()
    days = f"{rules.call_in_working_days} working days"
    left_out = _days_left_out(site)
    if maker is None or site is None:  # a file with a problem: `check` will say so
        return (
            f"# Call-in: an executive decision can be called in for {days} after the decision\n"
            f"# notice is published ({left_out}).\n"
        ), True
    content = Content(
        site=site,
        committees={by: maker} if isinstance(maker, Committee) else {},
        people={by: maker} if isinstance(maker, Person) else {},
        meetings={},
        reports={},
        reviews={},
        pages={},
    )
    probe = Decision(
        title="",
        date=dt.date.today(),
        decision=Markdown(""),
        committee=Slug(by) if kind == "committee" else None,
        person=Slug(by) if kind == "person" else None,
        key_decision=key,
    )
    who = maker_kind(probe, content)
    if who == "committee":
        return (
            f"# Call-in: decisions of the {maker.name} are not executive decisions: they cannot be called in.\n",
            False,
        )
    if who == "officer" and not key:
        return (
            "# Call-in: an officer's decision can be called in only when it is a key decision. If it is,\n"
            f"# set key_decision: true; it can then be called in for {days} after `published:`.\n"
        ), True
    return (
        f"# Call-in: this decision can be called in for {days} after the decision notice is\n"
        f"# published ({left_out}). Until `published:` is set, the site shows\n"
        "# it as not yet published; then it shows the last day for call-in, and from the next\n"
        "# working day that the decision can be implemented.\n"
    ), True


def _decision(args: argparse.Namespace) -> tuple[Path, str, *tuple[str, ...]]:
    decision_id = _slug(args.id, "decision id")
    content: Path = args.content
    site = _site(content)
    kind, maker = _maker(args.by, content)
    title = _title(args.title, decision_id, "decision's title")
    notes = [] if args.title else [TITLE_NOTE]
    day = _date(args.date) if args.date is not None else None
    meeting_line = "meeting: null                     # the meeting it was taken at, if any\n"
    if args.meeting is not None:
        meeting_id = _slug(args.meeting, "meeting id")
        if not (content / "meetings" / f"{meeting_id}.yaml").is_file():
            known = [path.stem for path in (content / "meetings").glob("*.yaml")]
            raise ValueError(
                f'there is no meeting "{meeting_id}" in {content}/meetings/{did_you_mean(meeting_id, known)}'
            )
        meeting = _read(content / "meetings" / f"{meeting_id}.yaml", Meeting, content)
        if meeting is not None and kind == "committee" and meeting.committee != args.by:
            raise ValueError(f'"{meeting_id}" is a meeting of "{meeting.committee}", not of "{args.by}"')
        if meeting is not None and day is not None and day != meeting.date:
            raise ValueError(
                f'the meeting "{meeting_id}" was on {meeting.date}, not {day}: leave out --date, or check the meeting'
            )
        if day is None and meeting is not None:
            day = meeting.date
        elif day is None and re.search(r"\d{4}-\d{2}-\d{2}$", meeting_id):  # a meeting file with a problem
            day = _date(meeting_id[-10:])
        meeting_line = (
            _line(f"meeting: {meeting_id}", "the meeting it was taken at")
            + "minute: null                      # the number of the minute that records it\n"
        )
    day = day or dt.date.today()
    notice = _slug(args.notice, "notice id") if args.notice is not None else None
    if notice is not None and not (content / "forward-plan" / f"{notice}.yaml").is_file():
        raise ValueError(f'there is no Forward Plan notice "{notice}" in {content}/forward-plan/')
    if notice is None and args.key and (content / "forward-plan" / f"{decision_id}.yaml").is_file():
        notice = decision_id
        notes.append(f"linked to the Forward Plan notice {content}/forward-plan/{decision_id}.yaml")
    elif notice is None and args.key:
        notes.append(
            "a key decision needs a Forward Plan notice (give its id in `notice:`) or, if it could not "
            "wait, an `urgency:` record; see docs/authoring.md"
        )
    key_lines = (
        "key_decision: true                # a key decision\n"
        + _line(f"notice: {notice or 'null'}", "the id of its Forward Plan notice, in content/forward-plan/")
        + "urgency: null                     # taken without the Forward Plan's notice? Then:\n"
        "                                  #   kind: general exception   (or: special urgency)\n"
        "                                  #   reason: why it could not wait\n"
        "                                  #   agreed_by: e.g. the Chair of the Overview and Scrutiny Committee\n"
        if args.key
        else "key_decision: false               # true for a key decision (then give its Forward Plan notice)\n"
    )
    capacity = 'the portfolio or delegated power, e.g. "Cabinet Member for Housing"'
    return (
        content / "decisions" / f"{decision_id}.yaml",
        f"""\
# A decision. Every field is explained in docs/authoring.md, under "Decisions".
title: {_quote(title)}
date: {day}                  # the day it was taken
{_maker_lines(kind, args.by, capacity)}{meeting_line}decision: |                       # the decision as recorded, in Markdown
  ...
reasons: null                     # the reasons for it, in Markdown
alternatives: []                  # options considered and rejected, e.g.
                                  # - option: Keep the present charges.
                                  #   why_rejected: Income would not cover the cost.
interests: []                     # conflicts of interest declared, e.g.
                                  # - person: cllr-smith
                                  #   description: Councillor Smith is a tenant on the estate.
                                  #   dispensation: Granted by the Monitoring Officer on ...
{key_lines}wards: []                         # wards affected, e.g. [Castle, Riverside] or [All]
report: null                      # the id of the report it was taken on
documents: []                     # the decision notice and other papers, e.g.
                                  # - title: Decision notice
                                  #   file: decisions/decision-notice.pdf (in content/documents/)
                                  #   (or url: https://... for one kept elsewhere)
{_call_in(maker, kind, args.by, site, args.key)}exempt: null                      # paragraph (1-7) of Schedule 12A if its details are exempt;
public_summary: null              # then say here what may be published
confidential: false               # true: never published at all (s.100A)
draft: false                      # true keeps it off the published site while you write it
""",
        *notes,
    )


def _notice(args: argparse.Namespace) -> tuple[Path, str, *tuple[str, ...]]:
    notice_id = _slug(args.id, "notice id")
    content: Path = args.content
    site = _site(content)
    kind, _ = _maker(args.by, content)
    title = _title(args.title, notice_id, "decision's title")
    notes = [] if args.title else [TITLE_NOTE]
    expected = _date(args.expected)
    published = _date(args.published) if args.published is not None else dt.date.today()
    if expected < published:
        when = f"on {published}" if args.published else f"today, {published} (give --published for another day)"
        raise ValueError(f"the decision is expected on {expected}, before the notice is published {when}")
    needed = (site.decisions if site is not None else DecisionRules()).forward_plan_clear_days
    clear = clear_calendar_days(published, expected)
    if clear < needed:
        notes.append(
            f"{expected} is only {clear} clear days after {published}: a key decision needs {needed} clear "
            "days' notice, unless it is taken under general exception or special urgency"
        )
    maker = (
        _line(f"committee: {args.by}", "the committee that will take it", 31)
        if kind == "committee"
        else _line(f"person: {args.by}", "the Cabinet member or officer who will take it", 31)
        + "capacity: null                 # the portfolio or delegated power it will be taken under\n"
    )
    return (
        content / "forward-plan" / f"{notice_id}.yaml",
        f"""\
# A Forward Plan notice of a decision to come. Every field is explained in docs/authoring.md,
# under "The Forward Plan". A key decision needs {needed} clear days' notice: every day between
# `published` and `expected` counts, but not those two days.
title: {_quote(title)}
published: {published}          # the day the notice was first published in the Forward Plan
expected: {expected}           # the day the decision is expected to be taken
{maker}summary: |                     # what the decision is about, in Markdown
  ...
key_decision: true             # false for a decision the Forward Plan lists that is not a key decision
documents: []                  # the documents to be considered, e.g.
                               # - title: "Report of the Director of Communities"
private: null                  # if part will be considered in private:
                               #   paragraph: 3            (of Schedule 12A)
                               #   reason: why
wards: []                      # wards affected, e.g. [Castle, Riverside] or [All]
contact: null                  # the officer to contact: a person id
draft: false                   # true keeps it off the published site while you write it
# When the decision has been taken: minutebook new decision {notice_id} --by {args.by} --key
""",
        *notes,
    )


TEMPLATES: dict[str, Callable[[argparse.Namespace], tuple[Path, str, *tuple[str, ...]]]] = {
    "committee": _committee,
    "meeting": _meeting,
    "person": _person,
    "ward": _ward,
    "planning": _planning,
    "review": _review,
    "recommendation": _recommendation,
    "report": _report,
    "decision": _decision,
    "notice": _notice,
}
