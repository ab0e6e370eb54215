"""Councillors, wards and the full meeting record on the Borsetshire fixture council's pages,
built as of 14 March 2025: who a councillor is, their party, ward and posts, whether they are
still in office; each ward's councillors over time; and what a meeting's record holds besides
its minutes (how to attend, the webcast, supplements, urgent items, questions, petitions, a
postponed meeting rearranged)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest

from tests.conftest import build_borsetshire
from tests.test_decisions_site import text_of


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("borsetshire-people") / "public"
    result = build_borsetshire(out)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    return out


def test_councillors_page_says_party_ward_since_when_and_posts(built):
    page = text_of(built, "people/cllr-ashdown")
    assert "Party Borsetshire Progressives" in page
    assert "Ward Kingsford Central , re-elected Friday 5 May 2023" in page
    assert "First elected Friday 3 May 2019" in page
    assert "Posts Leader of the Council (since 17 May 2023)" in page


def test_councillors_former_councillor_is_shown_as_former_everywhere(built):
    people = text_of(built, "people")
    current, former = people.split("Former councillors", 1)
    assert "Councillor Edward Rutherford" in former and "Councillor Edward Rutherford" not in current
    assert "Councillor Caroline Rudd" in current
    page = text_of(built, "people/cllr-rutherford")
    assert "Former councillor Councillor Edward Rutherford" in page
    assert "Last ward Ashcott Green , until Saturday 20 January 2024 (resigned)" in page
    ward = text_of(built, "wards/ashcott-green")
    now, before = ward.split("Former councillors", 1)
    assert "Councillor Caroline Rudd" in now and "By-election 15 March 2024" in now
    assert "Councillor Edward Rutherford" in before and "(resigned)" in before


def test_councillors_every_ward_has_a_page_listed_with_its_councillors(built):
    wards = sorted(p.name for p in (built / "wards").iterdir() if p.is_dir())
    assert len(wards) == 7
    listing = text_of(built, "wards")
    assert "Ashcott Green Councillors: Councillor Caroline Rudd" in listing


def test_meeting_record_shows_how_to_attend_supplements_urgent_items_questions_and_petitions(built):
    page = text_of(built, "meetings/council-2025-02-27")
    assert "How it was held In person, or online; watch the webcast or recording" in page
    assert "Agenda published Wednesday 19 February 2025" in page
    assert "published Tuesday 25 February 2025 (for agenda items: 4). Why it was late:" in page
    assert "Urgent item Added as urgent: The Chairman agreed" in page
    assert "In the webcast from 00:12" in page
    assert "Answer from Councillor Raymond Pemberton" in page and "Supplementary question" in page
    assert "Question from Councillor Neil Harrowby to Councillor Thomas Whitlock" in page
    assert "Reopen the public toilets at Wyvern Bridge bus station 612 signatures." in page
    html = (built / "meetings/council-2025-02-27/index.html").read_text(encoding="utf-8")
    event = next(
        block["mainEntity"] if "mainEntity" in block else block
        for block in map(json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))
        if "Event" in json.dumps(block)
    )
    assert "MixedEventAttendanceMode" in json.dumps(event)


def test_meeting_record_postponed_meeting_links_its_new_date_and_leaves_calendars(built):
    page = text_of(built, "meetings/planning-2024-09-19")
    assert "Status Postponed Rearranged for Thursday 3 October 2024 ." in page
    calendar = icalendar.Calendar.from_ical(next((built / "meetings/planning-2024-09-19").glob("*.ics")).read_bytes())
    event = next(c for c in calendar.walk("VEVENT"))
    assert event["STATUS"] == "CANCELLED"
    assert "/meetings/planning-2024-10-03/" in str(event["DESCRIPTION"])
