"""The site graph: every page of the site, with its URL, template, data and sources.

Nothing here renders or writes; a Page says what to show, ``render`` turns it into HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from typing import Any

from . import documents, ical, search
from .backlinks import Referrer, Target, find_backlinks
from .councillors import first_elected, latest_term, party_on, posts_on
from .dashboard import directorate_groups, grouped_stats, officer_groups, stats
from .decisions import Standing, history as decision_history
from .relations import Relations, meeting_title
from .history import FileHistory
from .i18n import N_, word
from .linked import Linker
from .machine import machine_pages
from .matters import all_matter_steps
from .model import (
    Committee,
    Content,
    Decision,
    Document,
    GlossaryTerm,
    Meeting,
    MinuteItem,
    Notice,
    Person,
    PlanningApplication,
    Recommendation,
    Report,
    Review,
    SiteConfig,
    StaticPage,
    StoredFile,
    Ward,
)
from .opendata import DATASETS
from .page import Page
from .withhold import is_withheld
from .timeline import by_municipal_year, by_year_and_month, recommendation_timeline, review_timeline
from .urls import Urls

Backlinks = dict[Target, list[Referrer]]


@dataclass(frozen=True)
class Nav:
    """Which optional sections the site has, for the header and footer of every page."""

    pages: frozenset[str]  # the static pages published
    glossary: bool
    matters: bool
    decisions: bool
    forward_plan: bool
    wards: bool


@dataclass(frozen=True)
class SiteWide:
    """What every page shows besides its own context: the site's name, contact and links, the
    navigation, the glossary terms that templates link, and the day the site is built as of.
    Part of every page's key (reuse.py)."""

    site: SiteConfig
    nav: Nav
    as_of: dt.date
    glossary: tuple[GlossaryTerm, ...]
    drafts_preview: bool  # a --drafts preview: every page says so


def site_wide(content: Content, as_of: dt.date, drafts: bool) -> SiteWide:
    nav = Nav(
        frozenset(content.pages),
        bool(content.glossary),
        bool(content.matters),
        bool(content.decisions),
        bool(content.notices),
        bool(content.wards),
    )
    return SiteWide(content.site, nav, as_of, content.glossary, drafts)


def build_site(
    content: Content, relations: Relations, urls: Urls, history: dict[str, FileHistory] | None = None
) -> list[Page]:
    """Every page, in a stable order. ``history`` is what git knows of each file, if anything."""
    history = history or {}
    links = find_backlinks(content, urls, lambda meeting: meeting_title(meeting, relations))
    pages: list[Page] = [
        _home(relations, urls),
        *_committee_pages(relations, urls),
        *_meeting_pages(relations, urls, links),
        *_report_pages(relations, urls, links),
        *_review_pages(relations, urls, links, history),
        _tracker(relations, urls),
        _dashboard(relations, urls),
        *_glossary(content, urls),
        *_people_pages(relations, urls),
        *_ward_pages(relations, urls),
        *_static_pages(content, relations, urls),
        *_matter_pages(relations, urls),
        *_decision_pages(relations, urls),
        *_forward_plan_pages(relations, urls),
        *_planning_pages(relations, urls),
        *_document_pages(relations, urls),
        _search_page(relations, urls),
        Page(urls.not_found(), N_("Page not found"), "404.html"),
        Page(urls.data(), N_("Open data"), "data.html", {"datasets": DATASETS}, breadcrumbs=_crumbs(urls)),
    ]
    pages += machine_pages(relations, urls, pages)
    return _with_linked(pages, relations)


