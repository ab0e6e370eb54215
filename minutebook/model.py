"""The validated content model: one frozen dataclass per civic noun.

Each field that an author writes is a YAML key of the same name; its ``doc`` is the
documentation (``docs/authoring.md`` and the tests check they agree). Fields marked
``derived`` are filled in by the loader (ids come from file names) and are not keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

# Every date and time in the content is as UK clocks show it.
UK = ZoneInfo("Europe/London")

# --- value types -------------------------------------------------------------------------


# Values that hold no record: the walks over page contexts (linked.py, reuse.py) stop at them.
PLAIN = frozenset({str, int, float, bool, dt.date, dt.datetime, type(None)})


class Markdown(str):
    """Markdown text that remembers the file and line it starts on, for error messages."""

    path: str = ""
    line: int = 0

    @classmethod
    def located(cls, text: str, path: str, line: int) -> Markdown:
        value = cls(text)
        value.path, value.line = path, line
        return value


class Time(str):
    """A 24-hour clock time, "HH:MM"."""


class Slug(str):
    """A short id: lower-case letters, digits and hyphens."""


class MinuteNumber(str):
    """A minute's number as the minutes print it: 80, "P24", "C.15", "24/25-12" or "12 (2024/25)".

    Numbers are compared as written ("P24" is not "p24"). ``slug`` is the form used in the
    minute's web address and anchor: lower case, each run of other characters one hyphen
    ("24/25-12" gives "24-25-12"), so a plain number such as 80 stays "80"."""

    @property
    def slug(self) -> str:
        return minute_slug(self)

    @property
    def sort_key(self) -> tuple[tuple[int, int | str], ...]:
        """A natural order: runs of digits compare as numbers, so 9 comes before 10 and P9 before P10."""
        return tuple((0, int(run)) if run.isdigit() else (1, run.lower()) for run in re.findall(r"\d+|\D+", self))


def minute_slug(number: object) -> str:
    """The URL- and id-safe form of a minute number: "P24" -> "p24", "24/25-12" -> "24-25-12"."""
    return re.sub(r"[^a-z0-9]+", "-", str(number).lower()).strip("-")


class PostalAddress(str):
    """A postal address, on one line: written over several lines, its lines are joined by commas."""


class SiteAddress(str):
    """The web address a site is published at: https:// (or http://), a host and any path."""


class Language(str):
    """A language tag (BCP 47) such as en-GB, cy or gd-GB."""


class DayOfYear(str):
    """A day and month such as "1 May" or "20 May", written as the council writes it."""

    @property
    def month_day(self) -> tuple[int, int]:
        day, month = self.split()
        return MONTHS.index(month.capitalize()) + 1, int(day)


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class DocumentPath(str):
    """A file kept in content/documents/, named from there, e.g. 2025-03-11/agenda-pack.pdf."""


class Url(str):
    """A link's address: https:, http:, mailto:, tel: or a path on this site; never one that
    runs script (javascript:, data:) when clicked."""


@dataclass(frozen=True)
class ActionBy:
    """When a recommendation is due: a day, a month, "ongoing" or "to be agreed"."""

    kind: Literal["date", "month", "ongoing", "to be agreed"]
    date: dt.date | None = None  # for a month, its last day (when it becomes overdue)

    def __str__(self) -> str:
        if self.kind == "date" and self.date:
            return self.date.isoformat()
        if self.kind == "month" and self.date:
            return self.date.strftime("%Y-%m")
        return self.kind


@dataclass(frozen=True)
class Src:
    """Where a record was written: file, line, and the line of each of its keys."""

    path: str = ""
    line: int = 0
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def f(doc: str, default: Any = MISSING, *, ref: str | None = None, derived: bool = False) -> Any:
    """A model field with its documentation and, for references, the kind it refers to."""
    meta = {"doc": doc, "ref": ref, "derived": derived}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    if default is MISSING:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def src_field() -> Any:
    return field(
        default_factory=Src,
        compare=False,
        repr=False,
        metadata={"doc": "where the record was written", "ref": None, "derived": True},
    )


# --- enumerations --------------------------------------------------------------------------

# What a committee is, by the law and practice that cover English, Welsh and Scottish councils
# and parish, town and community councils; a council's own name for it is the committee's name.
CommitteeKind = Literal[
    "full council",  # all the councillors (also a parish, town or community council's own meetings)
    "executive",  # a cabinet, a mayor and cabinet, or an executive committee
    "overview and scrutiny",  # scrutiny committees, boards, commissions and panels
    "planning",
    "licensing",
    "regulatory",
    "audit",
    "standards",
    "health and wellbeing board",
    "joint committee",  # with other councils or bodies
    "area committee",  # for part of the council's area
    "committee",  # any other committee or sub-committee (a committee-system council's service committees)
]
COMMITTEE_KINDS: tuple[str, ...] = get_args(CommitteeKind)
MemberRole = Literal["chair", "vice-chair", "member", "co-opted member"]
PersonKind = Literal["councillor", "officer", "witness", "other"]
MeetingStatus = Literal["scheduled", "held", "cancelled", "postponed"]
AttendanceMode = Literal["in person", "online", "hybrid"]
WorkStatus = Literal["planned", "completed", "deferred", "withdrawn"]
InterestKind = Literal["personal", "disclosable pecuniary", "prejudicial", "other"]
ReviewStatus = Literal["planned", "in progress", "reported", "responded", "monitoring", "completed"]
ResponseDecision = Literal[
    "accepted", "partially accepted", "agreed", "partially agreed", "rejected", "deferred", "noted", "not stated"
]
ImplementationStatus = Literal["not started", "in progress", "completed", "not progressed", "superseded"]
Outcome = Literal["carried", "lost", "withdrawn"]
VoteChoice = Literal["in favour", "against", "abstained"]
Urgency = Literal["general exception", "special urgency"]
CallInOutcome = Literal[
    "no further action",  # the decision stands and can be implemented
    "referred back",  # to the decision maker to reconsider
    "referred to full council",
    "request withdrawn",
    "request not valid",
]
Reconsidered = Literal["confirmed", "amended", "revoked"]
WardKind = Literal["ward", "division", "electoral division", "community", "parish ward"]
TermStart = Literal["elected", "by-election", "re-elected", "co-opted", "appointed"]
TermEnd = Literal["stood down", "not re-elected", "resigned", "disqualified", "died", "removed"]
PostKind = Literal[
    "leader",
    "deputy leader",
    "elected mayor",
    "cabinet member",
    "civic mayor",
    "chairman",
    "opposition leader",
    "other",
]
# The Relevant Authorities (Disclosable Pecuniary Interests) Regulations 2012, Schedule: the
# categories of a disclosable pecuniary interest; "other" for the council's own categories.
InterestCategory = Literal[
    "employment", "sponsorship", "contracts", "land", "licences", "corporate tenancies", "securities", "other"
]


