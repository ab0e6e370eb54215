"""Planning applications decided at committee, in the Borsetshire fixture council (its Planning
Committee of 3 October 2024 decided three): the planning decisions list, each application's page
with its speakers, vote and decision, the minute that records it linking to it, search and the
open data. A draft or embargoed application is never published."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import BORSETSHIRE, BORSETSHIRE_AS_OF, build_borsetshire, run_cli

MEETING = "planning-2024-10-03"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("borsetshire-planning") / "public"
    result = build_borsetshire(out, "--no-search")
    assert result.code == 0, result.stderr
    assert result.stderr == "", "the fixture council must build without warnings"
    return out


def html_of(built: Path, url: str) -> str:
    return (built / url.strip("/") / "index.html").read_text(encoding="utf-8")


def text_of(built: Path, url: str) -> str:
    main = html_of(built, url).split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_planning_fixture_checks_without_a_problem_or_a_warning():
    result = run_cli("check", "--content", str(BORSETSHIRE), "--as-of", BORSETSHIRE_AS_OF + "T12:00")
    assert result.code == 0 and "0 warnings" in result.stdout, result.stderr


def test_planning_list_shows_each_decision_and_where_members_went_against_the_officer(built):
    page = text_of(built, "planning")
    rows = page.split("2024", 1)[1]
    assert (
        "24/0412/FUL: Land north of Stonebury Road, Ashcott Green Granted with conditions Site in Ashcott Green. "
        "Decided at Planning Committee, 3 October 2024." in rows
    )
    assert (
        "24/0538/FUL: The Red Lion, 14 High Street, Kingsford Refused Site in Kingsford Central. Decided at "
        "Planning Committee, 3 October 2024. Against the officer's recommendation , which was to approve with "
        "conditions." in rows
    )
    assert (
        "24/0617/OUT: Land at Brook Farm, Brook Lane, Hadley Cross Deferred Site in Hadley Cross. Considered at" in rows
    )
    assert rows.count("Against the officer's recommendation") == 1  # a deferral decides nothing
    references = ["24/0412/FUL", "24/0538/FUL", "24/0617/OUT"]  # the meeting's minutes P20, P21 and P22
    assert [rows.find(r) for r in references] == sorted(rows.find(r) for r in references)
    listing = html_of(built, "planning")
    for ident in ("24-0412-ful", "24-0538-ful", "24-0617-out"):
        assert f'href="/planning/{ident}/"' in listing
    assert 'class="tag tag--planning-refused"' in listing
    home = html_of(built, "")
    assert '<a href="/planning/">Planning decisions</a>' in home


def test_planning_application_page_shows_speakers_vote_decision_and_the_minute(built):
    page = text_of(built, "planning/24-0538-ful")
    assert (
        "Against the officer's recommendation: the planning officer recommended that the committee approve with conditions."
        in page
    )
    assert "Officer's recommendation Approve with conditions Decision Refused" in page
    assert "Ward Kingsford Central" in page
    speakers = page.split("Who spoke", 1)[1].split("The vote", 1)[0]
    assert (
        "For the application Ruth Osei (applicant) Against the application Councillor Jean Marsh, Kingsford Town "
        "Council (parish or town council) Alan Brereton (objector)" in speakers
    )
    vote = page.split("The vote", 1)[1]
    assert "Votes: 3 in favour, 1 against, 1 abstained." in vote
    assert "In favour (3) Councillor Caroline Rudd , Councillor Neil Harrowby and Councillor Owen Venning" in vote
    assert "Against (1) Councillor Derek Farrant Abstained (1) Councillor Josephine Tennant" in vote
    html = html_of(built, "planning/24-0538-ful")
    assert f'href="/meetings/{MEETING}/#minute-p21"' in html
    assert 'href="https://www.borsetshire.example/planning/applications/24-0538-FUL"' in html
    assert 'href="/wards/kingsford-central/"' in html and 'href="/people/cllr-farrant/"' in html
    granted = text_of(built, "planning/24-0412-ful")
    assert "Votes: 4 in favour, 1 against, 0 abstained." in granted
    assert "For the application Daniel Price, Wessex Planning Associates (agent)" in granted
    assert "Against the application Margaret Ellery (objector) Tom Hurst (objector)" in granted
    assert "Conditions" in granted and "The Stonebury Road junction to be widened" in granted
    assert "Against the officer's recommendation" not in granted


def test_planning_application_page_is_indexed_with_its_ward_and_decision(built):
    html = html_of(built, "planning/24-0617-out")
    assert "data-pagefind-body" in html
    filters = dict(re.findall(r'data-pagefind-filter="([^"]+)">([^<]*)<', html))
    assert filters == {
        "type": "Planning application",
        "year": "2024",
        "committee": "Planning Committee",
        "ward": "Hadley Cross",
        "planning": "deferred",
    }
    search = html_of(built, "search")
    assert '<option value="Planning application">' in search
    ward = search.split('id="filter-ward"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]+)"', ward) == ["Ashcott Green", "Hadley Cross", "Kingsford Central"]
    decision = search.split('id="filter-planning"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]+)"', decision) == ["deferred", "granted with conditions", "refused"]


def test_planning_the_minute_links_the_applications_it_decided(built):
    minute = text_of(built, f"meetings/{MEETING}/minutes/p21")
    assert "Planning application decided: 24/0538/FUL: The Red Lion, 14 High Street, Kingsford Refused" in minute
    assert 'href="/planning/24-0538-ful/"' in html_of(built, f"meetings/{MEETING}/minutes/p21")
    meeting = html_of(built, f"meetings/{MEETING}")
    for ident in ("24-0412-ful", "24-0538-ful", "24-0617-out"):
        assert meeting.count(f'href="/planning/{ident}/"') == 1
    assert "/planning/" not in html_of(built, "meetings/cabinet-2024-12-10")


def test_planning_minutes_numbered_with_a_letter_are_at_its_lower_case_address(built):
    # The Planning Committee numbers its minutes P18, P19 ...: each minute's page and anchor use
    # the number in lower case, and the page, the meeting and the application show it as printed.
    minute = html_of(built, f"meetings/{MEETING}/minutes/p21")
    assert "<h1>Minute P21: 24/0538/FUL" in minute and 'id="minute-p21"' in minute
    meeting = html_of(built, f"meetings/{MEETING}")
    assert '<span class="minute__number">P21.</span>' in meeting and 'id="minute-p21"' in meeting
    assert f'href="/meetings/{MEETING}/minutes/p21/"' in meeting
    assert '<a href="#minute-p21">Minute P21</a>' in meeting  # from its agenda item
    application = html_of(built, "planning/24-0538-ful")
    assert f'<a href="/meetings/{MEETING}/#minute-p21">Minute P21: 24/0538/FUL' in application
    assert not (built / f"meetings/{MEETING}/minutes/21").exists()


def test_planning_open_data_has_a_row_for_each_application(built):
    rows = {row["id"]: row for row in json.loads((built / "data/planning_applications.json").read_text())}
    assert sorted(rows) == ["24-0412-ful", "24-0538-ful", "24-0617-out"]
    refused = rows["24-0538-ful"]
    assert {k: refused[k] for k in ("reference", "ward", "ward_name", "officer_recommendation", "decision")} == {
        "reference": "24/0538/FUL",
        "ward": "kingsford-central",
        "ward_name": "Kingsford Central",
        "officer_recommendation": "approve with conditions",
        "decision": "refused",
    }
    assert refused["against_recommendation"] is True and rows["24-0617-out"]["against_recommendation"] is False
    assert (refused["speakers_for"], refused["speakers_against"]) == (1, 2)
    assert (refused["in_favour"], refused["against"], refused["abstained"], refused["recorded_vote"]) == (3, 1, 1, True)
    assert (refused["meeting"], refused["minute"], refused["date"], refused["committee"]) == (
        MEETING,
        "P21",
        "2024-10-03",
        "planning",
    )
    assert refused["url"] == "https://democracy.borsetshire.example/planning/24-0538-ful/"
    assert "Ruth Osei" not in json.dumps(rows)  # speakers are counted, not named
    granted = rows["24-0412-ful"]
    assert (granted["in_favour"], granted["against"], granted["recorded_vote"]) == (4, 1, False)
    table = list(csv.DictReader(io.StringIO((built / "data/planning_applications.csv").read_text())))
    assert [row["id"] for row in table] == list(rows)
    package = json.loads((built / "data/datapackage.json").read_text())
    assert "planning_applications" in [resource["name"] for resource in package["resources"]]


APPLICATION = """reference: 15/0001/FUL
site_address: Mill Lane play area
ward: town
proposal: A new play area.
officer_recommendation: approve
decision: granted
decision_reason: In line with the recommendation.
meeting: scrutiny-2015-01-16
minute: 2
"""


def test_planning_a_draft_or_embargoed_application_is_never_published(site):
    site.write("wards/town.yaml", "name: Town\n")
    site.write("planning/15-0001-ful.yaml", APPLICATION + "draft: true\n")
    site.write(
        "planning/15-0002-ful.yaml",
        APPLICATION.replace("15/0001", "15/0002").replace("Mill Lane", "CANARY Lane")
        + "publish_after: 2015-07-01T09:00\n",
    )
    result = site.run("build", "--as-of", "2015-06-01", "--no-search")
    assert result.code == 0, result.stderr
    out = site.root / "public"
    assert not (out / "planning/15-0001-ful").exists() and not (out / "planning/15-0002-ful").exists()
    everything = "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())
    assert "15/0001/FUL" not in everything and "15/0002/FUL" not in everything
    published = json.loads((out / "data/planning_applications.json").read_text())
    assert [row["reference"] for row in published] == ["15/0042/FUL"]  # the minimal site's own
    published = site.run("build", "--as-of", "2015-07-02", "--no-search")
    assert published.code == 0, published.stderr
    assert (out / "planning/15-0002-ful/index.html").is_file() and not (out / "planning/15-0001-ful").exists()


def test_planning_a_portal_address_that_would_run_script_is_refused_at_its_line(site):
    # tests/test_injection.py finds every link field in the minimal site, which has no planning
    # application: the portal's own check is here.
    site.write("wards/town.yaml", "name: Town\n")
    site.write("planning/15-0001-ful.yaml", APPLICATION + "portal: javascript:alert(1)\n")
    result = site.run("check")
    assert result.code == 1
    assert (
        'content/planning/15-0001-ful.yaml:10: "portal": the address "javascript:alert(1)" starts with "javascript:"'
        in result.stderr
    )


def test_planning_markup_in_an_application_is_published_as_text(site):
    markup = '<script>alert("INJECTED")</script>'
    site.write("wards/town.yaml", "name: Town\n")
    site.write(
        "planning/15-0001-ful.yaml",
        APPLICATION.replace("Mill Lane play area", f"'{markup} Mill Lane'").replace("A new play area.", markup)
        + f"speakers:\n  - name: '{markup}'\n    side: for\n    role: applicant\n",
    )
    result = site.run("build", "--as-of", "2015-06-01", "--no-search")
    assert result.code == 0, result.stderr
    for url in ("planning", "planning/15-0001-ful", "meetings/scrutiny-2015-01-16"):
        page = (site.root / "public" / url / "index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page, url
