"""Decision, Forward Plan and vote data in cases the Borsetshire fixture does not have: a council
with no decisions, an exempt minute with a motion and a recorded vote, a notice embargoed past
the build's day, a decision not yet published."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import icalendar

AS_OF = "2015-06-01"
CABINET = "name: Cabinet\nshort_name: Cabinet\nkind: executive\nmembers:\n  - person: cllr-green\n    role: chair\n"


def build(site) -> None:  # type: ignore[no-untyped-def]
    result = site.run("build", "--no-search", "--as-of", AS_OF)
    assert result.code == 0, result.stderr


def test_feeds_decisions_a_council_without_decisions_has_empty_datasets_and_no_decision_feeds(site):
    build(site)
    public = site.root / "public"
    for name in ("decisions", "forward_plan", "votes", "recorded_votes", "motions"):
        lines = (public / "data" / f"{name}.csv").read_text().splitlines()
        assert len(lines) == 1 and lines[0].startswith(("id,", "meeting,")), name
        assert json.loads((public / "data" / f"{name}.json").read_text()) == []
    assert not (public / "decisions").exists() and not (public / "forward-plan").exists()
    popolo = json.loads((public / "data/popolo.json").read_text())
    assert popolo["motions"] == [] and popolo["vote_events"] == []
    assert json.loads((public / "data/ocd-votes.json").read_text()) == []


EXEMPT_MINUTE = """
  - number: 9
    title: Disposal of land at Mill Road
    exempt: 3
    public_summary: The committee agreed a disposal of land.
    motions:
      - title: CANARY-EXEMPT-MOTION
        text: CANARY-EXEMPT-MOTION-TEXT that the land be sold to a named buyer.
        moved_by: cllr-brown
        outcome: carried
        vote:
          recorded:
            in_favour: [cllr-brown, cllr-green]
            abstained: []
"""


def test_feeds_decisions_an_exempt_minutes_motion_and_vote_are_in_no_data_file(site):
    meeting = site.content / "meetings/scrutiny-2015-01-16.yaml"
    text = meeting.read_text()
    assert "\nminutes:\n" in text
    meeting.write_text(text.replace("\nminutes:\n", "\nminutes:" + EXEMPT_MINUTE, 1))
    build(site)
    public = site.root / "public"
    for path in [*(public / "data").iterdir(), *public.rglob("*.xml"), *public.rglob("*.ics")]:
        assert b"CANARY-EXEMPT-MOTION" not in path.read_bytes(), path.relative_to(public)
    votes = list(csv.DictReader(io.StringIO((public / "data/votes.csv").read_text())))
    assert [v for v in votes if v["minute"] == "9"] == []
    minutes = list(csv.DictReader(io.StringIO((public / "data/minutes.csv").read_text())))
    assert any(m["number"] == "9" and m["text"] == "The committee agreed a disposal of land." for m in minutes)


def test_feeds_decisions_an_embargoed_notice_and_an_unpublished_decision(site):
    site.write("committees/cabinet.yaml", CABINET)
    site.write(
        "forward-plan/play-area-fees.yaml",
        "title: Play area fees\ncommittee: cabinet\npublished: 2015-05-01\nexpected: 2015-06-20\n",
    )
    site.write(
        "forward-plan/later-notice.yaml",
        "title: CANARY-EMBARGOED-NOTICE\ncommittee: cabinet\npublished: 2015-06-05\nexpected: 2015-07-20\n"
        "publish_after: 2015-06-05T09:00\n",
    )
    site.write(
        "decisions/park-opening-hours.yaml",
        "title: Park opening hours\nperson: cllr-green\ncapacity: Cabinet Member for Parks\n"
        "date: 2015-05-28\ndecision: The parks open at 7am.\n",
    )
    build(site)
    public = site.root / "public"
    for path in public.rglob("*"):
        if path.is_file():
            assert b"CANARY-EMBARGOED-NOTICE" not in path.read_bytes(), path.relative_to(public)
    (row,) = csv.DictReader(io.StringIO((public / "data/decisions.csv").read_text()))
    assert row["status"] == "not yet published" and row["call_in_deadline"] == "" and row["published"] == ""
    assert row["decision_maker_kind"] == "executive member"
    feed = feedparser.parse((public / "decisions/feed.xml").read_bytes())
    assert not feed.bozo and [e.title for e in feed.entries] == ["Decision: Park opening hours"]
    assert "not yet published" in feed.entries[0].summary
    plan = feedparser.parse((public / "forward-plan/feed.xml").read_bytes())
    assert [e.title for e in plan.entries] == ["Forward Plan: Play area fees"]
    calendar = icalendar.Calendar.from_ical((public / "forward-plan/meetings.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Play area fees" and str(event["uid"]).startswith("forward-plan-play-area-fees@")
    site_feed = feedparser.parse((public / "feed.xml").read_bytes())
    titles = {e.title for e in site_feed.entries}
    assert {"Decision: Park opening hours", "Forward Plan: Play area fees"} <= titles
    cabinet = feedparser.parse((public / "committees/cabinet/feed.xml").read_bytes())
    assert [e.title for e in cabinet.entries] == ["Forward Plan: Play area fees"]  # a Cabinet member's, not Cabinet's


def test_feeds_decisions_the_open_data_is_reproducible(site):
    site.write("committees/cabinet.yaml", CABINET)
    site.write(
        "forward-plan/play-area-fees.yaml",
        "title: Play area fees\ncommittee: cabinet\npublished: 2015-05-01\nexpected: 2015-06-20\n",
    )
    build(site)
    public = site.root / "public"
    first = {p: (public / p).read_bytes() for p in ("forward-plan/meetings.ics", "forward-plan/feed.xml")}
    result = site.run("build", "--no-search", "--no-cache", "--as-of", AS_OF)
    assert result.code == 0, result.stderr
    assert {p: (public / p).read_bytes() for p in first} == first