# --- site ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    title: str = f("the link's text")
    url: Url = f("where it goes: https://..., mailto:..., tel:... or a path on this site starting with /")


@dataclass(frozen=True)
class Contact:
    name: str | None = f("who to contact, e.g. Democratic Services", None)
    email: str | None = f("email address", None)
    phone: str | None = f("telephone number", None)
    address: PostalAddress | None = f("postal address, on one line or over several", None)


@dataclass(frozen=True)
class NoticeRules:
    exclude_weekends: bool = f("Saturdays and Sundays do not count as clear days", True)
    bank_holidays: Literal["england-and-wales", "scotland", "northern-ireland", "none"] = f(
        "whose bank holidays do not count as clear days", "england-and-wales"
    )
    closed_days: list[dt.date] = f("other days the council's offices are closed", [])
    src: Src = src_field()


@dataclass(frozen=True)
class DataLicence:
    name: str = f("the licence's short identifier", "OGL-UK-3.0")
    title: str = f("the licence's name", "Open Government Licence v3.0")
    url: Url = f(
        "where the licence is published",
        Url("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
    )
    src: Src = src_field()


@dataclass(frozen=True)
class Wording:
    """The council's own words for roles and bodies, which differ from council to council."""

    chair: str = f("the title of whoever chairs a meeting: Chair, Chairman, Chairperson, Convener ...", "Chair")
    vice_chair: str = f("the title of their deputy: Vice-Chair, Vice-Chairman, Vice-Convener ...", "Vice-Chair")
    review_body: str = f(
        "what the council calls the body that runs a scrutiny review: committee, commission, panel, board ...",
        "committee",
    )
    responder: str = f(
        "who decides the response to scrutiny recommendations: the executive, the Cabinet, "
        "the Policy and Resources Committee ...",
        "the executive",
    )
    src: Src = src_field()


@dataclass(frozen=True)
class DecisionRules:
    call_in_working_days: int = f(
        "working days after a decision is published in which it can be called in (weekends and "
        "bank holidays are left out as the notice rules say)",
        5,
    )
    forward_plan_clear_days: int = f("clear days' notice the Forward Plan must give of a key decision", 28)
    src: Src = src_field()


@dataclass(frozen=True)
class SiteConfig:
    council: str = f("the council's full name")
    title: str = f("the site's title, shown in the header and page titles")
    base_url: SiteAddress = f("the address the site is published at, starting https://; a sub-path is fine")
    language: Language = f("the language of the pages, e.g. en-GB, or cy for Welsh", Language("en-GB"))
    description: Markdown | None = f("one or two sentences for the home page", None)
    contact: Contact | None = f("how the public can contact the council", None)
    footer_links: list[Link] = f("links shown in the footer", [])
    notice: NoticeRules = f("how clear days are counted for an agenda's five clear days' notice", NoticeRules())
    checks_start: dt.date | None = f(
        "records dated before this day are an archive: `check` does not warn that they look out of date", None
    )
    data_licence: DataLicence = f("the licence the open data is published under", DataLicence())
    wording: Wording = f("the council's own words for roles and bodies", Wording())
    decisions: DecisionRules = f("the call-in period and the Forward Plan's notice", DecisionRules())
    municipal_year_starts: DayOfYear = f(
        "the day the municipal year starts in a year with no Annual Meeting recorded (a meeting with "
        "annual_meeting: true starts it otherwise), e.g. 1 May",
        DayOfYear("1 May"),
    )
    git_history: bool = f(
        "show when each review and recommendation last changed, and how its status "
        "changed, from the git log of content/",
        False,
    )
    src: Src = src_field()


# --- committees and people -------------------------------------------------------------------


@dataclass(frozen=True)
class Membership:
    person: Slug = f("the member's person id", ref="person")
    role: MemberRole = f("chair, vice-chair, member or co-opted member")
    since: dt.date | None = f("first day of the term", None)
    until: dt.date | None = f("last day of the term", None)
    represents: str | None = f("for co-opted members: the body they represent", None)
    note: str | None = f("anything else about the membership", None)
    src: Src = src_field()


@dataclass(frozen=True)
class WorkProgrammeItem:
    title: str = f("the topic")
    status: WorkStatus = f("planned, completed, deferred or withdrawn", "planned")
    note: str | None = f("more about the topic", None)
    src: Src = src_field()


@dataclass(frozen=True)
class WorkProgrammeMeeting:
    date: dt.date = f("the planned meeting date")
    items: list[WorkProgrammeItem] = f("the topics planned for that meeting", [])
    src: Src = src_field()


@dataclass(frozen=True)
class Committee:
    name: str = f("full name")
    short_name: str = f("abbreviation used in lists, e.g. P&R")
    kind: CommitteeKind = f(
        "full council, executive, overview and scrutiny, planning, licensing, regulatory, audit, standards, "
        "health and wellbeing board, joint committee, area committee or committee (any other)"
    )
    description: Markdown | None = f("what the committee does", None)
    members: list[Membership] = f("membership with roles and terms", [])
    work_programme: list[WorkProgrammeMeeting] = f("planned meeting dates and their items", [])
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class Ward:
    name: str = f("the ward's or division's name")
    kind: WardKind = f("ward, division, electoral division, community or parish ward", "ward")
    seats: int | None = f("how many councillors it elects", None)
    description: Markdown | None = f("the area it covers, in Markdown", None)
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class Term:
    start: dt.date = f("the first day of the term, e.g. the day after the election")
    ward: Slug | None = f("the ward or division they represent", None, ref="ward")
    how: TermStart = f("elected, by-election, re-elected, co-opted or appointed", "elected")
    party: str | None = f("the party they stood for, if different from the person's party now", None)
    end: dt.date | None = f("the last day of the term, once it has ended", None)
    why_ended: TermEnd | None = f(
        "stood down, not re-elected, resigned, disqualified, died or removed (with end)", None
    )
    src: Src = src_field()


@dataclass(frozen=True)
class Post:
    title: str = f('the post as the council names it, e.g. "Cabinet Member for Housing" or "Leader of the Council"')
    kind: PostKind = f(
        "leader, deputy leader, elected mayor, cabinet member, civic mayor, chairman, opposition leader or other"
    )
    since: dt.date | None = f("the first day in the post", None)
    until: dt.date | None = f("the last day in the post", None)
    src: Src = src_field()


@dataclass(frozen=True)
class RegisteredInterest:
    category: InterestCategory = f(
        "employment, sponsorship, contracts, land, licences, corporate tenancies, securities (the "
        "disclosable pecuniary interests of the 2012 Regulations) or other (the council's own)"
    )
    description: Markdown = f("the interest as registered")
    partner: bool = f("true for an interest of their spouse or partner", False)
    sensitive: bool = f(
        'true for a sensitive interest (Localism Act 2011, s.32): published only as "sensitive interest withheld"',
        False,
    )
    entered: dt.date | None = f("when it was entered in the register", None)
    removed: dt.date | None = f("when it was removed from the register", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Gift:
    date: dt.date = f("when it was received")
    donor: str = f("who gave it")
    description: str = f("the gift or hospitality")
    value: str | None = f('its value, as registered, e.g. "£60" or "about £40"', None)
    src: Src = src_field()


@dataclass(frozen=True)
class Person:
    name: str = f("the name as the documents give it, without the honorific")
    kind: PersonKind = f("councillor, officer, witness or other")
    honorific: str | None = f("Councillor, Mr, Mrs, Ms, Dr, Professor ...", None)
    job_title: str | None = f("job title", None)
    directorate: str | None = f("the council directorate an officer works in", None)
    organisation: str | None = f("the body a witness or partner works for", None)
    left_office: dt.date | None = f(
        "the last day in office, e.g. when a councillor stood down or was not re-elected", None
    )
    party: str | None = f("a councillor's party, or Independent", None)
    group: str | None = f("the political group they sit with on the council, if not their party's", None)
    terms: list[Term] = f("a councillor's terms of office, oldest first", [])
    posts: list[Post] = f("posts held: Leader, Cabinet member, Mayor, civic roles ...", [])
    register: list[RegisteredInterest] = f("a councillor's register of interests", [])
    gifts: list[Gift] = f("gifts and hospitality registered", [])
    email: str | None = f("a work email address, published", None)
    phone: str | None = f("a work telephone number, published", None)
    home_address: PostalAddress | None = f("a home address: never published unless home_public is true", None)
    home_phone: str | None = f("a private telephone number: never published unless home_public is true", None)
    home_public: bool = f("true only if they have agreed to publish their home address and private phone", False)
    note: Markdown | None = f("anything else, in Markdown", None)
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.name.split()[-1].lower(), self.name.lower())


# --- meetings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPart:
    """A page of a PDF, a sheet of a spreadsheet, or a whole document: its words, as read."""

    heading: str | None  # a spreadsheet's sheet name
    paragraphs: tuple[str, ...]
    page: int | None = None  # a PDF's page number


@dataclass(frozen=True)
class StoredFile:
    """A file of content/documents/ as read: what a link to it says of it, and its words."""

    path: DocumentPath
    kind: str  # what a reader calls it, e.g. "PDF", as GOV.UK's attachment links do
    size: int  # in bytes
    digest: str  # of its bytes, so that a changed file is copied again
    pages: int | None = None  # a PDF's
    text: tuple[TextPart, ...] = ()  # empty where its words cannot be read
    unreadable: str | None = None  # why its words cannot be read, for the warning
    source: str = ""  # where this build read it, to copy it from

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[-1].lower()


@dataclass(frozen=True)
class Document:
    title: str = f("the document's title")
    url: Url | None = f("where it can be read: https://... or a path on this site starting with /", None)
    file: DocumentPath | None = f(
        "a file kept in content/documents/, named from there, e.g. 2025-03-11/agenda-pack.pdf: "
        "published with the site, its type and size in the link",
        None,
    )
    exempt: int | None = f(
        "paragraph (1-7) of Schedule 12A if this document is exempt: its title is listed, the file is not published",
        None,
    )
    confidential: bool = f("true for confidential information (s.100A): the document is never listed", False)
    stored: StoredFile | None = f("the file as read from content/documents/", None, derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class AgendaItem:
    number: str = f("the item number as printed, e.g. 7")
    title: str = f("the item's title")
    pages: str | None = f("page range in the agenda pack, e.g. 68-82", None)
    report: Slug | None = f("the id of the report for this item", None, ref="report")
    document: Document | None = f("any other document for this item", None)
    minute: MinuteNumber | None = f("the number of the minute that records this item", None)
    exempt: int | None = f(
        "paragraph (1-7) of Schedule 12A to the Local Government Act 1972 that makes the item exempt", None
    )
    confidential: bool = f(
        "true for confidential information (s.100A): the item is never published, not even its title", False
    )
    matter: Slug | None = f("the matter this item is part of, followed across meetings", None, ref="matter")
    urgent: str | None = f("for an urgent item added by the chair: why it could not wait (s.100B(4)(b))", None)
    webcast_at: Time | None = f('where the item starts in the webcast, as hours and minutes, e.g. "01:25"', None)
    src: Src = src_field()


@dataclass(frozen=True)
class AgendaSection:
    items: list[AgendaItem] = f("the items in this section")
    heading: str | None = f('the section heading, e.g. "For Discussion/Decision"', None)
    src: Src = src_field()


@dataclass(frozen=True)
class ChairChange:
    person: Slug = f("who took the chair", ref="person")
    from_minute: MinuteNumber = f("the number of the first minute they chaired")
    note: str | None = f("the wording of the minutes", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Attendance:
    chair: Slug | None = f("who chaired the meeting", None, ref="person")
    present: list[Slug] = f("members present, not the chair", [], ref="person")
    apologies: list[Slug] = f("members who sent apologies", [], ref="person")
    absent: list[Slug] = f("members absent without apologies", [], ref="person")
    also_in_attendance: list[Slug] = f("councillors present who are not members", [], ref="person")
    officers: list[Slug] = f("officers present", [], ref="person")
    witnesses: list[Slug] = f("witnesses who gave evidence", [], ref="person")
    chair_changes: list[ChairChange] = f("changes of chair during the meeting", [])
    src: Src = src_field()


@dataclass(frozen=True)
class Declaration:
    person: Slug = f("who declared", ref="person")
    interest: InterestKind = f("personal, disclosable pecuniary, prejudicial or other")
    description: Markdown = f("the interest, as minuted")
    minute: MinuteNumber | None = f("the number of the minute item the interest concerns", None)
    src: Src = src_field()


@dataclass(frozen=True)
class PublicQuestion:
    asked_by: str = f("who asked (a name only: never an address)")
    question: Markdown = f("the question")
    answer: Markdown | None = f("the answer given", None)
    answered_by: Slug | None = f("who answered, e.g. the Cabinet member", None, ref="person")
    supplementary: Markdown | None = f("a supplementary question, if one was asked", None)
    supplementary_answer: Markdown | None = f("the answer to it", None)
    src: Src = src_field()


@dataclass(frozen=True)
class MemberQuestion:
    asked_by: Slug = f("the councillor who asked", ref="person")
    question: Markdown = f("the question")
    answered_by: Slug | None = f("who answered", None, ref="person")
    answer: Markdown | None = f("the answer given", None)
    supplementary: Markdown | None = f("a supplementary question, if one was asked", None)
    supplementary_answer: Markdown | None = f("the answer to it", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Petition:
    subject: str = f("what the petition asks for")
    signatures: int | None = f("how many signed it", None)
    presented_by: str | None = f("who presented it (a name only: never the lead petitioner's address)", None)
    response: Markdown | None = f("the council's response", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Supplement:
    title: str = f('what it adds, e.g. "Supplementary agenda: item 9 report"')
    published: dt.date = f("the day it was published")
    reason: str | None = f("why it was published late, as the chair agreed", None)
    items: list[str] = f("the numbers of the agenda items it covers", [])
    document: Document | None = f("the supplement itself", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Vote:
    in_favour: int | None = f("how many voted for (leave out for a recorded vote: the names are counted)", None)
    against: int | None = f("how many voted against", None)
    abstained: int | None = f("how many abstained", None)
    recorded: RecordedVote | None = f("for a recorded (named) vote: who voted which way", None)
    casting_vote: Literal["in favour", "against"] | None = f(
        "the chair's casting vote, when the votes were equal", None
    )
    src: Src = src_field()

    def count(self, choice: str) -> int | None:
        """The number who voted one way: as written, else the names recorded."""
        written = {"in favour": self.in_favour, "against": self.against, "abstained": self.abstained}[choice]
        if written is not None or self.recorded is None:
            return written
        return len(self.recorded.names(choice))

    @property
    def carried(self) -> bool | None:
        """Whether the votes carry it: more for than against, or the casting vote; None if unknown."""
        yes, no = self.count("in favour"), self.count("against")
        if yes is None or no is None:
            return None
        if yes == no:
            return None if self.casting_vote is None else self.casting_vote == "in favour"
        return yes > no


@dataclass(frozen=True)
class RecordedVote:
    in_favour: list[Slug] = f("the members who voted for", [], ref="person")
    against: list[Slug] = f("the members who voted against", [], ref="person")
    abstained: list[Slug] = f("the members who abstained", [], ref="person")
    src: Src = src_field()

    def names(self, choice: str) -> list[Slug]:
        return {"in favour": self.in_favour, "against": self.against, "abstained": self.abstained}[choice]

    def choices(self) -> list[tuple[str, Slug]]:
        """(how they voted, who) for every name, in the order written."""
        return [(choice, person) for choice in VOTE_CHOICES for person in self.names(choice)]


VOTE_CHOICES: tuple[str, ...] = get_args(VoteChoice)


@dataclass(frozen=True)
class Resolution:
    text: Markdown = f("the resolution, usually starting 'That ...'")
    items: list[Markdown] = f("lettered sub-items a, b, c ...", [])
    vote: Vote | None = f("the vote on it, where one was taken", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Amendment:
    text: Markdown = f("the amendment as moved")
    moved_by: Slug = f("who moved it", ref="person")
    outcome: Outcome = f("carried, lost or withdrawn")
    seconded_by: Slug | None = f("who seconded it", None, ref="person")
    vote: Vote | None = f("the vote on it", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Motion:
    title: str = f("what the motion is about, e.g. Climate emergency")
    text: Markdown = f("the motion as moved")
    moved_by: Slug = f("who moved it", ref="person")
    outcome: Outcome = f("carried, lost or withdrawn: how the motion as finally put went")
    seconded_by: Slug | None = f("who seconded it", None, ref="person")
    amendments: list[Amendment] = f("amendments, in the order they were moved", [])
    substantive: Markdown | None = f(
        "the substantive motion, as amended, that was finally put (leave out if no amendment was carried)", None
    )
    vote: Vote | None = f("the vote on the motion as finally put", None)
    src: Src = src_field()


@dataclass(frozen=True)
class MinuteItem:
    number: MinuteNumber = f('the minute number as the minutes print it, e.g. 80 or "P24"')
    title: str = f("the minute's title")
    agenda_item: str | None = f("the agenda item number it records", None)
    body: Markdown | None = f("the minute text", None)
    resolutions: list[Resolution] = f("what was resolved, numbered 1, 2, 3 ...", [])
    motions: list[Motion] = f("motions moved under this item, with their amendments and votes", [])
    exempt: int | None = f("paragraph (1-7) of Schedule 12A if the item was exempt", None)
    public_summary: Markdown | None = f(
        "required for exempt items: what may be said in public (s.100C(2) Local Government Act 1972)", None
    )
    confidential: bool = f(
        "true for confidential information (s.100A): the minute is never published, not even its title", False
    )
    publish_in_full: bool = f(
        "true when the agenda item it records is exempt but this minute is not: published in full", False
    )
    matter: Slug | None = f("the matter this minute is part of, followed across meetings", None, ref="matter")
    src: Src = src_field()

    @property
    def anchor(self) -> str:
        return f"minute-{self.number.slug}"


@dataclass(frozen=True)
class NextMeeting:
    date: dt.date = f("the date announced")
    start_time: Time | None = f("the time announced", None)
    venue: str | None = f("the venue announced", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Meeting:
    committee: Slug = f("the committee's id", ref="committee")
    date: dt.date = f("the meeting date")
    status: MeetingStatus = f("scheduled, held, cancelled or postponed")
    start_time: Time | None = f('the start time, e.g. "09:00"', None)
    end_time: Time | None = f("the finish time", None)
    venue: str | None = f("where the meeting takes place", None)
    notes: Markdown | None = f("notes such as a pre-meeting briefing", None)
    agenda: list[AgendaSection] = f("the agenda, in sections", [])
    attendance: Attendance | None = f("who attended", None)
    declarations: list[Declaration] = f("declarations of interest", [])
    public_questions: list[PublicQuestion] = f("questions from the public", [])
    minutes: list[MinuteItem] = f("the numbered minute items", [])
    next_meeting: NextMeeting | None = f("the next meeting, as announced", None)
    agenda_published: dt.date | None = f("the day the agenda was published (for the five clear days' notice)", None)
    short_notice_reason: str | None = f("why the agenda was published at short notice", None)
    supplements: list[Supplement] = f("supplementary agendas and late reports, each with its own date", [])
    mode: AttendanceMode = f("in person, online or hybrid", "in person")
    webcast: Url | None = f("the webcast or recording of the meeting", None)
    rearranged_to: Slug | None = f(
        "for a postponed or cancelled meeting: the meeting that took its place", None, ref="meeting"
    )
    documents: list[Document] = f("the agenda pack, the printed minutes and other papers of the whole meeting", [])
    member_questions: list[MemberQuestion] = f("questions from councillors, with who answered", [])
    petitions: list[Petition] = f("petitions presented", [])
    annual_meeting: bool = f("true for the council's Annual Meeting, which starts a municipal year", False)
    draft: bool = f("true keeps the meeting off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the meeting unpublished until this date and time (UK time), e.g. 2015-01-16T09:00", None
    )
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()

    @property
    def ends_after_midnight(self) -> bool:
        """Starting in the afternoon or evening and "ending" early in the morning, it ends the
        next day (a budget meeting run late); "HH:MM" times compare as the clock does."""
        start, end = self.start_time, self.end_time
        return start is not None and end is not None and start >= "12:00" and end <= "06:00"

    @property
    def agenda_items(self) -> list[AgendaItem]:
        return [item for section in self.agenda for item in section.items]


# --- reports -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    title: str = f("the report's title")
    meeting: Slug = f("the meeting it goes to", ref="meeting")
    agenda_item: str = f("its agenda item number at that meeting")
    date: dt.date = f("the date of the report")
    directorate: str | None = f("the directorate that wrote it", None)
    author: Slug | None = f("the author's person id", None, ref="person")
    contact: Slug | None = f("the contact's person id (defaults to the author)", None, ref="person")
    summary: Markdown | None = f("a summary", None)
    recommendations: list[Markdown] = f("the report's own recommendations, lettered a, b, c", [])
    key_decision: bool = f("whether it is a key decision", False)
    wards: list[str] = f("wards affected", [])
    exempt: int | None = f("paragraph (1-7) of Schedule 12A if the report is exempt", None)
    confidential: bool = f("true for confidential information (s.100A): the report is never published", False)
    publish_in_full: bool = f("true when its agenda item is exempt but this report is not: published in full", False)
    matter: Slug | None = f("the matter the report is part of", None, ref="matter")
    review: Slug | None = f("the scrutiny review it belongs to", None, ref="review")
    original: Document | None = f("the report as it was published, e.g. its PDF: the page links to it", None)
    appendices: list[Document] = f("appendices", [])
    background_papers: list[str] = f("background papers", [])
    draft: bool = f("true keeps the report off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the report unpublished until this date and time (UK time), e.g. 2015-01-16T09:00", None
    )
    body: Markdown | None = f("the report, below the front matter", None, derived=True)
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


# --- scrutiny reviews ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceSession:
    date: dt.date = f("the session's date")
    title: str = f("the session's title")
    meeting: Slug | None = f("the meeting it was part of", None, ref="meeting")
    objectives: list[Markdown] = f("what the session set out to learn", [])
    witnesses: list[Slug] = f("who gave evidence", [], ref="person")
    src: Src = src_field()


@dataclass(frozen=True)
class Theme:
    id: Slug = f("a short id recommendations use in `theme`")
    title: str = f("the theme's title")
    src: Src = src_field()


@dataclass(frozen=True)
class PromisedReport:
    promised_on: dt.date = f("when the report was promised")
    to: Slug = f("the committee it is to go to", ref="committee")
    within_months: int | None = f('how many months later it is due ("in 6 months\' time" is 6)', None)
    due: dt.date | None = f("the date it is due, where one was given instead of a number of months", None)
    wording: str | None = f("the promise as written", None)
    meeting: Slug | None = f("the meeting where it was promised", None, ref="meeting")
    received: Slug | None = f("the meeting the report went to, once it has", None, ref="meeting")
    src: Src = src_field()


@dataclass(frozen=True)
class ExecutiveResponse:
    by: str = f("who responded, e.g. Cabinet")
    date: dt.date = f("when the response was agreed")
    meeting: Slug | None = f("the meeting that agreed it", None, ref="meeting")
    reported_to: Slug | None = f("the meeting it was reported to", None, ref="meeting")
    report: Slug | None = f("the report that set it out", None, ref="report")
    src: Src = src_field()


@dataclass(frozen=True)
class ActionByChange:
    date: dt.date = f("when the action-by date was changed")
    action_by: ActionBy = f('the new action-by: a date, a month, "ongoing" or "to be agreed"')
    reason: str = f("why it was changed, as stated")
    meeting: Slug | None = f("the meeting that agreed the change", None, ref="meeting")
    src: Src = src_field()


@dataclass(frozen=True)
class MonitoringUpdate:
    date: dt.date = f("the date of the update")
    status: ImplementationStatus = f("the implementation status at that date")
    note: Markdown = f("what was reported")
    meeting: Slug | None = f("the meeting it was reported to", None, ref="meeting")
    src: Src = src_field()


@dataclass(frozen=True)
class RecommendationResponse:
    decision: ResponseDecision = f(
        "accepted, partially accepted, agreed, partially agreed, rejected, deferred, noted or not stated"
    )
    text: Markdown | None = f("the response as written", None)
    officers: list[Slug] = f("the officers responsible", [], ref="person")
    responsible_team: str | None = f("a team or body responsible, as printed, where no officer is named", None)
    action_by: ActionBy | None = f('a date, a month (2015-01), "ongoing" or "to be agreed"', None)
    src: Src = src_field()


@dataclass(frozen=True)
class Recommendation:
    text: Markdown = f("the recommendation as written")
    status: ImplementationStatus = f("not started, in progress, completed, not progressed or superseded", "not started")
    theme: Slug | None = f("the id of one of the review's themes", None)
    made: dt.date | None = f("when it was made (defaults to the review's reported date)", None)
    response: RecommendationResponse | None = f("the executive's response", None)
    updates: list[MonitoringUpdate] = f("monitoring updates, oldest first", [])
    action_by_changes: list[ActionByChange] = f("each time the action-by date was moved, oldest first", [])
    draft: bool = f("true keeps the recommendation off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the recommendation unpublished until this date and time (UK time), e.g. 2015-01-16T09:00", None
    )
    id: str = f("from the file name, e.g. 2a", "", derived=True)
    review: str = f("the review's id, from the folder", "", derived=True)
    src: Src = src_field()

    @property
    def key(self) -> str:
        return f"{self.review}/{self.id}"


@dataclass(frozen=True)
class Review:
    title: str = f("the review's title")
    committee: Slug = f("the committee (or commission, panel or board) that ran it", ref="committee")
    status: ReviewStatus = f("planned, in progress, reported, responded, monitoring or completed")
    chair: Slug | None = f("who chaired it", None, ref="person")
    members: list[Slug] = f("members who took part", [], ref="person")
    started: dt.date | None = f("when it started", None)
    reported: dt.date | None = f("when it reported", None)
    aims: list[Markdown] = f("aims and objectives", [])
    scope: list[Markdown] = f("scope and lines of enquiry", [])
    evidence_sessions: list[EvidenceSession] = f("evidence sessions", [])
    background_papers: list[str] = f("background papers", [])
    themes: list[Theme] = f("themes the recommendations are grouped under", [])
    response: ExecutiveResponse | None = f("the executive's response", None)
    promised_reports: list[PromisedReport] = f("monitoring reports promised in or after the response", [])
    matter: Slug | None = f("the matter the review belongs to", None, ref="matter")
    draft: bool = f("true keeps the review off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the review unpublished until this date and time (UK time), e.g. 2015-01-16T09:00", None
    )
    body: Markdown | None = f("the findings, below the front matter", None, derived=True)
    recommendations: tuple[Recommendation, ...] = f("from the recommendations folder", (), derived=True)
    id: str = f("from the folder name", "", derived=True)
    src: Src = src_field()


# --- decisions and the Forward Plan -------------------------------------------------------------


@dataclass(frozen=True)
class Interest:
    person: Slug = f("who has the conflict of interest", ref="person")
    description: Markdown = f("the interest, as recorded")
    dispensation: str | None = f("any dispensation granted, by whom and when", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Alternative:
    option: Markdown = f("the option considered")
    why_rejected: Markdown | None = f("why it was rejected", None)
    src: Src = src_field()


@dataclass(frozen=True)
class UrgencyRecord:
    kind: Urgency = f("general exception (5 clear days' notice) or special urgency (no notice)")
    reason: Markdown = f("why the decision could not wait")
    agreed_by: str | None = f("who agreed it, e.g. the Chair of the Overview and Scrutiny Committee", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Reconsideration:
    date: dt.date = f("when the decision maker reconsidered it")
    result: Reconsidered = f("confirmed, amended or revoked")
    meeting: Slug | None = f("the meeting that reconsidered it", None, ref="meeting")
    note: Markdown | None = f("the decision as reconsidered, or what changed", None)
    src: Src = src_field()


@dataclass(frozen=True)
class CallIn:
    requested: dt.date = f("when the call-in request was received")
    by: list[Slug] = f("the councillors who called it in", [], ref="person")
    reasons: Markdown | None = f("the reasons given", None)
    meeting: Slug | None = f("the scrutiny meeting that considered it", None, ref="meeting")
    minute: MinuteNumber | None = f("the number of the minute of that meeting that records it", None)
    outcome: CallInOutcome | None = f(
        "no further action, referred back, referred to full council, request withdrawn or request not valid "
        "(leave out until decided)",
        None,
    )
    outcome_date: dt.date | None = f("when the outcome was decided (defaults to the meeting's date)", None)
    reconsidered: Reconsideration | None = f("the decision maker's reconsideration, after a referral", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Decision:
    title: str = f("what the decision is about")
    date: dt.date = f("when it was taken")
    decision: Markdown = f("the decision as recorded")
    committee: Slug | None = f("the committee that took it, e.g. cabinet (or give person)", None, ref="committee")
    person: Slug | None = f(
        "the Cabinet member or officer who took it, for a decision not taken by a committee", None, ref="person"
    )
    capacity: str | None = f(
        'the portfolio or delegated power it was taken under, e.g. "Cabinet Member for Housing"', None
    )
    meeting: Slug | None = f("the meeting it was taken at", None, ref="meeting")
    minute: MinuteNumber | None = f("the number of the minute of that meeting that records it", None)
    reasons: Markdown | None = f("the reasons for it", None)
    alternatives: list[Alternative] = f("alternative options considered and rejected", [])
    interests: list[Interest] = f("conflicts of interest declared, and dispensations", [])
    key_decision: bool = f("true for a key decision", False)
    notice: Slug | None = f("the id of its Forward Plan notice", None, ref="notice")
    urgency: UrgencyRecord | None = f("for a key decision taken without 28 days' notice: the urgency used", None)
    published: dt.date | None = f("when the decision notice was published (the call-in period runs from it)", None)
    call_in_exempt: str | None = f(
        "why it cannot be called in, e.g. urgent, with the agreement of the scrutiny chair", None
    )
    call_in: CallIn | None = f("a call-in of the decision and what came of it", None)
    wards: list[str] = f("wards affected", [])
    report: Slug | None = f("the report it was taken on", None, ref="report")
    documents: list[Document] = f("the decision notice and other papers", [])
    matter: Slug | None = f("the matter it is part of", None, ref="matter")
    exempt: int | None = f("paragraph (1-7) of Schedule 12A if the decision's details are exempt", None)
    public_summary: Markdown | None = f("for an exempt decision: what may be published", None)
    confidential: bool = f("true for confidential information (s.100A): the decision is never published", False)
    draft: bool = f("true keeps the decision off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the decision unpublished until this date and time (UK time), e.g. 2025-02-12T09:00", None
    )
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class PrivateReason:
    paragraph: int = f("the paragraph (1-7) of Schedule 12A that applies")
    reason: str = f("why part of it will be considered in private")
    src: Src = src_field()


@dataclass(frozen=True)
class Notice:
    title: str = f("the decision to be taken")
    published: dt.date = f("when the notice was first published in the Forward Plan")
    expected: dt.date = f("the date the decision is expected to be taken")
    committee: Slug | None = f("the committee that will take it, e.g. cabinet (or give person)", None, ref="committee")
    person: Slug | None = f("the Cabinet member or officer who will take it", None, ref="person")
    capacity: str | None = f("the portfolio or delegated power it will be taken under", None)
    summary: Markdown | None = f("what the decision is about", None)
    key_decision: bool = f("true for a key decision", True)
    documents: list[Document] = f("the documents to be considered", [])
    private: PrivateReason | None = f("if part will be considered in private: the paragraph and why", None)
    wards: list[str] = f("wards affected", [])
    contact: Slug | None = f("the officer to contact", None, ref="person")
    matter: Slug | None = f("the matter it is part of", None, ref="matter")
    draft: bool = f("true keeps the notice off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the notice unpublished until this date and time (UK time), e.g. 2025-01-06T09:00", None
    )
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


# --- planning applications ------------------------------------------------------------------------

# What the planning officer's report recommended, and what the committee decided.
PlanningRecommendation = Literal["approve", "approve with conditions", "refuse", "defer"]
PlanningDecision = Literal[
    "granted",
    "granted with conditions",
    "refused",
    "deferred",
    "withdrawn",  # by the applicant, before the committee decided it
    "minded to grant subject to a legal agreement",  # e.g. a section 106 agreement still to be signed
]
SpeakerSide = Literal["for", "against"]
SpeakerRole = Literal[
    "applicant", "agent", "objector", "supporter", "ward councillor", "parish or town council", "other"
]
# The decisions that follow each recommendation: any other is "against the officer's recommendation",
# but for a deferral or a withdrawal, which decide nothing (UNDECIDED).
UNDECIDED = frozenset({"deferred", "withdrawn"})
FOLLOWS_RECOMMENDATION: Mapping[str, frozenset[str]] = {
    "approve": frozenset({"granted", "granted with conditions", "minded to grant subject to a legal agreement"}),
    "approve with conditions": frozenset(
        {"granted", "granted with conditions", "minded to grant subject to a legal agreement"}
    ),
    "refuse": frozenset({"refused"}),
    "defer": frozenset({"deferred"}),
}


@dataclass(frozen=True)
class Speaker:
    name: str = f("the speaker's name as the minutes give it (a name only: never an address)")
    side: SpeakerSide = f("for or against the application")
    role: SpeakerRole = f("applicant, agent, objector, supporter, ward councillor, parish or town council, or other")
    src: Src = src_field()


@dataclass(frozen=True)
class PlanningApplication:
    reference: str = f('the application\'s reference as the council writes it, e.g. "24/00123/FUL"')
    site_address: str = f(
        "the address of the site, as the application gives it (public planning information, on one line)"
    )
    proposal: Markdown = f("what the application proposes, as the committee report describes it")
    officer_recommendation: PlanningRecommendation = f(
        "the planning officer's recommendation: approve, approve with conditions, refuse or defer"
    )
    decision: PlanningDecision = f(
        "what the committee decided: granted, granted with conditions, refused, deferred, withdrawn, "
        "or minded to grant subject to a legal agreement"
    )
    decision_reason: Markdown = f(
        "the reasons for the decision as minuted: the reasons for refusal, why a decision was deferred, "
        "or why members went against the officer's recommendation"
    )
    meeting: Slug = f("the id of the meeting that decided it", ref="meeting")
    minute: MinuteNumber = f("the number of the minute of that meeting that records the decision")
    ward: Slug | None = f("the ward the site is in", None, ref="ward")
    conditions_summary: Markdown | None = f("a summary of the conditions attached to a permission", None)
    speakers: list[Speaker] = f("who spoke for and against the application at the meeting", [])
    vote: Vote | None = f("the vote on the motion that decided it (counts, or the names of a recorded vote)", None)
    portal: Url | None = f("the application's page on the council's planning portal", None)
    draft: bool = f("true keeps the application off the published site", False)
    publish_after: dt.datetime | None = f(
        "keep the application unpublished until this date and time (UK time), e.g. 2024-10-04T09:00", None
    )
    id: str = f("from the file name, e.g. 24-00123-ful", "", derived=True)
    src: Src = src_field()

    @property
    def against_recommendation(self) -> bool:
        """Decided otherwise than the officer recommended: granted when refusal was recommended,
        refused when approval was, or decided at all when deferral was."""
        return (
            self.decision not in UNDECIDED and self.decision not in FOLLOWS_RECOMMENDATION[self.officer_recommendation]
        )

    def speaking(self, side: str) -> list[Speaker]:
        return [speaker for speaker in self.speakers if speaker.side == side]


# --- matters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterEvent:
    title: str = f("what happened, e.g. Considered by Cabinet")
    date: dt.date | None = f("when; leave it out for a step still to come", None)
    body: str | None = f("who took it (for steps outside the published meetings)", None)
    note: Markdown | None = f("more detail, with the source", None)
    src: Src = src_field()


@dataclass(frozen=True)
class Matter:
    title: str = f("the matter's title")
    summary: Markdown | None = f("what the matter is about", None)
    considered_at: list[Slug] = f(
        "meetings that took the matter where no agenda item or minute records it", [], ref="meeting"
    )
    events: list[MatterEvent] = f("steps outside the published meetings, e.g. Cabinet or a partner board", [])
    id: str = f("from the file name", "", derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class GlossaryTerm:
    term: str = f("the term, as it appears in the papers")
    definition: str = f("what it means, in plain English")
    also: list[str] = f("other forms of the term to link, e.g. plural or abbreviation", [])
    src: Src = src_field()

    @property
    def anchor(self) -> str:
        return "term-" + "".join(ch if ch.isalnum() else "-" for ch in self.term.lower()).strip("-")


@dataclass(frozen=True)
class Glossary:
    terms: list[GlossaryTerm] = f("the terms, in any order (they are listed alphabetically)")
    src: Src = src_field()


@dataclass(frozen=True)
class StaticPage:
    title: str = f("the page title")
    summary: str | None = f("one sentence shown under the title and in lists", None)
    draft: bool = f("true keeps the page off the published site (shown only with --drafts)", False)
    publish_after: dt.datetime | None = f(
        "keep the page unpublished until this date and time (UK time), e.g. 2015-01-16T09:00", None
    )
    body: Markdown | None = f("the page, below the front matter", None, derived=True)
    id: str = f("from the file name; also the page's address", "", derived=True)
    src: Src = src_field()


@dataclass(frozen=True)
class WrittenReference:
    """A reference as a file's YAML writes it, read whether or not the rest of the file is valid."""

    kind: str  # what it names: "person", "committee", ...
    target: str  # the id it names
    field: str
    path: str
    line: int


@dataclass(frozen=True)
class Unreadable:
    """A record whose file is there but has problems: references to it are not reported as
    missing, and its own references are still checked, in the same run as its problems."""

    kind: str
    id: str
    references: tuple[WrittenReference, ...] = ()


@dataclass(frozen=True)
class Content:
    """Everything in content/, validated."""

    site: SiteConfig
    committees: dict[str, Committee]
    people: dict[str, Person]
    meetings: dict[str, Meeting]
    reports: dict[str, Report]
    reviews: dict[str, Review]
    pages: dict[str, StaticPage]
    matters: dict[str, Matter] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    wards: dict[str, Ward] = field(default_factory=dict)
    planning_applications: dict[str, PlanningApplication] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)  # content/documents/, by path from there
    glossary: tuple[GlossaryTerm, ...] = ()
    # Records whose files are there but have problems: only while those problems are reported
    unreadable: tuple[Unreadable, ...] = ()

    def recommendations(self) -> list[Recommendation]:
        return [rec for review in self.reviews.values() for rec in review.recommendations]
