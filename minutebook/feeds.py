"""Atom feeds (RFC 4287) made with feedgen: new meetings and minutes, recommendations, responses
and status changes, decisions and Forward Plan notices; for the whole site, each committee, each
review and each recommendation, the decisions and the Forward Plan.

Every entry's id and date come from the content, so the same content gives the same feeds.
Titles and summaries are Messages, written in the site's language when the feed is made
(i18n.speaking, set by render.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from . import lifecycle
from .decisions import history
from .i18n import N_, Date, Message, translated, word
from .model import Decision, Meeting, Recommendation, Review, SiteConfig
from .relations import Relations, meeting_title
from .urls import Urls


@dataclass(frozen=True, order=True)
class Entry:
    updated: dt.date
    key: str  # stable: the page and what happened
    title: str
    url: str
    summary: str


def meeting_entries(relations: Relations, urls: Urls, committee_id: str | None = None) -> list[Entry]:
    entries = []
    for meeting in relations.meetings:
        if committee_id and meeting.committee != committee_id:
            continue
        title, url = meeting_title(meeting, relations), urls.meeting(meeting.id)
        announced = meeting.agenda_published or meeting.date
        entries.append(
            Entry(
                announced,
                f"{url}#meeting",
                N_("Meeting: %(meeting)s", meeting=title),
                url,
                _meeting_summary(meeting, relations.meeting_status(meeting)),
            )
        )
        if meeting.minutes:
            entries.append(
                Entry(
                    meeting.date,
                    f"{url}#minutes",
                    N_("Minutes: %(meeting)s", meeting=title),
                    url,
                    N_("%(count)s minute items.", count=len(meeting.minutes)),
                )
            )
    return entries


def _meeting_summary(meeting: Meeting, status: str) -> Message:
    """``status`` is the meeting's as of the build (Relations.meeting_status)."""
    day = Date(meeting.date, "dd MMMM y")  # 05 January 2015
    if status == "scheduled":
        return N_("Scheduled meeting on %(day)s.", day=day)
    if status == "awaiting minutes":
        return N_("Meeting on %(day)s; its minutes are not yet published.", day=day)
    if status == "held":
        return N_("Held meeting on %(day)s.", day=day)
    if status == "cancelled":
        return N_("Cancelled meeting on %(day)s.", day=day)
    if status == "postponed":
        return N_("Postponed meeting on %(day)s.", day=day)
    return N_("%(status)s meeting on %(day)s.", status=status.capitalize(), day=day)


def recommendation_entries(rec: Recommendation, review: Review, urls: Urls) -> list[Entry]:
    url = urls.recommendation(rec.review, rec.id)
    name = N_("Recommendation %(number)s of %(review)s", number=rec.id, review=review.title)
    entries = []
    made = lifecycle.made_on(rec, review)
    if made:
        entries.append(
            Entry(made, f"{url}#made", N_("%(recommendation)s: made", recommendation=name), url, _plain(rec.text))
        )
    responded = lifecycle.responded_on(rec, review)
    if responded and rec.response:
        entries.append(
            Entry(
                responded,
                f"{url}#response",
                N_("%(recommendation)s: %(decision)s", recommendation=name, decision=word(rec.response.decision)),
                url,
                _plain(rec.response.text or ""),
            )
        )
    for change in rec.action_by_changes:
        entries.append(
            Entry(
                change.date,
                f"{url}#action-by-{change.date}",
                N_("%(recommendation)s: action-by date changed", recommendation=name),
                url,
                N_("Reason given: %(reason)s", reason=change.reason),
            )
        )
    for update in rec.updates:
        entries.append(
            Entry(
                update.date,
                f"{url}#update-{update.date}",
                N_("%(recommendation)s: %(status)s", recommendation=name, status=word(update.status)),
                url,
                _plain(update.note),
            )
        )
    return entries


