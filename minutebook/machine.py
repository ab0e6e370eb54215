"""Pages for machines: Atom feeds, calendars, open data files, sitemap.xml and robots.txt.

Each is a Page whose bytes are made here; like every page they are built from the published
content only, so nothing withheld can reach them.
"""

from __future__ import annotations

from functools import partial

from . import ical, opendata
from .feeds import atom, meeting_entries, recommendation_entries, review_entries
from .graph import Graph
from .model import Committee, Meeting, Recommendation, Review
from .page import MakeFile, Page
from .urls import Urls


def machine_pages(graph: Graph, urls: Urls, html_pages: list[Page]) -> list[Page]:
    return [
        *_feeds(graph, urls),
        *_calendars(graph, urls),
        *_open_data(graph, urls),
        _sitemap(html_pages, urls),
        _robots(urls),
    ]


def _feeds(graph: Graph, urls: Urls) -> list[Page]:
    pages = [_data(urls.feed(urls.home()), partial(_site_feed, graph, urls))]
    for committee in graph.committees:
        pages.append(_data(urls.feed(urls.committee(committee.id)), partial(_committee_feed, graph, urls, committee)))
    for review in graph.reviews:
        review_files = (review.src.path, *(rec.src.path for rec in review.recommendations))
        pages.append(_data(urls.feed(urls.review(review.id)), partial(_review_feed, graph, urls, review), review_files))
        for rec in review.recommendations:
            pages.append(
                _data(
                    urls.feed(urls.recommendation(review.id, rec.id)),
                    partial(_recommendation_feed, graph, urls, review, rec),
                    (rec.src.path, review.src.path),
                )
            )
    return pages


def _site_feed(graph: Graph, urls: Urls) -> bytes:
    everything = meeting_entries(graph, urls) + [e for r in graph.reviews for e in review_entries(r, urls)]
    return atom("Everything new", urls.home(), urls.feed(urls.home()), everything, graph, urls)


def _committee_feed(graph: Graph, urls: Urls, committee: Committee) -> bytes:
    page = urls.committee(committee.id)
    entries = meeting_entries(graph, urls, committee.id) + [
        e for r in graph.reviews_of.get(committee.id, []) for e in review_entries(r, urls)
    ]
    return atom(committee.name, page, urls.feed(page), entries, graph, urls)


def _review_feed(graph: Graph, urls: Urls, review: Review) -> bytes:
    page = urls.review(review.id)
    return atom(review.title, page, urls.feed(page), review_entries(review, urls), graph, urls)


def _recommendation_feed(graph: Graph, urls: Urls, review: Review, rec: Recommendation) -> bytes:
    page = urls.recommendation(review.id, rec.id)
    return atom(
        f"Recommendation {rec.id}: {review.title}",
        page,
        urls.feed(page),
        recommendation_entries(rec, review, urls),
        graph,
        urls,
    )


def _calendars(graph: Graph, urls: Urls) -> list[Page]:
    pages = [_data(urls.calendar(urls.meetings()), partial(_calendar, graph, urls, "All meetings", graph.meetings))]
    for committee in graph.committees:
        pages.append(
            _data(
                urls.calendar(urls.committee(committee.id)),
                partial(_calendar, graph, urls, committee.name, graph.meetings_of.get(committee.id, [])),
            )
        )
    return pages


def _calendar(graph: Graph, urls: Urls, name: str, meetings: list[Meeting]) -> bytes:
    return ical.calendar_of(name, [(m, graph.committee(m.committee)) for m in meetings], graph.content.site, urls)


def _open_data(graph: Graph, urls: Urls) -> list[Page]:
    pages = []
    for dataset in opendata.DATASETS:
        rows = partial(opendata.table, dataset, graph, urls)
        pages.append(_data(urls.data(f"{dataset.name}.csv"), lambda d=dataset, r=rows: opendata.as_csv(d, r())))
        pages.append(_data(urls.data(f"{dataset.name}.json"), lambda r=rows: opendata.as_json(r())))
    pages.append(_data(urls.data("datapackage.json"), partial(opendata.datapackage, graph, urls)))
    pages.append(_data(urls.data("popolo.json"), partial(opendata.popolo, graph, urls)))
    pages.append(_data(urls.data("ocd-events.json"), partial(opendata.ocd_events, graph, urls)))
    pages.append(_data(urls.data("recommendations.schema.json"), opendata.recommendations_schema))
    return pages


def _sitemap(html_pages: list[Page], urls: Urls) -> Page:
    locations = sorted(urls.absolute(p.url) for p in html_pages if p.template and not p.url.endswith("404.html"))
    body = "".join(f"  <url><loc>{location}</loc></url>\n" for location in locations)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
    )
    return _data(urls.home() + "sitemap.xml", partial(str.encode, xml, "utf-8"))


def _robots(urls: Urls) -> Page:
    text = f"User-agent: *\nAllow: /\nSitemap: {urls.absolute(urls.home() + 'sitemap.xml')}\n"
    return _data(urls.home() + "robots.txt", partial(str.encode, text, "utf-8"))


def _data(url: str, make: MakeFile, sources: tuple[str, ...] = ()) -> Page:
    """A file made here when it is rendered; with no sources, the preview remakes it after any edit."""
    return Page(url, url, None, sources=sources, make=make)
