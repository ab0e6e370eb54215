"""Calendar files (RFC 5545) for meetings and the Forward Plan, made with the icalendar library."""

from __future__ import annotations

import datetime as dt
from functools import cache
from urllib.parse import urlsplit

import icalendar

from .i18n import N_, translated
from .model import UK, Committee, Meeting, Notice, SiteConfig
from .urls import Urls

DEFAULT_LENGTH = dt.timedelta(hours=2)


def meeting_event(meeting: Meeting, committee: Committee, site: SiteConfig, urls: Urls) -> icalendar.Event:
    event = icalendar.Event()
    host = urlsplit(site.base_url).hostname or "minutebook"
    event.add("uid", f"{meeting.id}@{host}")
    # A fixed stamp taken from the content keeps builds byte-for-byte reproducible.
    event.add("dtstamp", dt.datetime.combine(meeting.date, dt.time(), tzinfo=dt.UTC))
    event.add("summary", committee.name)
    if meeting.start_time:
        start = dt.datetime.combine(meeting.date, dt.time.fromisoformat(meeting.start_time), tzinfo=UK)
        end = (
            dt.datetime.combine(meeting.date, dt.time.fromisoformat(meeting.end_time), tzinfo=UK)
            if meeting.end_time
            else start + DEFAULT_LENGTH
        )
        if meeting.ends_after_midnight:
            end += dt.timedelta(days=1)
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", meeting.date)
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", urls.absolute(urls.meeting(meeting.id)))
    # A postponed meeting will not happen on its day either: calendars should take it off.
    event.add("status", "CANCELLED" if meeting.status in ("cancelled", "postponed") else "CONFIRMED")
    notes = [translated(MODE_WORDS[meeting.mode])] if meeting.mode != "in person" else []
    if meeting.status == "postponed":
        notes.append(translated(N_("Postponed.")))
    if meeting.rearranged_to:
        notes.append(translated(N_("Rearranged: %(url)s", url=urls.absolute(urls.meeting(meeting.rearranged_to)))))
    if meeting.webcast:
        notes.append(translated(N_("Webcast: %(url)s", url=meeting.webcast)))
    if notes:
        event.add("description", "\n".join(notes))
    return event


MODE_WORDS = {
    "online": N_("Online meeting."),
    "hybrid": N_("Hybrid meeting: in person or online."),
}


@cache
def london(first_year: int, last_year: int) -> icalendar.Timezone:
    """The Europe/London VTIMEZONE for the years the calendar covers, made once per build:
    icalendar would otherwise work out every clock change from 1970 to 2038 for each file."""
    return icalendar.Timezone.from_tzid(
        "Europe/London", first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1)
    )


def calendar_of(name: str | None, events: list[tuple[Meeting, Committee]], site: SiteConfig, urls: Urls) -> bytes:
    """An iCalendar file of some meetings."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//minutebook//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", f"{translated(name)} – {site.title}")
    if any(meeting.start_time for meeting, _ in events):
        years = [meeting.date.year for meeting, _ in events]
        calendar.add_component(london(min(years), max(years)))
    for meeting, committee in events:
        calendar.add_component(meeting_event(meeting, committee, site, urls))
    return calendar.to_ical()


def meeting_calendar(meeting: Meeting, committee: Committee, site: SiteConfig, urls: Urls) -> bytes:
    return calendar_of(None, [(meeting, committee)], site, urls)


def notice_event(notice: Notice, maker: str, site: SiteConfig, urls: Urls) -> icalendar.Event:
    """A Forward Plan notice as an all-day event on the day the decision is expected."""
    event = icalendar.Event()
    host = urlsplit(site.base_url).hostname or "minutebook"
    event.add("uid", f"forward-plan-{notice.id}@{host}")  # never a meeting's uid, in a client showing both
    # A fixed stamp taken from the content keeps builds byte-for-byte reproducible.
    event.add("dtstamp", dt.datetime.combine(notice.published, dt.time(), tzinfo=dt.UTC))
    event.add("summary", notice.title)
    event.add("dtstart", notice.expected)  # a date: an all-day event, one day long (RFC 5545 3.6.1)
    event.add("transp", "TRANSPARENT")  # a day to note, not time taken
    description = translated(
        N_("Key decision expected to be taken by %(maker)s.", maker=maker)
        if notice.key_decision
        else N_("Decision expected to be taken by %(maker)s.", maker=maker)
    )
    if notice.summary:
        description += "\n\n" + " ".join(notice.summary.split())
    event.add("description", description)
    event.add("url", urls.absolute(urls.notice(notice.id)))
    return event


def forward_plan_calendar(notices: list[tuple[Notice, str]], site: SiteConfig, urls: Urls) -> bytes:
    """An iCalendar file of the Forward Plan: each notice, with its decision maker's name, on
    the day its decision is expected."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//minutebook//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{translated(N_('Forward Plan'))} – {site.title}")
    for notice, maker in notices:
        calendar.add_component(notice_event(notice, maker, site, urls))
    return calendar.to_ical()


EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "held": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
}


def schema_org_event(meeting: Meeting, committee: Committee, site: SiteConfig, urls: Urls) -> dict[str, object]:
    """The meeting as a schema.org Event, for search engines and calendar tools."""
    start = (
        dt.datetime.combine(meeting.date, dt.time.fromisoformat(meeting.start_time), tzinfo=UK).isoformat()
        if meeting.start_time
        else meeting.date.isoformat()
    )
    event: dict[str, object] = {
        "@type": "Event",
        "name": N_("%(committee)s meeting", committee=committee.name),
        "startDate": start,
        "eventStatus": "https://schema.org/" + EVENT_STATUS[meeting.status],
        "eventAttendanceMode": "https://schema.org/" + ATTENDANCE_MODE[meeting.mode],
        "url": urls.absolute(urls.meeting(meeting.id)),
        "organizer": {"@type": "GovernmentOrganization", "name": site.council, "url": urls.absolute(urls.home())},
    }
    places: list[dict[str, object]] = []
    if meeting.venue and meeting.mode != "online":
        places.append({"@type": "Place", "name": meeting.venue, "address": meeting.venue})
    if meeting.webcast and meeting.mode != "in person":
        places.append({"@type": "VirtualLocation", "url": meeting.webcast})
    if places:
        event["location"] = places[0] if len(places) == 1 else places
    return event


ATTENDANCE_MODE = {
    "in person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
