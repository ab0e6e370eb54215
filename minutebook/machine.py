"""Pages for machines: Atom feeds, calendars, open data files, sitemap.xml and robots.txt.

Each is a Page whose bytes are made here; like every page they are built from the published
content only, so nothing withheld can reach them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from . import ical, opendata
from .feeds import atom, decision_entries, meeting_entries, notice_entries, recommendation_entries, review_entries
from .i18n import N_
from .model import Committee, Recommendation, Review, SiteConfig
from .page import MakeFile, Page
from .relations import Relations
from .urls import Urls


def machine_pages(relations: Relations, urls: Urls, html_pages: list[Page]) -> list[Page]:
    return [
        *_feeds(relations, urls),
        *_calendars(relations, urls),
        *_open_data(relations, urls),
        _sitemap(html_pages, urls),
        _robots(urls),
    ]


def _feeds(relations: Relations, urls: Urls) -> list[Page]:
    pages = [_data(urls.feed(urls.home()), partial(_site_feed, relations, urls))]
    for committee in relations.committees:
        pages.append(
            _data(urls.feed(urls.committee(committee.id)), partial(_committee_feed, relations, urls, committee))
        )
    site, as_of = relations.content.site, relations.as_of
    for review in relations.reviews:
        pages.append(_data(urls.feed(urls.review(review.id)), partial(_review_feed, site, as_of, urls, review)))
        for rec in review.recommendations:
            pages.append(
                _data(
                    urls.feed(urls.recommendation(review.id, rec.id)),
                    partial(_recommendation_feed, site, as_of, urls, review, rec),
                )
            )
    # The Decisions and Forward Plan pages exist only when there are some (site.py); so do their feeds.
    if relations.decisions:
        pages.append(_data(urls.feed(urls.decisions()), partial(_decisions_feed, relations, urls)))
    if relations.notices:
        pages.append(_data(urls.feed(urls.forward_plan()), partial(_forward_plan_feed, relations, urls)))
    return pages


def _site_feed(relations: Relations, urls: Urls) -> bytes:
    everything = (
        meeting_entries(relations, urls)
        + [e for r in relations.reviews for e in review_entries(r, urls)]
        + decision_entries(relations, urls)
        + notice_entries(relations, urls)
    )
    return atom(
        "Everything new", urls.home(), urls.feed(urls.home()), everything, relations.content.site, relations.as_of, urls
    )


def _committee_feed(relations: Relations, urls: Urls, committee: Committee) -> bytes:
    page = urls.committee(committee.id)
    entries = (
        meeting_entries(relations, urls, committee.id)
        + [e for r in relations.reviews_of.get(committee.id, []) for e in review_entries(r, urls)]
        + decision_entries(relations, urls, committee.id)
        + notice_entries(relations, urls, committee.id)
    )
    return atom(committee.name, page, urls.feed(page), entries, relations.content.site, relations.as_of, urls)


def _decisions_feed(relations: Relations, urls: Urls) -> bytes:
    page = urls.decisions()
    entries = decision_entries(relations, urls)
    return atom(N_("Decisions"), page, urls.feed(page), entries, relations.content.site, relations.as_of, urls)


def _forward_plan_feed(relations: Relations, urls: Urls) -> bytes:
    page = urls.forward_plan()
    entries = notice_entries(relations, urls)
    return atom(N_("Forward Plan"), page, urls.feed(page), entries, relations.content.site, relations.as_of, urls)


def _review_feed(site: SiteConfig, as_of: dt.date, urls: Urls, review: Review) -> bytes:
    page = urls.review(review.id)
    return atom(review.title, page, urls.feed(page), review_entries(review, urls), site, as_of, urls)


def _recommendation_feed(site: SiteConfig, as_of: dt.date, urls: Urls, review: Review, rec: Recommendation) -> bytes:
    page = urls.recommendation(review.id, rec.id)
    return atom(
        f"Recommendation {rec.id}: {review.title}",
        page,
        urls.feed(page),
        recommendation_entries(rec, review, urls),
        site,
        as_of,
        urls,
    )


def _calendars(relations: Relations, urls: Urls) -> list[Page]:
    site = relations.content.site
    everything = [(m, relations.committee(m.committee)) for m in relations.meetings]
    pages = [_data(urls.calendar(urls.meetings()), partial(ical.calendar_of, "All meetings", everything, site, urls))]
    for committee in relations.committees:
        meetings = [(m, committee) for m in relations.meetings_of.get(committee.id, [])]
        pages.append(
            _data(
                urls.calendar(urls.committee(committee.id)),
                partial(ical.calendar_of, committee.name, meetings, site, urls),
            )
        )
    if relations.notices:
        notices = [(notice, relations.decision_maker(notice)) for notice in relations.notices]
        pages.append(
            _data(urls.calendar(urls.forward_plan()), partial(ical.forward_plan_calendar, notices, site, urls))
        )
    return pages


def _open_data(relations: Relations, urls: Urls) -> list[Page]:
    pages = []
    for dataset in opendata.DATASETS:
        pages.append(_data(urls.data(f"{dataset.name}.csv"), partial(opendata.dataset_csv, dataset, relations, urls)))
        pages.append(_data(urls.data(f"{dataset.name}.json"), partial(opendata.dataset_json, dataset, relations, urls)))
    pages.append(_data(urls.data("datapackage.json"), partial(opendata.datapackage, relations, urls)))
    pages.append(_data(urls.data("popolo.json"), partial(opendata.popolo, relations, urls)))
    pages.append(_data(urls.data("ocd-events.json"), partial(opendata.ocd_events, relations, urls)))
    pages.append(_data(urls.data("ocd-votes.json"), partial(opendata.ocd_votes, relations, urls)))
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


def _data(url: str, make: MakeFile) -> Page:
    """A file made here when it is rendered; ``make`` is a partial whose arguments are all it reads."""
    return Page(url, url, None, make=make)
