"""Reusing the last build's work never changes the output: after every edit the schema allows,
the cached build and the preview give exactly what a build from scratch in a fresh folder gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from minutebook.errors import ContentErrors
from minutebook.cache import MemoryCache
from minutebook.pipeline import BuildOptions, build, quick_look
from tests.conftest import MINIMAL, ROOT
from tests.edits import Edit, field_edits, file_edits
from tests.files import make_pdf

AS_OF = dt.datetime(2015, 6, 1, 12, 0)
CABINET = """name: Cabinet
short_name: Cabinet
kind: executive
members:
  - person: cllr-brown
    role: chair
"""
# A Cabinet decision on its Forward Plan notice, called in and reconsidered, and a ward with a
# councillor: the record types of decisions and councillors, for every edit to reach.
DECISION = """title: Play area charges
committee: cabinet
date: 2015-01-20
decision: That play areas stay free.
key_decision: true
notice: play-area-charges
published: 2015-01-22
interests:
  - person: cllr-green
    description: Lives next to a play area.
call_in:
  requested: 2015-01-26
  by: [cllr-green]
  outcome: referred back
  outcome_date: 2015-02-10
  reconsidered:
    date: 2015-02-17
    result: confirmed
"""
NOTICE = """title: Play area charges
committee: cabinet
published: 2014-12-01
expected: 2015-01-20
"""
WARD = "name: Town\nseats: 2\n"
TERM = "terms:\n  - start: 2011-05-06\n    ward: town\nparty: Independent\n"
PACK = "documents:\n  - title: Agenda pack\n    file: pack.pdf\n"  # a file kept in content/documents/
GLOSSARY = """terms:
  - term: Scrutiny
    definition: Looking closely at decisions.
    also: [scrutinise]
"""

Outcome = dict[str, bytes] | list[str]  # the output files, or the problems reported


def make_site(root: Path) -> Path:
    """The minimal fixture site with a second committee, a glossary, a decision, a Forward Plan
    notice and a ward, so that every record type and relations between committees are there to
    edit."""
    shutil.copytree(MINIMAL, root / "content")
    shutil.copytree(ROOT / "layouts", root / "layouts")
    shutil.copytree(ROOT / "assets", root / "assets")
    (root / "content/committees/cabinet.yaml").write_text(CABINET)
    (root / "content/glossary.yaml").write_text(GLOSSARY)
    for relative, text in (
        ("decisions/play-area-charges.yaml", DECISION),
        ("forward-plan/play-area-charges.yaml", NOTICE),
        ("wards/town.yaml", WARD),
    ):
        (root / "content" / relative).parent.mkdir(exist_ok=True)
        (root / "content" / relative).write_text(text)
    brown = root / "content/people/cllr-brown.yaml"
    brown.write_text(brown.read_text() + TERM)
    (root / "content/documents").mkdir()
    (root / "content/documents/pack.pdf").write_bytes(make_pdf([["Agenda pack.", "Play areas."]]))
    meeting = root / "content/meetings/scrutiny-2015-01-16.yaml"
    meeting.write_text(meeting.read_text() + PACK)
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outcome(run, folder: Path) -> Outcome:  # type: ignore[no-untyped-def]
    try:
        run()
    except ContentErrors as exc:
        return [error.format() for error in exc.errors]
    return tree(folder)


def from_scratch(site: Path, scratch: Path) -> Outcome:
    """The truth: the same files built in a fresh folder with no cache at all."""
    shutil.rmtree(scratch, ignore_errors=True)
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(site / folder, scratch / folder)
    options = BuildOptions(root=scratch, as_of=AS_OF, search=False, cache=None)
    return outcome(lambda: build(options), scratch / "public")


class Builds:
    """The two fast paths: a build with the cache on disk, and the preview's rebuild."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.options = BuildOptions(root=site, as_of=AS_OF, search=False, cache=site / "cache")
        self.preview_options = dataclasses.replace(self.options, output=Path("preview"), swap=False, cache=None)
        self.preview_cache = MemoryCache()

    def cached(self) -> Outcome:
        return outcome(lambda: build(self.options), self.site / "public")

    def previewed(self) -> Outcome:
        return outcome(lambda: build(self.preview_options, cache=self.preview_cache), self.site / "preview")

    def quick_look(self, edited: set[Path]) -> dict[str, bytes]:
        """The files the preview's quick look wrote before its build (serve.py runs the two in turn)."""
        before = tree(self.site / "preview")
        quick_look(self.preview_options, self.preview_cache, edited)
        return {name: data for name, data in tree(self.site / "preview").items() if before.get(name) != data}


