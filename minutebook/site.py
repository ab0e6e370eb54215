"""The site graph: every page of the site, with its URL, template, data and sources.

Nothing here renders or writes; a Page says what to show, ``render`` turns it into HTML.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from . import ical
from .backlinks import Referrer, Target, find_backlinks
from .dashboard import directorate_groups, grouped_stats, officer_groups, stats
from .graph import Graph, meeting_title
from .history import FileHistory
from .machine import machine_pages
from .matters import all_matter_steps
from .model import Content, Meeting, Recommendation, Review
from .opendata import DATASETS
from .page import Page
from .publish import is_withheld
from .timeline import by_municipal_year, by_year_and_month, recommendation_timeline, review_timeline
from .urls import Urls

Backlinks = dict[Target, list[Referrer]]


def build_site(content: Content, graph: Graph, urls: Urls, history: dict[str, FileHistory] | None = None) -> list[Page]:
    """Every page, in a stable order. ``history`` is what git knows of each file, if anything."""
    history = history or {}
    links = find_backlinks(content, urls, lambda meeting: meeting_title(meeting, graph))
    pages: list[Page] = [
        _home(graph, urls),
        *_committee_pages(graph, urls),
        *_meeting_pages(graph, urls, links),
        *_report_pages(graph, urls, links),
        *_review_pages(graph, urls, links, history),
        _tracker(graph, urls),
        _dashboard(graph, urls),
        *_glossary(content, urls),
        *_people_pages(graph, urls),
        *_static_pages(content, graph, urls),
        *_matter_pages(graph, urls),
        Page(urls.search(), "Search", "search.html", {"filters": search_filters(graph)}, breadcrumbs=_crumbs(urls)),
        Page(urls.not_found(), "Page not found", "404.html"),
        Page(urls.data(), "Open data", "data.html", {"datasets": DATASETS}, breadcrumbs=_crumbs(urls)),
    ]
    return pages + machine_pages(graph, urls, pages)


def _crumbs(urls: Urls, *trail: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (("Home", urls.home()), *trail)


def _home(graph: Graph, urls: Urls) -> Page:
    recs = graph.recommendations
    context = {
        "upcoming": graph.upcoming()[:5],
        "latest_minutes": graph.with_minutes()[:5],
        "decision_counts": graph.counts(recs, "decision"),
        "status_counts": graph.counts(recs, "status"),
        "overdue": [rec for rec in recs if graph.is_overdue(rec)],
        "recommendation_total": len(recs),
    }
    return Page(urls.home(), graph.content.site.title, "home.html", context)


def _committee_pages(graph: Graph, urls: Urls) -> list[Page]:
    index_crumbs = _crumbs(urls)
    pages = [Page(urls.committees(), "Committees", "committees.html", {}, breadcrumbs=index_crumbs)]
    for committee in graph.committees:
        context = {
            "committee": committee,
            "years": by_municipal_year(graph.meetings_of.get(committee.id, [])),
            "reviews": graph.reviews_of.get(committee.id, []),
        }
        pages.append(
            Page(
                urls.committee(committee.id),
                committee.name,
                "committee.html",
                context,
                (committee.src.path,),
                _crumbs(urls, ("Committees", urls.committees())),
                feeds=((committee.name, urls.feed(urls.committee(committee.id))),),
            )
        )
    return pages


def _meeting_pages(graph: Graph, urls: Urls, links: Backlinks) -> list[Page]:
    pages = [
        Page(
            urls.meetings(),
            "Meetings",
            "meetings.html",
            {"upcoming": graph.upcoming(), "years": by_year_and_month(graph.meetings)},
            breadcrumbs=_crumbs(urls),
        )
    ]
    for meeting in graph.meetings:
        pages.extend(_one_meeting(meeting, graph, urls, links))
    return pages


def _one_meeting(meeting: Meeting, graph: Graph, urls: Urls, links: Backlinks) -> list[Page]:
    committee = graph.committee(meeting.committee)
    before, after = graph.neighbours(meeting)
    next_announced = (
        graph.meeting_for_date(meeting.committee, meeting.next_meeting.date) if meeting.next_meeting else None
    )
    crumbs = _crumbs(urls, ("Committees", urls.committees()), (committee.name, urls.committee(committee.id)))
    title = meeting_title(meeting, graph)
    minute_links = {item.number: links.get(("minute", f"{meeting.id}/{item.number}"), []) for item in meeting.minutes}
    context = {
        "meeting": meeting,
        "committee": committee,
        "previous": before,
        "next": after,
        "next_announced": next_announced,
        "reports": graph.reports_for.get(meeting.id, []),
        "backlinks": links.get(("meeting", meeting.id), []),
        "minute_links": minute_links,
    }
    pages = [
        Page(
            urls.meeting(meeting.id),
            title,
            "meeting.html",
            context,
            (meeting.src.path,),
            crumbs,
            draft_notice=draft_notice(meeting, graph),
            feeds=((committee.name, urls.feed(urls.committee(committee.id))),),
            event=ical.schema_org_event(meeting, committee, graph.content.site, urls),
        ),
        Page(
            urls.meeting_calendar(meeting.id),
            title,
            None,
            sources=(meeting.src.path, committee.src.path),
            make=partial(ical.meeting_calendar, meeting, committee, graph.content.site, urls),
        ),
    ]
    for item in meeting.minutes:
        if item.exempt:
            continue  # the meeting page shows its public summary; no page of its own
        pages.append(
            Page(
                urls.minute(meeting.id, item.number),
                f"Minute {item.number}: {item.title}",
                "minute.html",
                {"meeting": meeting, "committee": committee, "item": item, "minute_links": minute_links},
                (meeting.src.path,),
                (*crumbs, (title, urls.meeting(meeting.id))),
            )
        )
    return pages


def _report_pages(graph: Graph, urls: Urls, links: Backlinks) -> list[Page]:
    pages = []
    for report in sorted(graph.content.reports.values(), key=lambda r: r.id):
        meeting = graph.meeting(report.meeting)
        committee = graph.committee(meeting.committee)
        crumbs = _crumbs(urls, ("Meetings", urls.meetings()), (meeting_title(meeting, graph), urls.meeting(meeting.id)))
        context = {
            "report": report,
            "meeting": meeting,
            "committee": committee,
            "backlinks": links.get(("report", report.id), []),
        }
        if report.exempt:
            context["exempt"] = True
        pages.append(
            Page(
                urls.report(report.id),
                report.title,
                "report.html",
                context,
                (report.src.path,),
                crumbs,
                draft_notice=draft_notice(report, graph),
            )
        )
    return pages


def _review_pages(graph: Graph, urls: Urls, links: Backlinks, history: dict[str, FileHistory]) -> list[Page]:
    pages = [Page(urls.reviews(), "Scrutiny reviews", "reviews.html", {}, breadcrumbs=_crumbs(urls))]
    for review in graph.reviews:
        crumbs = _crumbs(urls, ("Scrutiny reviews", urls.reviews()))
        context = {
            "review": review,
            "commission": graph.committee(review.commission),
            "events": review_timeline(review, graph, urls),
            "meetings": graph.meetings_considering(review),
            "themes": _themed(review),
            "backlinks": links.get(("review", review.id), []),
            "figures": stats(review.title, None, list(review.recommendations), graph),
            "history": history.get(review.src.path),
        }
        pages.append(
            Page(
                urls.review(review.id),
                review.title,
                "review.html",
                context,
                (review.src.path,),
                crumbs,
                draft_notice=draft_notice(review, graph),
                feeds=((review.title, urls.feed(urls.review(review.id))),),
            )
        )
        for rec in review.recommendations:
            pages.append(
                _recommendation_page(
                    rec,
                    review,
                    graph,
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
    graph: Graph,
    urls: Urls,
    crumbs: tuple[tuple[str, str], ...],
    backlinks: list[Referrer],
    history: FileHistory | None,
) -> Page:
    before, after = graph.rec_neighbours(rec)
    theme = next((t for t in review.themes if t.id == rec.theme), None)
    context = {
        "rec": rec,
        "review": review,
        "theme": theme,
        "previous": before,
        "next": after,
        "events": recommendation_timeline(rec, graph),
        "meetings": graph.meetings_considering(review),
        "overdue": graph.is_overdue(rec),
        "backlinks": backlinks,
        "history": history,
    }
    return Page(
        urls.recommendation(review.id, rec.id),
        f"Recommendation {rec.id}: {review.title}",
        "recommendation.html",
        context,
        (rec.src.path, review.src.path),
        (*crumbs, (review.title, urls.review(review.id))),
        draft_notice=draft_notice(rec, graph),
        feeds=((f"Recommendation {rec.id}: {review.title}", urls.feed(urls.recommendation(review.id, rec.id))),),
    )


def _tracker(graph: Graph, urls: Urls) -> Page:
    recs = graph.recommendations
    context = {
        "recs": recs,
        "decision_counts": graph.counts(recs, "decision"),
        "status_counts": graph.counts(recs, "status"),
        "overdue": [rec for rec in recs if graph.is_overdue(rec)],
    }
    return Page(urls.tracker(), "Recommendations tracker", "tracker.html", context, breadcrumbs=_crumbs(urls))


def _people_pages(graph: Graph, urls: Urls) -> list[Page]:
    pages = [Page(urls.people(), "People", "people.html", {}, breadcrumbs=_crumbs(urls))]
    for person in graph.people:
        context = {"person": person, "record": graph.record_of(person)}
        pages.append(
            Page(
                urls.person(person.id),
                person.display_name,
                "person.html",
                context,
                (person.src.path,),
                _crumbs(urls, ("People", urls.people())),
            )
        )
    return pages


def _static_pages(content: Content, graph: Graph, urls: Urls) -> list[Page]:
    return [
        Page(
            urls.page(page.id),
            page.title,
            "page.html",
            {"static": page},
            (page.src.path,),
            _crumbs(urls),
            draft_notice=draft_notice(page, graph),
        )
        for page in sorted(content.pages.values(), key=lambda p: p.id)
    ]


SEARCH_TYPES = ("Meeting", "Minute", "Recommendation", "Review", "Report", "Matter", "Person", "Committee", "Page")


def search_filters(graph: Graph) -> list[tuple[str, str, list[str]]]:
    """(filter name, label, values) for the search form; the values pages are tagged with."""
    recs = graph.recommendations
    years = {m.date.year for m in graph.meetings} | {r.date.year for r in graph.content.reports.values()}
    return [
        ("type", "Type", list(SEARCH_TYPES)),
        ("committee", "Committee", [c.name for c in graph.committees]),
        ("year", "Year", [str(year) for year in sorted(years, reverse=True)]),
        ("decision", "Decision", sorted({graph.decision(rec) for rec in recs})),
        ("status", "Status", sorted({rec.status for rec in recs} | {r.status for r in graph.reviews})),
    ]


def draft_notice(record: Any, graph: Graph) -> str | None:
    """The banner for a page that only a --drafts preview shows."""
    if not is_withheld(record, graph.now):
        return None
    if record.draft:
        return "Draft: this is not published. It appears only in a preview built with --drafts."
    when = record.publish_after
    return (
        f"Embargoed until {when.day} {when:%B %Y} at {when:%H:%M}: not published before then. "
        "It appears only in a preview built with --drafts."
    )


def _matter_pages(graph: Graph, urls: Urls) -> list[Page]:
    matters = sorted(graph.content.matters.values(), key=lambda m: m.title)
    if not matters:
        return []
    pages = [Page(urls.matters(), "Matters", "matters.html", {"matters": matters}, breadcrumbs=_crumbs(urls))]
    steps = all_matter_steps(graph, urls)
    for matter in matters:
        # No sources: a matter gathers records from anywhere, so any edit may change its page.
        pages.append(
            Page(
                urls.matter(matter.id),
                matter.title,
                "matter.html",
                {"matter": matter, "steps": steps.get(matter.id, [])},
                breadcrumbs=_crumbs(urls, ("Matters", urls.matters())),
            )
        )
    return pages


def _dashboard(graph: Graph, urls: Urls) -> Page:
    groupings = [
        (
            "review",
            "By scrutiny review",
            grouped_stats(graph, lambda r: [(graph.review_of(r).title, urls.review(r.review))]),
        ),
        (
            "commission",
            "By commission",
            grouped_stats(
                graph,
                lambda r: [
                    (graph.committee(graph.review_of(r).commission).name, urls.committee(graph.review_of(r).commission))
                ],
            ),
        ),
        (
            "directorate",
            "By directorate of the officer responsible",
            grouped_stats(graph, lambda r: directorate_groups(r, graph)),
        ),
        ("officer", "By officer responsible", grouped_stats(graph, lambda r: officer_groups(r, graph, urls.person))),
    ]
    overall = stats("All recommendations", urls.tracker(), graph.recommendations, graph)
    return Page(
        urls.dashboard(),
        "Accountability dashboard",
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
            "Glossary",
            "glossary.html",
            {"terms": content.glossary},
            ("content/glossary.yaml",),
            _crumbs(urls),
        )
    ]
