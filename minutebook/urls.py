"""The only place a URL or an output path is derived.

URLs are root-relative and include the base URL's path, so the site works when it is
published under a sub-path (https://example.org/minutes/) as well as at a domain root.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .model import (
    Committee,
    Decision,
    Meeting,
    MinuteItem,
    Notice,
    Person,
    PlanningApplication,
    Recommendation,
    Report,
    Review,
    StaticPage,
    minute_slug,
)

# Top-level folders the site itself uses; a static page may not take one of these names.
RESERVED_SEGMENTS = (
    "assets",
    "committees",
    "dashboard",
    "data",
    "decisions",
    "documents",
    "forward-plan",
    "glossary",
    "matters",
    "meetings",
    "pagefind",
    "people",
    "planning",
    "recommendations",
    "reports",
    "reviews",
    "search",
    "wards",
)


class Urls:
    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        path = parts.path or "/"
        self.base = path if path.endswith("/") else path + "/"

    def _at(self, *segments: str) -> str:
        return self.base + "".join(f"{segment}/" for segment in segments)

    # --- pages --------------------------------------------------------------------------
    def home(self) -> str:
        return self.base

    def committees(self) -> str:
        return self._at("committees")

    def committee(self, committee_id: str) -> str:
        return self._at("committees", committee_id)

    def meetings(self) -> str:
        return self._at("meetings")

    def meeting(self, meeting_id: str) -> str:
        return self._at("meetings", meeting_id)

    def minute(self, meeting_id: str, number: int | str) -> str:
        """A minute's own page, named by its number's slug: minute "P24" is at .../minutes/p24/."""
        return self._at("meetings", meeting_id, "minutes", minute_slug(number))

    def minute_anchor(self, meeting_id: str, number: int | str) -> str:
        return f"{self.meeting(meeting_id)}#minute-{minute_slug(number)}"

    def meeting_calendar(self, meeting_id: str) -> str:
        return self.meeting(meeting_id) + f"{meeting_id}.ics"

    def document(self, path: str) -> str:
        """A file of content/documents/, at the same path under documents/ (its name is one a
        web address carries as it is: load.py refuses any other)."""
        return self.base + "documents/" + path

    def document_text(self, path: str) -> str:
        """The page of a document's words, beside the file: agenda-pack.pdf -> agenda-pack-pdf/."""
        folder, _, name = path.rpartition("/")
        return self._at("documents", *[part for part in folder.split("/") if part], name.replace(".", "-"))

    def report(self, report_id: str) -> str:
        return self._at("reports", report_id)

    def reviews(self) -> str:
        return self._at("reviews")

    def review(self, review_id: str) -> str:
        return self._at("reviews", review_id)

    def recommendation(self, review_id: str, rec_id: str) -> str:
        return self._at("reviews", review_id, "recommendations", rec_id)

    def decisions(self) -> str:
        return self._at("decisions")

    def decision(self, decision_id: str) -> str:
        return self._at("decisions", decision_id)

    def forward_plan(self) -> str:
        return self._at("forward-plan")

    def notice(self, notice_id: str) -> str:
        return self._at("forward-plan", notice_id)

    def planning(self) -> str:
        return self._at("planning")

    def application(self, application_id: str) -> str:
        return self._at("planning", application_id)

    def wards(self) -> str:
        return self._at("wards")

    def ward(self, ward_id: str) -> str:
        return self._at("wards", ward_id)

    def matters(self) -> str:
        return self._at("matters")

    def matter(self, matter_id: str) -> str:
        return self._at("matters", matter_id)

    def glossary(self) -> str:
        return self._at("glossary")

    def data(self, name: str = "") -> str:
        return self._at("data") + name

    def feed(self, page_url: str) -> str:
        """The Atom feed that follows a page: /feed.xml for the site, <page>/feed.xml otherwise."""
        return page_url + "feed.xml"

    def calendar(self, page_url: str) -> str:
        return page_url + "meetings.ics"

    def dashboard(self) -> str:
        return self._at("dashboard")

    def tracker(self) -> str:
        return self._at("recommendations")

    def people(self) -> str:
        return self._at("people")

    def person(self, person_id: str) -> str:
        return self._at("people", person_id)

    def page(self, page_id: str) -> str:
        return self._at(page_id)

    def search(self) -> str:
        return self._at("search")

    def not_found(self) -> str:
        return self.base + "404.html"

    def asset(self, name: str) -> str:
        return self.base + "assets/" + name

    def pagefind(self, name: str) -> str:
        return self.base + "pagefind/" + name

    # --- helpers --------------------------------------------------------------------------
    def of(self, record: Any, meeting: Meeting | None = None) -> str:
        """The URL of any model record (a minute item also needs its meeting)."""
        if isinstance(record, Committee):
            return self.committee(record.id)
        if isinstance(record, Meeting):
            return self.meeting(record.id)
        if isinstance(record, MinuteItem) and meeting is not None:
            return self.minute_anchor(meeting.id, record.number)
        if isinstance(record, Report):
            return self.report(record.id)
        if isinstance(record, Review):
            return self.review(record.id)
        if isinstance(record, Recommendation):
            return self.recommendation(record.review, record.id)
        if isinstance(record, Person):
            return self.person(record.id)
        if isinstance(record, StaticPage):
            return self.page(record.id)
        if isinstance(record, Decision):
            return self.decision(record.id)
        if isinstance(record, Notice):
            return self.notice(record.id)
        if isinstance(record, PlanningApplication):
            return self.application(record.id)
        raise TypeError(f"no URL for {type(record).__name__}")

    def absolute(self, url: str) -> str:
        return self.origin + url

    def link(self, address: str) -> str:
        """A link address as content gives it: /about/ is this site's own page wherever the site is
        published (as in Markdown text); any other address as it is."""
        return self.base + address[1:] if address.startswith("/") and not address.startswith("//") else address

    def output_path(self, url: str) -> PurePosixPath:
        """Where a URL's file is written, relative to the output folder."""
        if not url.startswith(self.base):
            raise ValueError(f"{url} is outside the site ({self.base})")
        relative = url[len(self.base) :]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"{url} would be written outside the output folder")
        return path
