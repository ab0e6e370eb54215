"""Decisions, the Forward Plan, votes and motions of the built Borsetshire fixture council, as a
data user reads them: CSV and JSON, Popolo, Open Civic Data, Atom feeds and the Forward Plan
calendar. Every expected value is worked out from the fixture's own files, read as written."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import icalendar
import pytest
from frictionless import Package

from minutebook.errors import Problems
from minutebook.load import load_content
from minutebook.model import Content, Decision, MinuteNumber, Vote
from tests.conftest import BORSETSHIRE, BORSETSHIRE_AS_OF, build_borsetshire

AS_OF = dt.date.fromisoformat(BORSETSHIRE_AS_OF)
NOW = dt.datetime.combine(AS_OF, dt.time(12, 0))
CANARIES = (b"CANARY-CONFIDENTIAL-DECISION", b"CANARY-DRAFT-DECISION")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decision-data") / "public"
    result = build_borsetshire(out, "--no-search")
    assert result.code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def fixture() -> Content:
    """The fixture's content as written: nothing withheld."""
    problems = Problems(root=BORSETSHIRE)
    content = load_content(BORSETSHIRE, problems)
    assert content is not None, problems.errors
    return content


def published(record: object) -> bool:
    after = getattr(record, "publish_after", None)
    return not (
        getattr(record, "draft", False) or getattr(record, "confidential", False) or (after is not None and after > NOW)
    )


