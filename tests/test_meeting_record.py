"""What a resident comes for, first: a meeting page opens with what was decided, a minute page
with its resolution, and every status is true as of the day the site is built, however old the
file's own word is."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import build_fixture_council

MEETING = "meetings/policy-resources-2023-11-09"
LONG_MEETING = "meetings/policy-resources-2025-02-13"  # a budget meeting of some 7,000 words


def html_of(built: Path, url: str) -> str:
    return (built / url.strip("/") / "index.html").read_text(encoding="utf-8")


def text_of(built: Path, url: str) -> str:
    main = html_of(built, url).split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#39;", "'")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("strathbrae") / "public"
    result = build_fixture_council(out, "--no-search")
    assert result.code == 0, result.stderr
    return out


def test_meeting_heading_names_the_committee_and_the_day(built):
    assert "<h1>Policy and Resources Committee, Thursday 9 November 2023</h1>" in html_of(built, MEETING)


def test_meeting_page_opens_with_each_resolution_in_order_linked_to_its_minute(built):
    html = html_of(built, MEETING)
    decided = html.index('id="decided"')
    assert decided < html.index('id="agenda"') < html.index('id="attendance"') < html.index('id="minutes"')
    section = html[decided : html.index("</section>", decided)]
    links = re.findall(r'<p class="decided__minute"><a href="#(minute-[^"]+)">([^<]+)</a>', section)
    assert [anchor for anchor, _ in links] == ["minute-3", "minute-4", "minute-5"]  # the exempt minute 6 is not
    assert links[1][1] == "Minute 4: Harbour wall at Port Ardlin: options and costs for repair"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    first, second = (
        "(1) That the outer harbour wall at Port Ardlin be rebuilt in stone",
        "(2) That the Chief Executive apply to the Scottish Government",
    )
    assert text.index(first) < text.index(second)
    assert 'id="minute-4"' in html  # each link's target is on the page


def test_minute_page_shows_its_resolution_before_the_minute_in_full(built):
    text = text_of(built, MEETING + "/minutes/4")
    assert text.index("Resolved:") < text.index("The minute in full") < text.index("See this minute with the rest")


def test_meeting_page_folds_a_long_minute_but_keeps_its_resolution_in_view(built):
    html = html_of(built, LONG_MEETING)
    minute = html[html.index('id="minute-4"') : html.index('id="minute-5"')]
    assert minute.index('class="resolutions"') < minute.index('<details class="minute__text">')
    assert re.search(r"<summary>The minute in full \(\d+ words\)", minute)


@pytest.fixture(scope="module")
def built_later(tmp_path_factory) -> Path:
    """Built three months after the fixture's day: two meetings still "scheduled" are past."""
    out = tmp_path_factory.mktemp("strathbrae-later") / "public"
    result = build_fixture_council(out, "--no-search", "--as-of", "2025-06-01T12:00")
    assert result.code == 0, result.stderr
    return out


def test_a_past_meeting_still_scheduled_reads_as_awaiting_minutes_everywhere(built, built_later):
    page = "meetings/audit-scrutiny-2025-03-13"
    assert "Scheduled" in text_of(built, page)  # on its fixture day it is still to come
    text = text_of(built_later, page)
    assert "Awaiting minutes" in text and "Scheduled" not in text and "How it was held" in text
    assert "its minutes are not yet published" in text
    listed = text_of(built_later, "meetings")
    row = listed[listed.index("Audit and Scrutiny Committee, Thursday 13 March 2025") :][:200]
    assert "Awaiting minutes" in row
    rows = list(csv.DictReader(io.StringIO((built_later / "data/meetings.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["id"] == "audit-scrutiny-2025-03-13")["status"] == "awaiting minutes"
    events = json.loads((built_later / "data/ocd-events.json").read_text(encoding="utf-8"))
    events = events["events"] if isinstance(events, dict) else events
    assert next(e for e in events if e["id"] == "audit-scrutiny-2025-03-13")["status"] == "passed"
    feed = (built_later / "feed.xml").read_text(encoding="utf-8")
    assert "Scheduled meeting on 13 March 2025" not in feed
    assert "Meeting on 13 March 2025; its minutes are not yet published." in feed


def test_an_unanswered_review_is_overdue_everywhere_once_its_two_months_pass(site):
    review = site.content / "reviews/play-areas/review.md"  # reported 16 January 2015
    text = review.read_text().replace("status: responded", "status: reported")
    review.write_text(text.replace("response:\n  by: Cabinet\n  date: 2015-02-10\n", ""))
    for rec in (site.content / "reviews/play-areas/recommendations").glob("*.yaml"):
        rec.write_text(rec.read_text().split("response:")[0] + "status: not started\n")
    assert site.run("build", "--no-search", "--as-of", "2015-03-17").code == 0
    public = site.root / "public"
    rows = list(csv.DictReader(io.StringIO((public / "data/recommendations.csv").read_text(encoding="utf-8"))))
    assert rows and {(r["overdue"], r["overdue_because"]) for r in rows} == {("true", "response")}
    assert "Overdue" in text_of(public, "reviews/play-areas/recommendations/1")
    tracker = text_of(public, "recommendations")
    assert tracker.count("Overdue") >= len(rows)
    assert "are overdue" in text_of(public, "")  # the home page's count
    assert site.run("build", "--no-search", "--as-of", "2015-03-16").code == 0  # the last day to respond
    rows = list(csv.DictReader(io.StringIO((public / "data/recommendations.csv").read_text(encoding="utf-8"))))
    assert {r["overdue"] for r in rows} == {"false"}