def pages_from_files(
    paths: Collection[str],
    content: Content,
    relations: Relations,
    urls: Urls,
    history: dict[str, FileHistory] | None = None,
) -> list[Page]:
    """The pages that ``build_site`` makes of these files' own records, made by the same
    functions from the same content: a committee's page; a meeting's page, calendar and minutes;
    a report's page; a review's page and its recommendations'; a person's page; a static page.
    Lists and site-wide files are left out. For the preview's quick look (pipeline.py)."""
    history = history or {}
    meetings = [m for m in content.meetings.values() if m.src.path in paths]
    reports = [r for r in content.reports.values() if r.src.path in paths]
    reviews = [
        r
        for r in content.reviews.values()
        if r.src.path in paths or any(rec.src.path in paths for rec in r.recommendations)
    ]
    targets = {("meeting", m.id) for m in meetings} | {("report", r.id) for r in reports}
    targets |= {("minute", f"{m.id}/{item.number}") for m in meetings for item in m.minutes}
    targets |= {("review", r.id) for r in reviews} | {
        ("recommendation", rec.key) for r in reviews for rec in r.recommendations
    }
    links = find_backlinks(content, urls, lambda meeting: meeting_title(meeting, relations), targets)
    pages = [_committee_page(c, relations, urls) for c in content.committees.values() if c.src.path in paths]
    pages += [page for meeting in meetings for page in _one_meeting(meeting, relations, urls, links)]
    pages += [_report_page(report, relations, urls, links) for report in reports]
    pages += [page for review in reviews for page in _one_review(review, relations, urls, links, history)]
    pages += [_person_page(person, relations, urls) for person in content.people.values() if person.src.path in paths]
    pages += [_ward_page(ward, relations, urls) for ward in content.wards.values() if ward.src.path in paths]
    pages += [_static_page(page, relations, urls) for page in content.pages.values() if page.src.path in paths]
    pages += [_decision_page(d, relations, urls) for d in content.decisions.values() if d.src.path in paths]
    pages += [_notice_page(n, relations, urls) for n in content.notices.values() if n.src.path in paths]
    pages += [_application_page(a, relations, urls) for a in relations.planning_applications if a.src.path in paths]
    return _with_linked(pages, relations)


def _with_linked(pages: list[Page], relations: Relations) -> list[Page]:
    """Each templated page's context gains what its records name (linked.py)."""
    linker = Linker(relations)
    return [
        dataclasses.replace(page, context={**page.context, "linked": linker.linked(page.context)})
        if page.template
        else page
        for page in pages
    ]