def rows(built: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((built / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


def normalised(text: str) -> str:
    return " ".join(text.split())


def fixture_votes(content: Content) -> list[tuple[str, int, Vote]]:
    """(meeting, minute, vote) for every vote the fixture's published, non-exempt minutes record."""
    found = []
    for meeting in content.meetings.values():
        if not published(meeting):
            continue
        for item in meeting.minutes:
            if item.exempt is not None or item.confidential:
                continue
            votes = [r.vote for r in item.resolutions]
            for motion in item.motions:
                votes += [a.vote for a in motion.amendments] + [motion.vote]
            found += [(meeting.id, item.number, vote) for vote in votes if vote is not None]
    return found


def working_days_after(day: dt.date, count: int) -> dt.date:
    """Good enough for the fixture's March 2025: no bank holiday falls in it."""
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


# --- decisions --------------------------------------------------------------------------------


def test_decision_data_one_row_per_published_decision(built, fixture):
    expected = {d.id for d in fixture.decisions.values() if published(d)}
    withheld = {d.id for d in fixture.decisions.values() if not published(d)}
    assert expected and withheld, "the fixture should have published and withheld decisions"
    table = rows(built, "decisions")
    assert sorted(r["id"] for r in table) == sorted(expected)
    as_json = json.loads((built / "data/decisions.json").read_text())
    assert [r["id"] for r in as_json] == [r["id"] for r in table]
    for row in table:
        decision = fixture.decisions[row["id"]]
        assert row["date"] == decision.date.isoformat()
        assert row["key_decision"] == ("true" if decision.key_decision else "false")
        assert row["url"].endswith(f"/decisions/{decision.id}/")
        assert (built / "decisions" / decision.id / "index.html").is_file()


def test_decision_data_the_decision_open_to_call_in(built, fixture):
    days = fixture.site.decisions.call_in_working_days
    still_open = [
        d
        for d in fixture.decisions.values()
        if published(d) and d.published and not d.call_in_exempt and working_days_after(d.published, days) >= AS_OF
    ]
    assert len(still_open) == 1, "conftest.py: as of its day one Cabinet decision is still open to call-in"
    (decision,) = still_open
    deadline = working_days_after(decision.published, days)
    assert deadline == dt.date(2025, 3, 19)
    table = rows(built, "decisions")
    row = next(r for r in table if r["id"] == decision.id)
    assert row["status"] == "open to call-in"
    assert row["call_in_deadline"] == deadline.isoformat()
    assert row["implementable_from"] == ""
    assert row["decision_maker"] == fixture.committees[decision.committee].name
    assert row["decision_maker_kind"] == "executive"
    assert [r["id"] for r in table if r["status"] == "open to call-in"] == [decision.id]


def test_decision_data_call_in_urgency_and_makers_as_written(built, fixture):
    table = {r["id"]: r for r in rows(built, "decisions")}
    called = [d for d in fixture.decisions.values() if published(d) and d.call_in]
    assert called, "the fixture should have a called-in decision"
    for d in called:
        row = table[d.id]
        assert row["called_in"] == d.call_in.requested.isoformat()
        assert row["called_in_by"].split("; ") == list(d.call_in.by)
        assert row["call_in_outcome"] == (d.call_in.outcome or "")
        if d.call_in.reconsidered:
            assert row["reconsidered"] == d.call_in.reconsidered.result
    urgent = [d for d in fixture.decisions.values() if published(d) and d.urgency]
    assert urgent
    for d in urgent:
        assert table[d.id]["urgency"] == d.urgency.kind
        if d.call_in_exempt:
            assert table[d.id]["call_in_deadline"] == "" and table[d.id]["status"] == "can be implemented"
    for d in fixture.decisions.values():
        if published(d) and d.person:
            person = fixture.people[d.person]
            assert table[d.id]["decision_maker"] == person.display_name
            expected = "officer" if person.kind != "councillor" else "executive member"
            assert table[d.id]["decision_maker_kind"] == expected


def test_decision_data_withheld_decisions_are_in_no_file_at_all(built, fixture):
    withheld = [d for d in fixture.decisions.values() if not published(d)]
    ids = [d.id.encode() for d in withheld]
    files = [path for path in built.rglob("*") if path.is_file()]
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        for canary in (*CANARIES, *ids):
            assert canary not in data, f"{canary.decode()} in {path.relative_to(built)}"
            assert canary.decode() not in path.relative_to(built).as_posix()


def exempt_decisions(fixture: Content) -> list[Decision]:
    found = [d for d in fixture.decisions.values() if published(d) and d.exempt is not None]
    assert found, "the fixture should have an exempt decision"
    return found


def test_decision_data_an_exempt_decision_gives_its_public_summary_only(built, fixture):
    table = {r["id"]: r for r in rows(built, "decisions")}
    records = {r["id"]: r for r in json.loads((built / "data/decisions.json").read_text())}
    for d in exempt_decisions(fixture):
        for row in (table[d.id], records[d.id]):
            assert str(row["exempt_paragraph"]) == str(d.exempt)
            assert normalised(row["text"]) == normalised(d.public_summary or "")
            assert normalised(d.decision) not in normalised(row["text"])
            assert not row["reasons"]


def test_decision_data_an_exempt_decisions_text_and_reasons_are_in_no_file(built, fixture):
    secrets = [normalised(text) for d in exempt_decisions(fixture) for text in (d.decision, d.reasons or "") if text]
    for path in built.rglob("*"):
        if path.suffix in (".html", ".csv", ".json", ".xml", ".ics", ".txt"):
            text = normalised(html.unescape(path.read_text(encoding="utf-8").replace("\r\n ", "")))
            for secret in secrets:
                assert secret not in text, f"exempt text in {path.relative_to(built)}"


def test_decision_data_the_forward_plan_dataset(built, fixture):
    notices = {n.id: n for n in fixture.notices.values() if published(n)}
    table = rows(built, "forward_plan")
    assert sorted(r["id"] for r in table) == sorted(notices)
    taken = {d.notice: d.id for d in fixture.decisions.values() if published(d) and d.notice}
    for row in table:
        notice = notices[row["id"]]
        assert row["published"] == notice.published.isoformat()
        assert row["expected"] == notice.expected.isoformat()
        assert row["decision"] == taken.get(notice.id, "")
        assert row["private_paragraph"] == (str(notice.private.paragraph) if notice.private else "")
        assert row["private_reason"] == (notice.private.reason if notice.private else "")
    assert any(r["decision"] == "" for r in table) and any(r["decision"] for r in table)


# --- votes and motions ------------------------------------------------------------------------


def written(vote: Vote) -> tuple[str, ...]:
    """A vote as votes.csv gives it: counts (the names counted for a recorded vote), casting vote, recorded."""
    counts = [vote.count(choice) for choice in ("in favour", "against", "abstained")]
    return (
        *("" if n is None else str(n) for n in counts),
        vote.casting_vote or "",
        "true" if vote.recorded else "false",
    )


def test_decision_data_one_row_per_vote_and_each_links_to_the_vote_on_its_page(built, fixture):
    expected: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for meeting, minute, vote in fixture_votes(fixture):
        expected.setdefault((meeting, str(minute)), []).append(written(vote))
    table = rows(built, "votes")
    found: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for row in table:
        found.setdefault((row["meeting"], row["minute"]), []).append(
            (row["in_favour"], row["against"], row["abstained"], row["casting_vote"], row["recorded"])
        )
    assert found == expected
    assert any(v[3] for votes in expected.values() for v in votes), "the fixture should have a casting vote"
    for row in table:
        assert row["outcome"] in ("carried", "lost", "withdrawn")
        page, _, anchor = row["url"].partition("#")
        slug = MinuteNumber(row["minute"]).slug  # P20 is at .../minutes/p20/
        assert page.endswith(f"/meetings/{row['meeting']}/minutes/{slug}/")
        minute_page = (built / "meetings" / row["meeting"] / "minutes" / slug / "index.html").read_text()
        assert f'id="{anchor}"' in minute_page, row["url"]


def test_decision_data_recorded_votes_match_the_minutes(built, fixture):
    expected = Counter(
        (meeting, str(minute), person, choice)
        for meeting, minute, vote in fixture_votes(fixture)
        if vote.recorded
        for choice, person in vote.recorded.choices()
    )
    assert expected, "the fixture should have recorded votes"
    table = rows(built, "recorded_votes")
    assert Counter((r["meeting"], r["minute"], r["person"], r["vote"]) for r in table) == expected
    votes = {(r["meeting"], r["minute"], r["question"]): r for r in rows(built, "votes")}
    for row in table:
        assert row["person_name"] == fixture.people[row["person"]].display_name
        vote = votes[(row["meeting"], row["minute"], row["question"])]  # the same question, as votes.csv names it
        assert vote["recorded"] == "true" and vote["url"] == row["url"] and vote["outcome"] == row["outcome"]


def test_decision_data_motions_and_amendments(built, fixture):
    expected = []
    for meeting in fixture.meetings.values():
        for item in meeting.minutes:
            if item.exempt is None and published(meeting):
                for motion in item.motions:
                    expected += [(meeting.id, "amendment", a.moved_by, a.outcome) for a in motion.amendments]
                    expected.append((meeting.id, "motion", motion.moved_by, motion.outcome))
    assert expected, "the fixture should have a motion"
    table = rows(built, "motions")
    assert Counter((r["meeting"], r["kind"], r["moved_by"], r["outcome"]) for r in table) == Counter(expected)
    for row in table:
        anchor = row["url"].partition("#")[2]
        slug = MinuteNumber(row["minute"]).slug
        page = (built / "meetings" / row["meeting"] / "minutes" / slug / "index.html").read_text()
        assert f'id="{anchor}"' in page
    (motion,) = [r for r in table if r["kind"] == "motion"]
    assert motion["substantive"] and motion["voted"] == "true"


def test_decision_data_popolo_vote_events_count_the_votes(built, fixture):
    popolo = json.loads((built / "data/popolo.json").read_text())
    events, motions = popolo["vote_events"], popolo["motions"]
    persons = {p["id"] for p in popolo["persons"]}
    assert len(events) == len(fixture_votes(fixture))
    motion_ids = {m["id"] for m in motions}
    assert len(motion_ids) == len(motions)
    options = {"in favour": "yes", "against": "no", "abstained": "abstain"}
    expected_counts = Counter(
        tuple(sorted((options[c], v.count(c)) for c in options if v.count(c) is not None))
        for _, _, v in fixture_votes(fixture)
    )
    assert Counter(tuple(sorted((c["option"], c["value"]) for c in e["counts"])) for e in events) == expected_counts
    for event in events:
        assert event["motion_id"] in motion_ids
        assert event["result"] in ("pass", "fail")
        if event["votes"]:
            tally = Counter(v["option"] for v in event["votes"])
            assert {c["option"]: c["value"] for c in event["counts"]} == {k: n for k, n in tally.items()}
            assert {v["voter_id"] for v in event["votes"]} <= persons
    recorded = [e for e in events if e["votes"]]
    assert len(recorded) == sum(1 for _, _, v in fixture_votes(fixture) if v.recorded)
    for m in motions:
        assert m["organization_id"] in {o["id"] for o in popolo["organizations"]}
        assert m["classification"] in ("motion", "amendment", "resolution")


def test_decision_data_ocd_vote_events(built, fixture):
    events = json.loads((built / "data/ocd-votes.json").read_text())
    assert len(events) == len(fixture_votes(fixture))
    names = {p.display_name for p in fixture.people.values()}
    for event in events:
        assert event["result"] in ("pass", "fail") and event["bill"] is None and event["motion_text"]
        assert {c["option"] for c in event["counts"]} <= {"yes", "no", "abstain"}
        for vote in event["votes"]:
            assert vote["voter_name"] in names and vote["option"] in ("yes", "no", "abstain")
    assert any("amendment-passage" in e["motion_classification"] for e in events)


def test_decision_data_the_data_package_validates_and_describes_the_new_datasets(built):
    report = Package(str(built / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((built / "data/datapackage.json").read_text())
    names = {r["name"] for r in package["resources"]}
    assert {"decisions", "forward_plan", "votes", "recorded_votes", "motions"} <= names
    page = (built / "data/index.html").read_text()
    for name in ("decisions", "forward_plan", "votes", "recorded_votes", "motions"):
        assert f'id="{name}"' in page and f"/data/{name}.csv" in page


# --- feeds and the calendar -------------------------------------------------------------------


def test_decision_data_the_decisions_feed(built, fixture):
    data = (built / "decisions/feed.xml").read_bytes()
    ET.fromstring(data)
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    decisions = {d.id: d for d in fixture.decisions.values() if published(d)}
    assert sorted(e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries) == sorted(decisions)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    by_id = {e.link.rstrip("/").rsplit("/", 1)[-1]: e for e in feed.entries}
    open_row = next(r for r in rows(built, "decisions") if r["status"] == "open to call-in")
    assert "open to call-in until 19 March 2025" in by_id[open_row["id"]].summary
    for d in decisions.values():
        entry = by_id[d.id]
        assert entry.title == f"Decision: {d.title}"
        assert entry.updated_parsed[:3] >= d.date.timetuple()[:3]
        if d.exempt is not None:  # the public summary, as on the page, never the text
            assert normalised(d.public_summary or "") in normalised(entry.summary)
            assert normalised(d.decision) not in normalised(entry.summary)
    site = feedparser.parse((built / "feed.xml").read_bytes())
    assert {e.id for e in feed.entries} <= {e.id for e in site.entries}


def test_decision_data_the_forward_plan_feed(built, fixture):
    data = (built / "forward-plan/feed.xml").read_bytes()
    ET.fromstring(data)
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    notices = {n.id: n for n in fixture.notices.values() if published(n)}
    by_id = {e.link.rstrip("/").rsplit("/", 1)[-1]: e for e in feed.entries}
    assert sorted(by_id) == sorted(notices)
    for notice_id, entry in by_id.items():
        assert entry.updated_parsed[:3] == notices[notice_id].published.timetuple()[:3]
        assert notices[notice_id].title in entry.title


def test_decision_data_the_forward_plan_calendar(built, fixture):
    notices = {n.id: n for n in fixture.notices.values() if published(n)}
    calendar = icalendar.Calendar.from_ical((built / "forward-plan/meetings.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(notices)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        notice_id = str(event["url"]).rstrip("/").rsplit("/", 1)[-1]
        notice = notices[notice_id]
        start = event.decoded("dtstart")
        assert start == notice.expected and not isinstance(start, dt.datetime)  # all day
        assert str(event["summary"]) == notice.title
        assert event.decoded("dtstamp") == dt.datetime.combine(notice.published, dt.time(), tzinfo=dt.UTC)
    assert re.search(r"Forward Plan", str(calendar["x-wr-calname"]))
