"""Councillors as open data: parties, wards, terms of office, posts, registers of interests and
gifts of the built Borsetshire fixture council, in CSV, JSON and Popolo. Expected values are
worked out from the fixture's own files, read as written; what is private (a sensitive
interest, a home address or private phone not agreed to be published) is never in the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from frictionless import Package

from minutebook import opendata
from minutebook.errors import Problems
from minutebook.load import load_content
from minutebook.model import Content, Person
from minutebook.relations import Relations
from minutebook.urls import Urls
from tests.conftest import BORSETSHIRE, BORSETSHIRE_AS_OF, build_borsetshire

AS_OF = dt.date.fromisoformat(BORSETSHIRE_AS_OF)
BASE = "https://democracy.borsetshire.example/"
COUNCIL = "council:democracy.borsetshire.example"
CANARIES = (b"CANARY-SENSITIVE-INTEREST", b"CANARY-HOME-ADDRESS", b"CANARY-HOME-PHONE")
PEOPLE_DATASETS = ("people", "wards", "terms", "posts", "registered_interests", "gifts")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("people-data") / "public"
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


def rows(built: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((built / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


def covers(start: dt.date, end: dt.date | None) -> bool:
    return start <= AS_OF and (end is None or end >= AS_OF)


def councillors(fixture: Content) -> list[Person]:
    return [p for p in fixture.people.values() if p.kind == "councillor"]


def test_people_data_has_no_private_details_in_any_data_file(built, fixture):
    # The canaries are in the fixture's files, so that this test can fail.
    written = b"".join(path.read_bytes() for path in (BORSETSHIRE / "people").glob("*.yaml"))
    assert all(canary in written for canary in CANARIES)
    files = sorted((built / "data").iterdir())
    assert len(files) > 2 * len(PEOPLE_DATASETS)
    for path in files:
        data = path.read_bytes()
        for canary in CANARIES:
            assert canary not in data, f"{canary.decode()} in data/{path.name}"


def test_people_data_people_have_party_ward_and_whether_in_office(built, fixture):
    table = {r["id"]: r for r in rows(built, "people")}
    assert set(table) <= set(fixture.people)
    wards = fixture.wards
    for person in councillors(fixture):
        row = table[person.id]
        assert row["party"] == (person.party or "") and row["group"] == (person.group or "")
        now = [t for t in person.terms if covers(t.start, t.end)]
        assert row["current"] == ("true" if now else "false"), person.id
        term = now[-1] if now else person.terms[-1]
        assert row["ward"] == term.ward and row["ward_name"] == wards[term.ward].name
    assert table["cllr-rutherford"]["current"] == "false"  # resigned on 20 January 2024
    assert table["cllr-rutherford"]["ward"] == "ashcott-green"
    assert table["cllr-rudd"]["current"] == "true"  # elected at the by-election
    officers = [r for r in table.values() if r["kind"] == "officer"]
    assert officers and all(r["current"] == r["ward"] == r["party"] == "" for r in officers)
    published = json.loads((built / "data/people.json").read_text())
    assert next(p for p in published if p["id"] == "cllr-rutherford")["current"] is False
    assert next(p for p in published if p["kind"] == "officer")["current"] is None


def test_people_data_home_address_only_where_agreed(built, fixture):
    table = {r["id"]: r for r in rows(built, "people")}
    agreed = {p.id for p in fixture.people.values() if p.home_public and p.home_address}
    assert agreed == {"cllr-farrant"}
    assert table["cllr-farrant"]["home_address"] == fixture.people["cllr-farrant"].home_address
    assert table["cllr-farrant"]["home_phone"] == fixture.people["cllr-farrant"].home_phone
    held_back = [p for p in fixture.people.values() if p.home_address and not p.home_public]
    assert held_back
    for person in held_back:
        assert table[person.id]["home_address"] == table[person.id]["home_phone"] == ""


def test_people_data_wards_list_their_councillors_now(built, fixture):
    table = rows(built, "wards")
    assert [r["id"] for r in table] == sorted(fixture.wards, key=lambda w: fixture.wards[w].name)
    for row in table:
        ward = fixture.wards[row["id"]]
        assert row["name"] == ward.name and row["kind"] == ward.kind and row["seats"] == str(ward.seats or "")
        assert row["url"] == f"{BASE}wards/{ward.id}/"
        sitting = sorted(
            (p for p in councillors(fixture) if any(t.ward == ward.id and covers(t.start, t.end) for t in p.terms)),
            key=lambda p: p.sort_key,
        )
        assert row["councillors_now"] == "; ".join(p.display_name for p in sitting)
    ashcott = next(r for r in table if r["id"] == "ashcott-green")
    assert "Rudd" in ashcott["councillors_now"] and "Rutherford" not in ashcott["councillors_now"]
    assert (built / "wards" / "ashcott-green" / "index.html").exists(), "the ward's url is a page"


def test_people_data_terms_one_row_each_with_the_party_stood_for(built, fixture):
    table = rows(built, "terms")
    assert len(table) == sum(len(p.terms) for p in fixture.people.values())
    harrowby = [r for r in table if r["person"] == "cllr-harrowby"]
    assert [(r["start"], r["party"], r["end"]) for r in harrowby] == [
        ("2019-05-03", "Wessex Alliance", "2023-05-04"),
        ("2023-05-05", "Green Party", ""),
    ]
    (rutherford,) = [r for r in table if r["person"] == "cllr-rutherford"]
    assert rutherford["end"] == "2024-01-20" and rutherford["why_ended"] == "resigned"
    assert rutherford["person_name"] == "Councillor Edward Rutherford"
    (rudd,) = [r for r in table if r["person"] == "cllr-rudd"]
    assert rudd["how"] == "by-election" and rudd["ward"] == "ashcott-green"


def test_people_data_posts_and_gifts(built, fixture):
    posts = rows(built, "posts")
    assert len(posts) == sum(len(p.posts) for p in fixture.people.values())
    leader = next(r for r in posts if r["title"] == "Leader of the Council")
    assert leader["person"] == "cllr-ashdown" and leader["kind"] == "leader" and leader["until"] == ""
    gifts = rows(built, "gifts")
    assert len(gifts) == sum(len(p.gifts) for p in fixture.people.values()) > 0
    assert {
        "person": "cllr-lindqvist",
        "person_name": "Councillor Ingrid Lindqvist",
        "date": "2025-01-16",
        "donor": "Kingsford Business Improvement District",
        "description": "Two tickets to the Kingsford Business Awards dinner.",
        "value": "£120",
    } in gifts


def test_people_data_register_lists_a_sensitive_interest_without_its_details(built, fixture):
    table = rows(built, "registered_interests")
    assert len(table) == sum(len(p.register) for p in fixture.people.values())
    sensitive = [r for r in table if r["sensitive"] == "true"]
    written = [(p.id, i) for p in fixture.people.values() for i in p.register if i.sensitive]
    assert len(sensitive) == len(written) > 0
    for row in sensitive:
        assert row["description"] == "" and row["partner"] == "false" and row["category"]
    (land,) = [r for r in sensitive if r["person"] == "cllr-delacroix"]
    assert land["category"] == "land" and land["entered"] == "2023-05-23"
    partner = next(r for r in table if r["person"] == "cllr-okonkwo" and r["partner"] == "true")
    assert partner["description"] == "Staff nurse, Borsetshire Hospitals NHS Foundation Trust."
    records = json.loads((built / "data/registered_interests.json").read_text())
    assert all(r["description"] == "" for r in records if r["sensitive"] is True)


def test_people_data_private_details_left_out_even_of_content_not_withheld(fixture):
    # Belt and braces: the data itself never gives them, whatever reaches it.
    relations, urls = Relations(fixture, AS_OF), Urls(BASE)
    by_name = {d.name: d for d in opendata.DATASETS}
    for name in PEOPLE_DATASETS:
        dataset = by_name[name]
        data = opendata.dataset_csv(dataset, relations, urls) + opendata.dataset_json(dataset, relations, urls)
        for canary in CANARIES:
            assert canary not in data, f"{canary.decode()} in {name}"
    assert not any(canary in opendata.popolo(relations, urls) for canary in CANARIES)


def test_people_data_package_validates_with_its_new_datasets(built):
    report = Package(str(built / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    names = [r["name"] for r in json.loads((built / "data/datapackage.json").read_text())["resources"]]
    assert set(PEOPLE_DATASETS) <= set(names)
    page = (built / "data/index.html").read_text()
    for name in PEOPLE_DATASETS:
        assert f'id="{name}"' in page and f"{name}.csv" in page


def test_people_data_popolo_organisations_areas_and_memberships(built, fixture):
    popolo = json.loads((built / "data/popolo.json").read_text())
    orgs = {o["id"]: o for o in popolo["organizations"]}
    assert len(orgs) == len(popolo["organizations"]), "organisation ids collide"
    # The fixture has a committee called "council" (Full Council): it is not the council itself.
    assert "council" in fixture.committees and orgs["council"]["classification"] == "full council"
    assert orgs[COUNCIL]["classification"] == "council" and "parent_id" not in orgs[COUNCIL]
    for committee in fixture.committees:
        assert orgs[committee]["parent_id"] == COUNCIL
    parties = {p.party for p in fixture.people.values() if p.party}
    parties |= {t.party for p in fixture.people.values() for t in p.terms if t.party}
    assert {o["name"] for o in orgs.values() if o["classification"] == "party"} == parties
    assert orgs["party:borsetshire-progressives"]["name"] == "Borsetshire Progressives"
    assert popolo["areas"] == [
        {"id": w.id, "name": w.name, "classification": w.kind}
        for w in sorted(fixture.wards.values(), key=lambda w: w.name)
    ]
    areas = {a["id"] for a in popolo["areas"]}
    persons = {p["id"] for p in popolo["persons"]}
    for m in popolo["memberships"]:
        assert m["organization_id"] in orgs and m["person_id"] in persons
        assert m.get("area_id") is None or m["area_id"] in areas
        assert m.get("on_behalf_of_id") is None or orgs[m["on_behalf_of_id"]]["classification"] == "party"
    for item in popolo["motions"] + popolo["vote_events"]:
        assert item["organization_id"] in fixture.committees and item["organization_id"] in orgs
    of_council = [m for m in popolo["memberships"] if m["organization_id"] == COUNCIL]
    harrowby = [m for m in of_council if m["person_id"] == "cllr-harrowby" and m["role"] == "councillor"]
    assert harrowby == [
        {
            "person_id": "cllr-harrowby",
            "organization_id": COUNCIL,
            "role": "councillor",
            "label": "Councillor for Hadley Cross",
            "area_id": "hadley-cross",
            "on_behalf_of_id": "party:wessex-alliance",
            "start_date": "2019-05-03",
            "end_date": "2023-05-04",
        },
        {
            "person_id": "cllr-harrowby",
            "organization_id": COUNCIL,
            "role": "councillor",
            "label": "Councillor for Hadley Cross",
            "area_id": "hadley-cross",
            "on_behalf_of_id": "party:green-party",
            "start_date": "2023-05-05",
            "end_date": None,
        },
    ]
    assert sum(1 for m in of_council if m["role"] == "councillor") == sum(
        len(p.terms) or 1 for p in councillors(fixture)
    )
    assert {
        "person_id": "cllr-ashdown",
        "organization_id": COUNCIL,
        "role": "leader",
        "label": "Leader of the Council",
        "start_date": "2023-05-17",
        "end_date": None,
    } in of_council
    assert {"person_id": "cllr-harrowby", "organization_id": "party:green-party", "role": "member"} in popolo[
        "memberships"
    ]


def test_people_data_popolo_is_the_same_from_build_to_build(built, tmp_path):
    again = tmp_path / "again"
    result = build_borsetshire(again, "--no-search")
    assert result.code == 0, result.stderr
    for name in ("popolo.json", *(f"{d}.csv" for d in PEOPLE_DATASETS)):
        assert (again / "data" / name).read_bytes() == (built / "data" / name).read_bytes(), name


def test_people_data_a_committee_called_council_is_not_the_council(site):
    site.write(
        "committees/council.yaml",
        "name: Full Council\nshort_name: Council\nkind: full council\nmembers:\n"
        "  - person: cllr-green\n    role: chair\n",
    )
    result = site.run("build", "--no-search", "--as-of", "2015-06-01")
    assert result.code == 0, result.stderr
    popolo = json.loads((site.root / "public" / "data" / "popolo.json").read_text())
    ids = [o["id"] for o in popolo["organizations"]]
    assert len(ids) == len(set(ids)), ids
    orgs = {o["id"]: o for o in popolo["organizations"]}
    assert orgs["council"]["name"] == "Full Council" and orgs["council"]["parent_id"] == "council:example.org"
    assert orgs["council:example.org"] == {
        "id": "council:example.org",
        "name": "Example Borough Council",
        "classification": "council",
        "links": [{"url": "https://example.org/council/", "note": "this site"}],
    }
    assert orgs["scrutiny"]["parent_id"] == "council:example.org"
    assert {
        "person_id": "cllr-green",
        "organization_id": "council",
        "role": "chair",
        "start_date": None,
        "end_date": None,
    } in popolo["memberships"]