def differences(got: Outcome, truth: Outcome) -> str:
    if isinstance(got, list) or isinstance(truth, list):
        return (
            ""
            if got == truth
            else f"{got[:2] if isinstance(got, list) else 'built'} != {truth[:2] if isinstance(truth, list) else 'built'}"
        )
    names = sorted(set(got) ^ set(truth)) + [name for name in truth if name in got and got[name] != truth[name]]
    return ", ".join(names[:5])


def quick_look_differences(written: dict[str, bytes], truth: Outcome) -> str:
    """Each file the quick look wrote must be the one a build from scratch writes."""
    if isinstance(truth, list):
        return ""  # the build that follows shows the problems instead of any page
    return ", ".join(name for name, data in written.items() if truth.get(name) != data)


def check_edits(tmp_path: Path, edits: list[Edit], looked: list[str] | None = None) -> list[str]:
    """Every way an edit's result differs from the truth; ``looked`` gathers the edits the quick
    look answered."""
    site = make_site(tmp_path / "site")
    builds = Builds(site)
    builds.cached(), builds.previewed()
    failures = []
    for edit in edits:
        before = {path: path.read_bytes() for path in (site / "content").rglob("*") if path.is_file()}
        edit.apply(site / "content")
        after = {path: path.read_bytes() for path in (site / "content").rglob("*") if path.is_file()}
        edited = {path.resolve() for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
        truth = from_scratch(site, tmp_path / "scratch")
        written = builds.quick_look(edited)
        if written and looked is not None:
            looked.append(str(edit))
        wrong = quick_look_differences(written, truth)
        if wrong:
            failures.append(f"{edit}: the preview's quick look wrote what a build from scratch does not: {wrong}")
        for name, got in (("cached build", builds.cached()), ("preview", builds.previewed())):
            wrong = differences(got, truth)
            if wrong:
                failures.append(f"{edit}: the {name} differs from a build from scratch: {wrong}")
        shutil.rmtree(site / "content")
        for path, data in before.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return failures


def test_reuse_every_one_line_edit_gives_what_a_build_from_scratch_gives(tmp_path):
    edits = field_edits(make_site(tmp_path / "listing") / "content")
    assert len(edits) > 100  # every field of every record type of the fixture site
    looked: list[str] = []
    assert check_edits(tmp_path, edits, looked) == []
    # The quick look answered most edits to a record's own file (not site.yaml or the glossary),
    # so the comparison above is not vacuous.
    of_records = [edit for edit in edits if not str(edit).startswith(("site.yaml", "glossary.yaml"))]
    assert len(looked) > len(of_records) / 2


def test_reuse_adding_deleting_and_renaming_a_file_of_each_type(tmp_path):
    edits = file_edits(make_site(tmp_path / "listing") / "content")
    # committees, people, meetings, reports, pages, matters, decisions, forward-plan, wards,
    # planning, reviews, recommendations
    assert len(edits) == 3 * 12
    assert check_edits(tmp_path, edits) == []


def one_edit(relative: str, old: str, new: str) -> Edit:
    def apply(content: Path) -> None:
        path = content / relative
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new, 1))

    return Edit(f"{relative}: {old!r} -> {new!r}", apply)


def write_file(relative: str, data: bytes | None) -> Edit:
    def apply(content: Path) -> None:
        path = content / "documents" / relative
        if data is None:
            path.unlink()
        else:
            path.write_bytes(data)

    return Edit(f"documents/{relative}: {'deleted' if data is None else 'written'}", apply)


def test_reuse_changing_adding_and_deleting_a_document_file(tmp_path):
    edits = [
        write_file("pack.pdf", make_pdf([["Agenda pack.", "Play areas, revised."], ["A second page."]])),
        write_file("pack.pdf", None),  # the meeting lists a file no longer there: an error
        write_file("notes.txt", b"Not listed by any record."),
    ]
    assert check_edits(tmp_path, edits) == []


@pytest.mark.parametrize(
    "edit",
    [
        # A review by another committee promises reports to Cabinet: Cabinet's page lists them.
        one_edit("reviews/play-areas/review.md", "    to: scrutiny\n", "    to: cabinet\n"),
        # A declaration by someone not in attendance appears on their page.
        one_edit(
            "meetings/scrutiny-2015-03-13.yaml",
            "status: scheduled\n",
            "status: scheduled\ndeclarations:\n  - {person: ms-white, interest: personal, description: A neighbour.}\n",
        ),
        # A renamed matter is renamed on the meeting and minute pages that name it.
        one_edit("matters/play-areas.yaml", "title: Play areas", "title: Play areas in the borough"),
    ],
    ids=["promised-report-to-another-committee", "declaration-by-someone-not-attending", "matter-renamed"],
)
def test_reuse_regressions_found_in_review(tmp_path, edit):
    assert check_edits(tmp_path, [edit]) == []
