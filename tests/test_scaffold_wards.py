"""`minutebook new ward` and `minutebook new person --ward`: files that pass `check` as written,
and plain one-line refusals."""

from __future__ import annotations

import pytest

from minutebook.cache import ParsedFiles
from minutebook.errors import Problems
from minutebook.load import load_one
from minutebook.model import Person, Ward
from tests.conftest import run_cli


def _load(site, relative, cls):  # type: ignore[no-untyped-def]
    problems = Problems(root=site.content)
    record = load_one(site.content / relative, cls, problems, ParsedFiles(), relative)
    assert record is not None
    return record


def test_new_ward_and_a_councillor_for_it_pass_check(site):
    ward = site.run("new", "ward", "castle", 'Castle "Old Town"', "--seats", "3")
    assert ward.code == 0, ward.stderr
    text = (site.content / "wards/castle.yaml").read_text()
    assert text.startswith("# ") and "docs/authoring.md" in text
    loaded = _load(site, "wards/castle.yaml", Ward)
    assert (loaded.name, loaded.kind, loaded.seats, loaded.description) == ('Castle "Old Town"', "ward", 3, None)
    person = site.run("new", "person", "cllr-grey", "Jo Grey", "--ward", "castle", "--since", "2015-05-08")
    assert person.code == 0, person.stderr
    grey = _load(site, "people/cllr-grey.yaml", Person)
    assert [(t.start.isoformat(), t.ward, t.how, t.end) for t in grey.terms] == [
        ("2015-05-08", "castle", "elected", None)
    ]
    assert grey.kind == "councillor" and grey.honorific == "Councillor"
    check = site.run("check")
    assert check.code == 0, check.stderr
    assert "castle" not in check.stderr
    built = site.run("build", "--output", str(site.root / "out"), "--as-of", "2015-06-01T12:00")
    assert built.code == 0, built.stderr
    page = (site.root / "out/wards/castle/index.html").read_text()
    assert "Castle &#34;Old Town&#34;" in page or "Castle &quot;Old Town&quot;" in page
    assert "Jo Grey" in page and "Councillors now" in page


def test_new_ward_of_another_kind_without_seats(site):
    result = site.run("new", "ward", "north-division", "North", "--kind", "electoral division")
    assert result.code == 0, result.stderr
    loaded = _load(site, "wards/north-division.yaml", Ward)
    assert (loaded.kind, loaded.seats) == ("electoral division", None)
    assert site.run("check").code == 0


def test_new_person_with_a_ward_but_no_start_leaves_the_term_for_the_clerk(site):
    assert site.run("new", "ward", "castle", "Castle").code == 0
    result = site.run("new", "person", "cllr-grey", "Jo Grey", "--ward", "castle")
    assert result.code == 0, result.stderr
    assert "--since" in result.stdout and "start:" in result.stdout  # the note says what is left to do
    text = (site.content / "people/cllr-grey.yaml").read_text()
    assert "#   - start: YYYY-MM-DD" in text and "#     ward: castle" in text
    assert _load(site, "people/cllr-grey.yaml", Person).terms == []
    check = site.run("check")
    assert check.code == 0, check.stderr
    # uncommented with a start, as the note says, the term is valid
    path = site.content / "people/cllr-grey.yaml"
    path.write_text(
        text.replace("# terms:", "terms:").replace("#   - start: YYYY-MM-DD", "  - start: 2015-05-08")
        .replace("#     ward: castle", "    ward: castle").replace("#     how: elected", "    how: elected")
    )  # fmt: skip
    assert [t.ward for t in _load(site, "people/cllr-grey.yaml", Person).terms] == ["castle"]
    check = site.run("check")
    assert check.code == 0, check.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["ward", "Castle", "Castle"], '"Castle" is not a valid ward id'),
        (["ward", "castle", "  "], "give the ward's name on one line"),
        (["ward", "castle", "Castle", "--seats", "two"], '"two" is not a number of seats'),
        (["ward", "castle", "Castle", "--seats", "0"], '"0" is not a number of seats'),
        (["person", "cllr-grey", "Jo Grey", "--ward", "castel"], 'there is no ward "castel"'),
        (["person", "cllr-grey", "Jo Grey", "--ward", "Castle"], '"Castle" is not a valid ward id'),
        (["person", "cllr-grey", "Jo Grey", "--ward", "castle", "--since", "8/5/2015"], '"8/5/2015" is not a date'),
        (["person", "ann-grey", "Ann Grey", "--kind", "officer", "--ward", "castle"], "only a councillor"),
        (["person", "cllr-grey", "Jo Grey", "--since", "2015-05-08"], "--since needs --ward"),
    ],
)  # fmt: skip
def test_new_ward_and_person_refuse_bad_input_in_one_line(site, args, message):
    site.write("wards/castle.yaml", "name: Castle\n")
    result = site.run("new", *args)
    assert result.code == 1
    assert result.stderr.startswith(f"minutebook new {args[0]}: ") and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in (site.content / "wards").iterdir()) == ["castle.yaml"]
    assert not (site.content / "people" / f"{args[1]}.yaml").exists()


def test_new_person_suggests_the_ward_meant(site):
    assert site.run("new", "ward", "castle", "Castle").code == 0
    result = site.run("new", "person", "cllr-grey", "Jo Grey", "--ward", "castel")
    assert result.code == 1 and '(did you mean "castle"?)' in result.stderr


def test_new_ward_never_overwrites(site):
    assert site.run("new", "ward", "castle", "Castle").code == 0
    path = site.content / "wards/castle.yaml"
    path.write_text(path.read_text() + "# the clerk's own words\n")
    again = site.run("new", "ward", "castle", "Castle Ward")
    assert again.code == 1 and "Traceback" not in again.stderr
    assert again.stderr.splitlines()[0] == f"{path.relative_to(site.root)} already exists; nothing was written."
    assert path.read_text().endswith("# the clerk's own words\n")


def test_new_ward_has_help():
    result = run_cli("new", "ward", "--help")
    assert result.code == 0 and "usage: minutebook new ward" in result.stdout and "--seats" in result.stdout
    person = run_cli("new", "person", "--help")
    assert person.code == 0 and "--ward" in person.stdout and "--since" in person.stdout