def _crumbs(urls: Urls, *trail: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return ((N_("Home"), urls.home()), *trail)


def _home(relations: Relations, urls: Urls) -> Page:
    recs = relations.recommendations
    context = {
        "upcoming": relations.upcoming()[:5],
        "latest_minutes": relations.with_minutes()[:5],
        "decision_counts": relations.counts(recs, "decision"),
        "status_counts": relations.counts(recs, "status"),
        "overdue": [rec for rec in recs if relations.is_overdue(rec)],
        "recommendation_total": len(recs),
        "recent_decisions": relations.decisions[:5],
        "open_decisions": [
            (d, now) for d in relations.decisions if (now := relations.standing(d)).status == "open to call-in"
        ],
        "planning_total": len(relations.planning_applications),
    }
    return Page(urls.home(), relations.content.site.title, "home.html", context)


def _committee_pages(relations: Relations, urls: Urls) -> list[Page]:
    index_crumbs = _crumbs(urls)
    listed = [
        (committee, len(relations.meetings_of.get(committee.id, [])), len(relations.reviews_of.get(committee.id, [])))
        for committee in relations.committees
    ]
    pages = [
        Page(urls.committees(), N_("Committees"), "committees.html", {"committees": listed}, breadcrumbs=index_crumbs)
    ]
    pages += [_committee_page(committee, relations, urls) for committee in relations.committees]
    return pages


def _committee_page(committee: Committee, relations: Relations, urls: Urls) -> Page:
    context = {
        "committee": committee,
        "years": by_municipal_year(relations.meetings_of.get(committee.id, []), relations.municipal_years),
        "reviews": relations.reviews_of.get(committee.id, []),
        "held_on": {
            planned.date: held
            for planned in committee.work_programme
            if (held := relations.meeting_for_date(committee.id, planned.date))
        },
        "expected": relations.promised_to(committee.id),
    }
    return Page(
        urls.committee(committee.id),
        committee.name,
        "committee.html",
        context,
        (committee.src.path,),
        _crumbs(urls, (N_("Committees"), urls.committees())),
        feeds=((committee.name, urls.feed(urls.committee(committee.id))),),
    )


def _meeting_pages(relations: Relations, urls: Urls, links: Backlinks) -> list[Page]:
    pages = [
        Page(
            urls.meetings(),
            N_("Meetings"),
            "meetings.html",
            {"upcoming": relations.upcoming(), "years": by_year_and_month(relations.meetings)},
            breadcrumbs=_crumbs(urls),
        )
    ]
    for meeting in relations.meetings:
        pages.extend(_one_meeting(meeting, relations, urls, links))
    return pages


def _one_meeting(meeting: Meeting, relations: Relations, urls: Urls, links: Backlinks) -> list[Page]:
    committee = relations.committee(meeting.committee)
    before, after = relations.neighbours(meeting)
    next_announced = (
        relations.meeting_for_date(meeting.committee, meeting.next_meeting.date) if meeting.next_meeting else None
    )
    crumbs = _crumbs(urls, (N_("Committees"), urls.committees()), (committee.name, urls.committee(committee.id)))
    title = meeting_title(meeting, relations)
    minute_links = {item.number: links.get(("minute", f"{meeting.id}/{item.number}"), []) for item in meeting.minutes}
    under_a_minute = {referrer.url for referrers in minute_links.values() for referrer in referrers}
    context = {
        "meeting": meeting,
        "committee": committee,
        "previous": before,
        "next": after,
        "next_announced": next_announced,
        "reports": relations.reports_for.get(meeting.id, []),
        # A page that links to the meeting and to one of its minutes is listed once, at the minute.
        "backlinks": [r for r in links.get(("meeting", meeting.id), []) if r.url not in under_a_minute],
        "minute_links": minute_links,
        **_decisions_of_minutes(meeting, relations),
        "minute_applications": _applications_of_minutes(meeting, relations),
    }
    context["decided"] = _decided(meeting, context)
    pages = [
        Page(
            urls.meeting(meeting.id),
            title,
            "meeting.html",
            context,
            (meeting.src.path,),
            crumbs,
            draft_notice=draft_notice(meeting, relations),
            feeds=((committee.name, urls.feed(urls.committee(committee.id))),),
            event=ical.schema_org_event(meeting, committee, relations.content.site, urls),
        ),
        Page(
            urls.meeting_calendar(meeting.id),
            title,
            None,
            sources=(meeting.src.path, committee.src.path),
            make=partial(ical.meeting_calendar, meeting, committee, relations.content.site, urls),
        ),
    ]
    for item in meeting.minutes:
        if item.exempt:
            continue  # the meeting page shows its public summary; no page of its own
        pages.append(
            Page(
                urls.minute(meeting.id, item.number),
                N_("Minute %(number)s: %(title)s", number=item.number, title=item.title),
                "minute.html",
                {
                    "meeting": meeting,
                    "committee": committee,
                    "item": item,
                    "minute_links": minute_links,
                    **_decisions_of_minutes(meeting, relations, item.number),
                    "minute_applications": _applications_of_minutes(meeting, relations, item.number),
                },
                (meeting.src.path,),
                (*crumbs, (title, urls.meeting(meeting.id))),
            )
        )
    return pages


def _decided(meeting: Meeting, context: dict[str, Any]) -> list[MinuteItem]:
    """The public minutes that decided something, in order: what the meeting page opens with."""
    return [
        item
        for item in meeting.minutes
        if not item.exempt
        and (
            item.resolutions
            or item.motions
            or item.number in context["minute_decisions"]
            or item.number in context["minute_applications"]
        )
    ]


def _decisions_of_minutes(meeting: Meeting, relations: Relations, number: str | None = None) -> dict[str, Any]:
    """The decisions a meeting's minutes record or consider (one minute's, given its number), and
    where each stands."""
    by_minute = {
        item.number: found
        for item in meeting.minutes
        if (number is None or item.number == number)
        and (found := relations.minute_decisions.get((meeting.id, item.number)))
    }
    named = {d.id: d for found in by_minute.values() for d in found}
    if number is None:
        named |= {d.id: d for d in relations.decisions_at.get(meeting.id, [])}
    return {
        "minute_decisions": by_minute,
        "decisions_taken": relations.decisions_at.get(meeting.id, []) if number is None else [],
        "standings": {ident: relations.standing(d) for ident, d in sorted(named.items())},
    }


def _applications_of_minutes(
    meeting: Meeting, relations: Relations, number: str | None = None
) -> dict[str, list[PlanningApplication]]:
    """The planning applications a meeting's minutes decided (one minute's, given its number)."""
    return {
        item.number: found
        for item in meeting.minutes
        if (number is None or item.number == number)
        and (found := relations.minute_applications.get((meeting.id, item.number)))
    }


def _report_pages(relations: Relations, urls: Urls, links: Backlinks) -> list[Page]:
    return [
        _report_page(report, relations, urls, links)
        for report in sorted(relations.content.reports.values(), key=lambda r: r.id)
    ]


def _report_page(report: Report, relations: Relations, urls: Urls, links: Backlinks) -> Page:
    meeting = relations.meeting(report.meeting)
    committee = relations.committee(meeting.committee)
    crumbs = _crumbs(
        urls, (N_("Meetings"), urls.meetings()), (meeting_title(meeting, relations), urls.meeting(meeting.id))
    )
    context = {
        "report": report,
        "meeting": meeting,
        "committee": committee,
        "backlinks": links.get(("report", report.id), []),
    }
    if report.exempt:
        context["exempt"] = True
    return Page(
        urls.report(report.id),
        report.title,
        "report.html",
        context,
        (report.src.path,),
        crumbs,
        draft_notice=draft_notice(report, relations),
    )


def _review_pages(relations: Relations, urls: Urls, links: Backlinks, history: dict[str, FileHistory]) -> list[Page]:
    pages = [
        Page(
            urls.reviews(),
            N_("Scrutiny reviews"),
            "reviews.html",
            {"reviews": relations.reviews},
            breadcrumbs=_crumbs(urls),
        )
    ]
    for review in relations.reviews:
        pages += _one_review(review, relations, urls, links, history)
    return pages


def _one_review(
    review: Review, relations: Relations, urls: Urls, links: Backlinks, history: dict[str, FileHistory]
) -> list[Page]:
    crumbs = _crumbs(urls, (N_("Scrutiny reviews"), urls.reviews()))
    context = {
        "review": review,
        "committee": relations.committee(review.committee),
        "events": review_timeline(review, relations, urls),
        "meetings": relations.meetings_considering(review),
        "themes": _themed(review),
        "backlinks": links.get(("review", review.id), []),
        "figures": stats(review.title, None, list(review.recommendations), relations),
        "history": history.get(review.src.path),
        "response_due": relations.response_clock(review),
        "promised": relations.promised_clocks(review),
    }
    pages = [
        Page(
            urls.review(review.id),
            review.title,
            "review.html",
            context,
            (review.src.path,),
            crumbs,
            draft_notice=draft_notice(review, relations),
            feeds=((review.title, urls.feed(urls.review(review.id))),),
        )
    ]
    for rec in review.recommendations:
        pages.append(
            _recommendation_page(
                rec,
                review,
                relations,
                urls,
                crumbs,
                links.get(("recommendation", rec.key), []),
                history.get(rec.src.path),
            )
        )
    return pages


def _themed(review: Review) -> list[tuple[Any, list[Recommendation]]]:
    """Recommendations grouped under their themes, in the review's order of themes."""
    groups: list[tuple[Any, list[Recommendation]]] = [
        (theme, [rec for rec in review.recommendations if rec.theme == theme.id]) for theme in review.themes
    ]
    unthemed = [rec for rec in review.recommendations if not rec.theme]
    if unthemed:
        groups.append((None, unthemed))
    return [(theme, recs) for theme, recs in groups if recs]


def _recommendation_page(
    rec: Recommendation,
    review: Review,
    relations: Relations,
    urls: Urls,
    crumbs: tuple[tuple[str, str], ...],
    backlinks: list[Referrer],
    history: FileHistory | None,
) -> Page:
    before, after = relations.rec_neighbours(rec)
    theme = next((t for t in review.themes if t.id == rec.theme), None)
    context = {
        "rec": rec,
        "review": review,
        "theme": theme,
        "previous": before,
        "next": after,
        "events": recommendation_timeline(rec, relations),
        "meetings": relations.meetings_considering(review),
        "overdue": relations.is_overdue(rec),
        "overdue_because": relations.overdue_because(rec),
        "response_clock": relations.response_clock(review),
        "backlinks": backlinks,
        "history": history,
    }
    return Page(
        urls.recommendation(review.id, rec.id),
        N_("Recommendation %(number)s: %(review)s", number=rec.id, review=review.title),
        "recommendation.html",
        context,
        (rec.src.path, review.src.path),
        (*crumbs, (review.title, urls.review(review.id))),
        draft_notice=draft_notice(rec, relations),
        feeds=(
            (
                N_("Recommendation %(number)s: %(review)s", number=rec.id, review=review.title),
                urls.feed(urls.recommendation(review.id, rec.id)),
            ),
        ),
    )


def _tracker(relations: Relations, urls: Urls) -> Page:
    recs = relations.recommendations
    context = {
        "recs": recs,
        "decision_counts": relations.counts(recs, "decision"),
        "status_counts": relations.counts(recs, "status"),
        "overdue": [rec for rec in recs if relations.is_overdue(rec)],
    }
    return Page(urls.tracker(), N_("Recommendations tracker"), "tracker.html", context, breadcrumbs=_crumbs(urls))


def _people_pages(relations: Relations, urls: Urls) -> list[Page]:
    context = {
        "people": relations.people,
        "in_office": [p.id for p in relations.people if relations.is_current(p)],
        "party": {p.id: party_on(p, relations.as_of) for p in relations.people},
        "ward": {p.id: term.ward for p in relations.people if (term := latest_term(p, relations.as_of)) and term.ward},
    }
    pages = [Page(urls.people(), N_("People"), "people.html", context, breadcrumbs=_crumbs(urls))]
    pages += [_person_page(person, relations, urls) for person in relations.people]
    return pages


def _ward_pages(relations: Relations, urls: Urls) -> list[Page]:
    if not relations.wards:
        return []
    seats = relations.ward_seats
    pages = [
        Page(
            urls.wards(),
            N_("Wards"),
            "wards.html",
            {"wards": [(ward, [s for s in seats.get(ward.id, []) if s.current]) for ward in relations.wards]},
            breadcrumbs=_crumbs(urls),
        )
    ]
    return pages + [_ward_page(ward, relations, urls) for ward in relations.wards]


def _ward_page(ward: Ward, relations: Relations, urls: Urls) -> Page:
    return Page(
        urls.ward(ward.id),
        ward.name,
        "ward.html",
        {"ward": ward, "seats": relations.ward_seats.get(ward.id, [])},
        (ward.src.path,),
        _crumbs(urls, (N_("Wards"), urls.wards())),
    )


def _person_page(person: Person, relations: Relations, urls: Urls) -> Page:
    context = {
        "person": person,
        "record": relations.record_of(person),
        "declared": relations.declarations_of(person.id),
        "votes": relations.votes_cast.get(person.id, []),
        "current": relations.is_current(person),
        "term": latest_term(person, relations.as_of),
        "party": party_on(person, relations.as_of),
        "first_elected": first_elected(person),
        "posts_now": posts_on(person, relations.as_of),
        "standings": {d.id: relations.standing(d) for d in relations.record_of(person).decisions},
    }
    return Page(
        urls.person(person.id),
        person.display_name,
        "person.html",
        context,
        (person.src.path,),
        _crumbs(urls, (N_("People"), urls.people())),
    )


def _static_pages(content: Content, relations: Relations, urls: Urls) -> list[Page]:
    return [_static_page(page, relations, urls) for page in sorted(content.pages.values(), key=lambda p: p.id)]


def _static_page(page: StaticPage, relations: Relations, urls: Urls) -> Page:
    return Page(
        urls.page(page.id),
        page.title,
        "page.html",
        {"static": page},
        (page.src.path,),
        _crumbs(urls),
        draft_notice=draft_notice(page, relations),
    )


KEY_WORDS = {True: N_("Key decision"), False: N_("Not a key decision")}  # the "key" search filter's values
# Offered only where the site has them.
DECISION_TYPE, NOTICE_TYPE, WARD_TYPE = N_("Decision"), N_("Forward Plan notice"), N_("Ward")
PLANNING_TYPE, DOCUMENT_TYPE = N_("Planning application"), N_("Document")
SEARCH_TYPES = (
    N_("Meeting"),
    N_("Minute"),
    N_("Recommendation"),
    N_("Review"),
    N_("Report"),
    N_("Topic"),
    DECISION_TYPE,
    NOTICE_TYPE,
    PLANNING_TYPE,
    DOCUMENT_TYPE,
    N_("Person"),
    WARD_TYPE,
    N_("Committee"),
    N_("Page"),
)


def _search_page(relations: Relations, urls: Urls) -> Page:
    """The search form, with its filters and, on a site with older years than a first search
    covers (search.py), the choice to search them too."""
    filters = search_filters(relations)
    recent_from = search.first_recent_year(relations.as_of)
    years = next(values for name, _, values in filters if name == "year")
    older = [int(year) for year in years if int(year) < recent_from]
    archive = {"recent_from": recent_from, "oldest": min(older)} if older else None
    context = {"filters": filters, "archive": archive, "manifest": urls.pagefind(search.MANIFEST)}
    return Page(urls.search(), N_("Search"), "search.html", context, breadcrumbs=_crumbs(urls))


def search_filters(relations: Relations) -> list[tuple[str, str, list[str]]]:
    """(filter name, label, values) for the search form; the values pages are tagged with."""
    recs = relations.recommendations
    years = {m.date.year for m in relations.meetings} | {r.date.year for r in relations.content.reports.values()}
    years |= {d.date.year for d in relations.decisions}
    absent = {
        DECISION_TYPE: not relations.decisions,
        NOTICE_TYPE: not relations.notices,
        WARD_TYPE: not relations.wards,
        PLANNING_TYPE: not relations.planning_applications,
        DOCUMENT_TYPE: not any(
            listed[0][1].stored and listed[0][1].stored.text for listed in relations.documents.values()
        ),
    }
    statuses: set[str] = {rec.status for rec in recs} | {r.status for r in relations.reviews}
    statuses |= {relations.standing(d).status for d in relations.decisions}
    filters: list[tuple[str, str, list[str]]] = [
        ("type", N_("Type"), [kind for kind in SEARCH_TYPES if not absent.get(kind)]),
        ("committee", N_("Committee"), [c.name for c in relations.committees]),
        ("year", N_("Year"), [str(year) for year in sorted(years, reverse=True)]),
        ("decision", N_("Response"), sorted({relations.response_decision(rec) for rec in recs})),
        ("status", N_("Status"), sorted(statuses)),
    ]
    if relations.decisions:
        makers = sorted({relations.decision_maker(d) for d in relations.decisions})
        filters += [
            ("maker", N_("Decision maker"), makers),
            ("key", N_("Key decision"), [KEY_WORDS[True], KEY_WORDS[False]]),
        ]
    applications = relations.planning_applications
    if applications:
        wards = relations.content.wards
        filters += [
            ("ward", N_("Ward"), sorted({wards[a.ward].name for a in applications if a.ward in wards})),
            ("planning", N_("Planning decision"), [word(d) for d in sorted({a.decision for a in applications})]),
        ]
    return filters


def draft_notice(record: Any, relations: Relations) -> str | None:
    """The banner for a page that only a --drafts preview shows."""
    if not is_withheld(record, relations.now):
        return None
    if record.draft:
        return N_("Draft: this is not published. It appears only in a preview built with --drafts.")
    when = record.publish_after
    return N_(
        "Embargoed until %(day)s at %(time)s: not published before then. "
        "It appears only in a preview built with --drafts.",
        day=when.date(),
        time=when.strftime("%H:%M"),
    )


def _matter_pages(relations: Relations, urls: Urls) -> list[Page]:
    matters = sorted(relations.content.matters.values(), key=lambda m: m.title)
    if not matters:
        return []
    pages = [Page(urls.matters(), N_("Topics"), "matters.html", {"matters": matters}, breadcrumbs=_crumbs(urls))]
    steps = all_matter_steps(relations, urls)
    for matter in matters:
        # No sources: a matter gathers records from anywhere, so any edit may change its page.
        pages.append(
            Page(
                urls.matter(matter.id),
                matter.title,
                "matter.html",
                {"matter": matter, "steps": steps.get(matter.id, [])},
                breadcrumbs=_crumbs(urls, (N_("Topics"), urls.matters())),
            )
        )
    return pages


def _decision_pages(relations: Relations, urls: Urls) -> list[Page]:
    if not relations.decisions:
        return []
    rows = [(decision, relations.standing(decision)) for decision in relations.decisions]
    context = {
        "open": [(d, now) for d, now in rows if now.status == "open to call-in"],
        "years": _by_year(rows),
        "makers": {d.id: relations.decision_maker(d) for d in relations.decisions},
    }
    pages = [
        Page(
            urls.decisions(),
            N_("Decisions"),
            "decisions.html",
            context,
            breadcrumbs=_crumbs(urls),
            feeds=((N_("Decisions"), urls.feed(urls.decisions())),),
        )
    ]
    pages += [_decision_page(decision, relations, urls) for decision in relations.decisions]
    return pages


def _by_year(rows: list[tuple[Decision, Standing]]) -> list[tuple[int, list[tuple[Decision, Standing]]]]:
    """Newest year first, as the rows come (newest first)."""
    years: dict[int, list[tuple[Decision, Standing]]] = {}
    for decision, now in rows:
        years.setdefault(decision.date.year, []).append((decision, now))
    return list(years.items())


def _decision_page(decision: Decision, relations: Relations, urls: Urls) -> Page:
    notice = relations.notice_of(decision)
    meetings = [
        decision.meeting,
        *(
            [decision.call_in.meeting, decision.call_in.reconsidered.meeting if decision.call_in.reconsidered else None]
            if decision.call_in
            else []
        ),
    ]
    url_of_meeting: dict[str, str] = {m: urls.meeting(m) for m in meetings if m and m in relations.content.meetings}
    if decision.meeting and decision.minute is not None:
        url_of_meeting[decision.meeting] = urls.minute_anchor(decision.meeting, decision.minute)
    context = {
        "decision": decision,
        "standing": relations.standing(decision),
        "maker": relations.decision_maker(decision),
        "notice": notice,
        "history": decision_history(decision, notice, relations.content, relations.as_of, url_of_meeting),
    }
    return Page(
        urls.decision(decision.id),
        decision.title,
        "decision.html",
        context,
        tuple(dict.fromkeys((decision.src.path, *((notice.src.path,) if notice else ())))),
        _crumbs(urls, (N_("Decisions"), urls.decisions())),
        draft_notice=draft_notice(decision, relations),
    )


def _forward_plan_pages(relations: Relations, urls: Urls) -> list[Page]:
    if not relations.notices:
        return []
    taken = relations.decision_on_notice
    rows = [(notice, taken.get(notice.id)) for notice in relations.notices]
    context = {
        "coming": [(n, d) for n, d in rows if d is None],
        "taken": [(n, d) for n, d in reversed(rows) if d is not None],
        "makers": {n.id: relations.decision_maker(n) for n in relations.notices},
    }
    pages = [
        Page(
            urls.forward_plan(),
            N_("Forward Plan"),
            "forward_plan.html",
            context,
            breadcrumbs=_crumbs(urls),
            feeds=((N_("Forward Plan"), urls.feed(urls.forward_plan())),),
        )
    ]
    pages += [_notice_page(notice, relations, urls) for notice in relations.notices]
    return pages


def _notice_page(notice: Notice, relations: Relations, urls: Urls) -> Page:
    decision = relations.decision_on_notice.get(notice.id)
    context = {
        "notice": notice,
        "maker": relations.decision_maker(notice),
        "decision": decision,
        "standing": relations.standing(decision) if decision else None,
    }
    return Page(
        urls.notice(notice.id),
        notice.title,
        "notice.html",
        context,
        (notice.src.path,),
        _crumbs(urls, (N_("Forward Plan"), urls.forward_plan())),
        draft_notice=draft_notice(notice, relations),
    )


def _dashboard(relations: Relations, urls: Urls) -> Page:
    groupings = [
        (
            "review",
            N_("By scrutiny review"),
            grouped_stats(relations, lambda r: [(relations.review_of(r).title, urls.review(r.review))]),
        ),
        (
            "committee",
            N_("By %(body)s", body=relations.content.site.wording.review_body),
            grouped_stats(
                relations,
                lambda r: [
                    (
                        relations.committee(relations.review_of(r).committee).name,
                        urls.committee(relations.review_of(r).committee),
                    )
                ],
            ),
        ),
        (
            "directorate",
            N_("By directorate of the officer responsible"),
            grouped_stats(relations, lambda r: directorate_groups(r, relations)),
        ),
        (
            "officer",
            N_("By officer responsible"),
            grouped_stats(relations, lambda r: officer_groups(r, relations, urls.person)),
        ),
    ]
    overall = stats(N_("All recommendations"), urls.tracker(), relations.recommendations, relations)
    return Page(
        urls.dashboard(),
        N_("Accountability dashboard"),
        "dashboard.html",
        {"groupings": groupings, "overall": overall},
        breadcrumbs=_crumbs(urls),
    )


def _glossary(content: Content, urls: Urls) -> list[Page]:
    if not content.glossary:
        return []
    return [
        Page(
            urls.glossary(),
            N_("Glossary"),
            "glossary.html",
            {"terms": content.glossary},
            ("content/glossary.yaml",),
            _crumbs(urls),
        )
    ]


def _document_pages(relations: Relations, urls: Urls) -> list[Page]:
    """Each file a published record lists, copied as it is; and, where its words can be read,
    a page of them, for search and for a reader who cannot open the file."""
    pages = []
    for path, listed in sorted(relations.documents.items()):
        stored = listed[0][1].stored
        assert stored is not None  # listing() gives only documents with their file
        pages.append(
            Page(urls.document(path), path, None, make=partial(documents.copy_of, stored.source, stored.digest))
        )
        if stored.text:
            pages.append(_document_text_page(stored, listed, relations, urls))
    return pages


def _document_text_page(
    stored: StoredFile, listed: list[tuple[documents.Record, Document]], relations: Relations, urls: Urls
) -> Page:
    records = [(_record_title(record, relations), urls.of(record)) for record, _ in listed]
    first, document = listed[0]
    meeting = first if isinstance(first, Meeting) else None
    if isinstance(first, Report):
        meeting = relations.meeting(first.meeting)
    context = {
        "file": stored,
        "document": document,
        "records": records,
        "date": first.published if isinstance(first, Notice) else first.date,
        "committee": relations.committee(meeting.committee) if meeting else None,
    }
    return Page(
        urls.document_text(stored.path),
        document.title,
        "document.html",
        context,
        tuple(sorted({document.src.path for _, document in listed})),
        _crumbs(urls, records[0]),
    )


def _record_title(record: documents.Record, relations: Relations) -> str:
    return meeting_title(record, relations) if isinstance(record, Meeting) else record.title


def _planning_pages(relations: Relations, urls: Urls) -> list[Page]:
    applications = relations.planning_applications
    if not applications:
        return []
    years: dict[int, list[PlanningApplication]] = {}
    for application in applications:  # newest meeting first, so newest year first
        years.setdefault(relations.meeting(application.meeting).date.year, []).append(application)
    pages = [
        Page(
            urls.planning(),
            N_("Planning decisions"),
            "planning.html",
            {"years": list(years.items())},
            breadcrumbs=_crumbs(urls),
        )
    ]
    pages += [_application_page(application, relations, urls) for application in applications]
    return pages


def _application_page(application: PlanningApplication, relations: Relations, urls: Urls) -> Page:
    meeting = relations.meeting(application.meeting)
    item = next(item for item in meeting.minutes if item.number == application.minute)  # withhold.py saw to it
    context = {
        "application": application,
        "committee": relations.committee(meeting.committee),
        "minute_title": item.title,
    }
    return Page(
        urls.application(application.id),
        f"{application.reference}: {application.site_address}",
        "application.html",
        context,
        (application.src.path,),
        _crumbs(urls, (N_("Planning decisions"), urls.planning())),
        draft_notice=draft_notice(application, relations),
    )