def review_entries(review: Review, urls: Urls) -> list[Entry]:
    return [entry for rec in review.recommendations for entry in recommendation_entries(rec, review, urls)]


def decision_entries(relations: Relations, urls: Urls, committee_id: str | None = None) -> list[Entry]:
    """One entry per decision, dated by the latest step of its history so far: a call-in, its
    outcome or the end of the call-in period moves it up the feed, with its new status."""
    entries = []
    for decision in relations.decisions:
        if committee_id and decision.committee != committee_id:
            continue
        url = urls.decision(decision.id)
        entries.append(
            Entry(
                _decision_updated(decision, relations),
                f"{url}#decision",
                N_("Decision: %(title)s", title=decision.title),
                url,
                _decision_summary(decision, relations),
            )
        )
    return entries


def _decision_updated(decision: Decision, relations: Relations) -> dt.date:
    steps = history(decision, relations.notice_of(decision), relations.content, relations.as_of, {})
    return max((step.date for step in steps if step.date <= relations.as_of), default=decision.date)


def _decision_summary(decision: Decision, relations: Relations) -> Message:
    now = relations.standing(decision)
    maker = relations.decision_maker(decision)
    status = (
        N_("open to call-in until %(day)s", day=now.deadline)
        if now.status == "open to call-in" and now.deadline
        else word(now.status)
    )
    # The page shows an exempt decision's public summary, never its text (withhold.py empties it).
    text = _plain((decision.public_summary or "") if decision.exempt is not None else decision.decision)
    if text:
        return N_(
            "Taken by %(maker)s on %(day)s; %(status)s. %(text)s",
            maker=maker,
            day=decision.date,
            status=status,
            text=text,
        )
    return N_("Taken by %(maker)s on %(day)s; %(status)s.", maker=maker, day=decision.date, status=status)


def notice_entries(relations: Relations, urls: Urls, committee_id: str | None = None) -> list[Entry]:
    """One entry per Forward Plan notice, on the day it was published."""
    entries = []
    for notice in relations.notices:
        if committee_id and notice.committee != committee_id:
            continue
        url = urls.notice(notice.id)
        maker = relations.decision_maker(notice)
        summary = _plain(notice.summary or "")
        entries.append(
            Entry(
                notice.published,
                f"{url}#notice",
                N_("Forward Plan: %(title)s", title=notice.title),
                url,
                N_(
                    "Expected to be decided by %(maker)s on %(day)s. %(summary)s",
                    maker=maker,
                    day=notice.expected,
                    summary=summary,
                )
                if summary
                else N_("Expected to be decided by %(maker)s on %(day)s.", maker=maker, day=notice.expected),
            )
        )
    return entries


def _plain(markdown: str) -> str:
    text = " ".join(markdown.split())
    return text if len(text) <= 400 else text[:399].rstrip() + "…"


def atom(
    title: str, page_url: str, feed_url: str, entries: list[Entry], site: SiteConfig, as_of: dt.date, urls: Urls
) -> bytes:
    """An Atom feed, newest entry first."""
    host = urlsplit(urls.absolute(urls.home())).hostname or "minutebook"
    feed = FeedGenerator()
    feed.id(f"tag:{host},2000:{feed_url}")
    feed.title(f"{translated(title)} – {site.title}")
    feed.link(href=urls.absolute(page_url), rel="alternate")
    feed.link(href=urls.absolute(feed_url), rel="self")
    feed.language(site.language)
    feed.author({"name": site.council})
    ordered = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)
    newest = ordered[0].updated if ordered else as_of
    feed.updated(_moment(newest))
    for entry in ordered:
        item = feed.add_entry(order="append")
        item.id(f"tag:{host},2000:{entry.key}")
        item.title(translated(entry.title))
        item.link(href=urls.absolute(entry.url))
        item.updated(_moment(entry.updated))
        item.summary(translated(entry.summary or entry.title))
    return feed.atom_str(pretty=True)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
