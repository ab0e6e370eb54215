"""The build cache: a rebuild renders only the pages whose key changed, and its output is exactly
what a build from scratch in a fresh folder gives, whatever state the cache is in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
import pickle
import shlex
import shutil
import typing
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from markdown_it import MarkdownIt

from minutebook import load, search, stored
from minutebook.cache import Entries, MemoryCache, ParsedFiles, Record
from minutebook.errors import ContentErrors, Problems
from minutebook.model import Meeting, Slug, Src
from minutebook.page import Made, OutputFile, digest_of
from minutebook.pipeline import BuildOptions, build, check
from tests.conftest import STRATHBRAE

AS_OF = dt.datetime(2015, 6, 1, 12, 0)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_build_from_scratch(site, options: BuildOptions, tmp_path: Path, output: str = "public") -> None:
    """The truth is the same files built in a fresh folder with no cache at all."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(site.root / folder, fresh / folder)
    build(dataclasses.replace(options, root=fresh, cache=None, output=Path("public"), swap=True))
    cached, truth = tree(site.root / output), tree(fresh / "public")
    assert sorted(cached) == sorted(truth)
    assert [name for name in truth if cached[name] != truth[name]] == []


def edit(site, relative: str, old: str, new: str) -> None:
    path = site.content / relative
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))


@pytest.fixture
def options(site, tmp_path):  # type: ignore[no-untyped-def]
    return BuildOptions(root=site.root, as_of=AS_OF, search=False, cache=tmp_path / "cache")


def test_cache_a_rebuild_renders_only_the_pages_an_edit_affects(site, options, tmp_path):
    first = build(options)
    assert first.reused == 0
    edit(site, "meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    second = build(options)
    assert 0 < second.reused < first.pages
    assert (
        "There were no apologies at all." in (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
    )
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_with_nothing_changed_writes_nothing_and_reuses_the_search_index(site, tmp_path, monkeypatch):
    options = BuildOptions(root=site.root, as_of=AS_OF, cache=tmp_path / "cache")
    build(options)
    before = tree(site.root / "public")
    runs: list[Path] = []
    monkeypatch.setattr(search, "index_site", lambda folder, *parts: runs.append(folder))
    again = build(options)
    assert runs == [] and again.written == 0
    assert again.reused >= again.pages
    assert tree(site.root / "public") == before


def test_cache_a_layout_change_renders_everything(site, options):
    build(options)
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    again = build(options)
    assert again.reused == 0
    assert "Skip to the content" in (site.root / "public/index.html").read_text()


def test_cache_an_embargo_that_lifts_is_published_though_no_file_changed(site, tmp_path):
    options = BuildOptions(root=site.root, as_of=dt.datetime(2015, 7, 1, 8, 0), search=False, cache=tmp_path / "cache")
    build(options)
    assert not (site.root / "public/reviews/play-areas/recommendations/3").exists()
    lifted = dataclasses.replace(options, as_of=dt.datetime(2015, 7, 1, 9, 0))
    build(lifted)
    assert (site.root / "public/reviews/play-areas/recommendations/3/index.html").exists()
    assert_same_as_build_from_scratch(site, lifted, tmp_path)


def test_cache_a_damaged_cache_only_makes_the_build_slower(site, options, tmp_path):
    build(options)
    cache = options.cache
    (cache / "parsed.json").write_bytes(b"not a cache file")
    stored = [path for path in sorted((cache / "files").rglob("*")) if path.is_file()]
    for blob in stored[:5]:
        blob.unlink()
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    assert build(options).reused > 0
    assert_same_as_build_from_scratch(site, options, tmp_path)
    (cache / "made.json").write_bytes(b"\x80\x05garbage")
    assert build(options).reused == 0
    assert_same_as_build_from_scratch(site, options, tmp_path)
    for blob in [path for path in (cache / "files").rglob("*") if path.is_file()]:
        blob.write_bytes(blob.read_bytes() + b"<!-- changed in the cache -->")
    edit(site, "people/cllr-brown.yaml", "name: Browne", "name: Brown")
    build(options)
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_files_stay_intact_after_a_preview_and_builds(site, options):
    """The cache's files are named by their digest: nothing may have written through them."""
    preview = dataclasses.replace(options, output=Path("preview"), swap=False, cache=None)
    memory = MemoryCache()
    build(preview, cache=memory)
    build(options)
    edit(site, "meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    build(preview, cache=memory)
    build(options)
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    build(options)  # most files now come from the cache's copies
    with open(site.root / "public/about/index.html", "a") as published:
        published.write("<!-- edited in public/ by hand -->")
    stored = [path for path in (options.cache / "files").rglob("*") if path.is_file()]
    assert stored and [path.name for path in stored if digest_of(path.read_bytes()) != path.name] == []


def test_cache_can_be_turned_off(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False, cache=None)
    build(options)
    assert build(options).reused == 0
    assert not (site.root / ".cache").exists()


def test_cache_a_file_missing_or_changed_in_the_output_is_written_again(site, options, tmp_path):
    build(options)
    page = site.root / "public/meetings/scrutiny-2015-01-16/index.html"
    page.unlink()
    assert build(options).written > 0
    assert_same_as_build_from_scratch(site, options, tmp_path)
    other = site.root / "public/people/cllr-brown/index.html"
    other.write_text("changed by hand")
    extra = site.root / "public/left-behind.html"
    extra.write_text("not made by this build")
    assert build(options).written > 0
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_a_template_change_renders_pages_again_without_parsing_markdown_again(site, tmp_path, monkeypatch):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False, parallel=False, cache=tmp_path / "cache")
    build(options)
    calls = []
    real_render = MarkdownIt.render
    monkeypatch.setattr(MarkdownIt, "render", lambda self, *args: calls.append(args) or real_render(self, *args))
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    assert build(options).reused == 0
    assert calls == []
    monkeypatch.undo()
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_markdown_follows_what_its_links_and_glossary_terms_show(site, options, tmp_path):
    site.write("glossary.yaml", "terms:\n  - term: play areas\n    definition: Places for children to play.\n")
    build(options)
    edit(site, "people/ann-black.yaml", "name: Ann Black", "name: Ann Blackwood")
    build(options)
    assert "Blackwood" in (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
    assert_same_as_build_from_scratch(site, options, tmp_path)
    site.write("glossary.yaml", "terms:\n  - term: land\n    definition: Ground owned by the council.\n")
    build(options)
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_alone_rebuilds_a_missing_output_without_indexing_again(site, tmp_path, monkeypatch):
    """As in CI, where only the cache folder is kept between runs."""
    options = BuildOptions(root=site.root, as_of=AS_OF, cache=tmp_path / "cache")
    build(options)
    before = tree(site.root / "public")
    shutil.rmtree(site.root / "public")
    runs: list[Path] = []
    monkeypatch.setattr(search, "index_site", lambda folder, *parts: runs.append(folder))
    again = build(options)
    assert runs == [] and again.reused >= again.pages
    assert tree(site.root / "public") == before


def test_cache_build_refuses_a_broken_link_as_check_does(site, options):
    build(options)
    before = tree(site.root / "public")
    site.write("pages/about.md", "---\ntitle: About\n---\nRead the [minutes](/meetings/no-such-meeting/).\n")
    for run in (check, build):
        with pytest.raises(ContentErrors) as raised:
            run(options)
        assert [e.path for e in raised.value.errors] == ["content/pages/about.md"]
        assert "no such page" in raised.value.errors[0].message
    assert tree(site.root / "public") == before  # the published site is untouched


NOTE = "note: the build cache in "


def data_files(cache: Path) -> list[Path]:
    """The cache's own files, whatever their format: everything but the output files in files/."""
    return [path for path in sorted(cache.iterdir()) if path.is_file()]


def notes(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]


class RunsCode:
    """A pickle that runs a shell command when it is read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"echo ran > {shlex.quote(str(self.marker))}",))


def test_cache_a_planted_pickle_is_never_run(site, options, tmp_path, capsys):
    """Whoever can write CI's cache must not be able to run code in the build."""
    build(options)
    marker = tmp_path / "the-cache-ran-code"
    planted = pickle.dumps(RunsCode(marker))
    for path in [*data_files(options.cache), *(options.cache / name for name in ("parsed.pickle", "made.pickle"))]:
        path.write_bytes(planted)
    capsys.readouterr()
    check(options)
    report = build(options)
    assert not marker.exists()
    assert report.reused == 0
    assert len(notes(capsys)) == 2  # the check's and the build's: a check writes nothing, not even the cache
    assert_same_as_build_from_scratch(site, options, tmp_path)
    assert list(options.cache.glob("*.pickle")) == []  # the old format's files go


def truncate(site, cache: Path) -> None:  # type: ignore[no-untyped-def]
    for path in data_files(cache):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite(site, cache: Path) -> None:  # type: ignore[no-untyped-def]
    for path in data_files(cache):
        path.write_bytes(b"not a cache file\n{}")


def edit_the_html(site, cache: Path) -> None:  # type: ignore[no-untyped-def]
    """An edit that leaves the files well formed (only their digests can tell), and a layout
    change, so that every page is rendered again from the cache's records and Markdown."""
    for path in data_files(cache):
        path.write_bytes(path.read_bytes().replace(b"<p>", b"<p>EDITED "))
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))


def change_the_stored_files(site, cache: Path) -> None:  # type: ignore[no-untyped-def]
    for blob in [path for path in (cache / "files").rglob("*") if path.is_file()]:
        blob.write_bytes(blob.read_bytes() + b"<!-- changed in the cache -->")


@pytest.mark.parametrize("damage", [truncate, overwrite, edit_the_html, change_the_stored_files])
def test_cache_a_damaged_cache_is_ignored_with_a_note(site, options, tmp_path, capsys, damage):
    """As in CI, where only the cache folder is kept between runs."""
    build(options)
    damage(site, options.cache)
    shutil.rmtree(site.root / "public")
    capsys.readouterr()
    build(options)
    assert notes(capsys) == [
        (
            f"note: the build cache in {options.cache} holds files that are damaged or were not made by "
            "minutebook; they are ignored and their work is done again"
        )
    ]
    assert not [name for name, data in tree(site.root / "public").items() if b"EDITED" in data]
    assert_same_as_build_from_scratch(site, options, tmp_path)
    shutil.rmtree(site.root / "public")
    assert build(options).reused > 0
    assert notes(capsys) == []  # the build kept a sound cache again


def test_cache_an_edit_writes_only_what_it_changed_in_the_caches_records(site, options, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Entries, "FOLD", 10)  # a small site's edit changes more than a quarter of its pages
    build(options)
    wholes = {name: (options.cache / name).read_bytes() for name in ("made.json", "parsed.json")}
    edit(site, "meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    build(options)
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    build(options)
    assert {name: (options.cache / name).read_bytes() for name in wholes} == wholes
    assert (options.cache / "made.changes.json").is_file() and (options.cache / "parsed.changes.json").is_file()
    shutil.rmtree(site.root / "public")
    capsys.readouterr()
    again = build(options)
    assert again.reused >= again.pages and notes(capsys) == []
    assert_same_as_build_from_scratch(site, options, tmp_path)
    monkeypatch.undo()
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    build(options)  # every page anew: written whole, the changes folded in
    assert (options.cache / "made.json").read_bytes() != wholes["made.json"]
    assert not (options.cache / "made.changes.json").exists()


def test_cache_damaged_changes_to_its_records_only_make_the_build_slower(site, options, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Entries, "FOLD", 10)
    build(options)
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    build(options)
    for name in ("made.changes.json", "parsed.changes.json"):
        path = options.cache / name
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    shutil.rmtree(site.root / "public")
    capsys.readouterr()
    again = build(options)
    assert 0 < again.reused < again.pages and len(notes(capsys)) == 1
    assert_same_as_build_from_scratch(site, options, tmp_path)


def test_cache_a_warm_rebuild_reuses_everything_without_unpickling(site, tmp_path, monkeypatch):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False, parallel=False, cache=tmp_path / "cache")
    build(options)
    shutil.rmtree(site.root / "public")
    parsed: list[Path] = []
    real_parse = load._parse
    monkeypatch.setattr(load, "_parse", lambda path, *args: parsed.append(path) or real_parse(path, *args))

    real_load = pickle.load  # Jinja's compiled templates, in memory, may still use it

    def load_unless_from_the_cache(file: Any, *args: Any, **kwargs: Any) -> Any:
        assert not str(getattr(file, "name", "")).startswith(str(options.cache)), "the cache was read with pickle"
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(pickle, "load", load_unless_from_the_cache)
    again = build(options)
    assert again.reused >= again.pages > 0
    assert parsed == []
    monkeypatch.undo()
    assert_same_as_build_from_scratch(site, options, tmp_path)


def resign(path: Path, edit: Callable[[Any], None]) -> None:
    """Edit a cache file's JSON and give it the digest of the edit, as someone who wants it
    read would."""
    head, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    edit(data)
    body = json.dumps(data).encode()
    header = json.loads(head) | {"sha256": digest_of(body)}
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_cache_never_writes_outside_the_output_folder(site, options, tmp_path, capsys):
    build(options)

    def escape(made: dict[str, Any]) -> None:
        for page in made.values():
            for file in page["files"]:
                if file["path"] == "about/index.html":
                    file["path"] = "../escaped.html"

    resign(options.cache / "made.json", escape)
    shutil.rmtree(site.root / "public")
    capsys.readouterr()
    build(options)
    assert not (site.root / "escaped.html").exists()
    assert len(notes(capsys)) == 1
    assert_same_as_build_from_scratch(site, options, tmp_path)


def assert_identical(value: Any, back: Any, where: str) -> None:
    """Equal, of the very same types all the way down, with every attribute (a Markdown's file
    and line too, which error messages show but equality ignores)."""
    assert type(back) is type(value), where
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            assert_identical(getattr(value, field.name), getattr(back, field.name), f"{where}.{field.name}")
    elif isinstance(value, (list, tuple)):
        assert len(back) == len(value), where
        for index, (one, other) in enumerate(zip(value, back)):
            assert_identical(one, other, f"{where}[{index}]")
    elif isinstance(value, dict):
        assert list(back) == list(value), where
        for key in value:
            assert_identical(value[key], back[key], f"{where}[{key!r}]")
    else:
        assert back == value, where
        for name in typing.get_type_hints(type(value)) if isinstance(value, str) else ():
            assert getattr(back, name) == getattr(value, name), f"{where}.{name}"


def through_json(tp: Any, value: Any) -> Any:
    return stored.decode(tp, json.loads(json.dumps(stored.encode(tp, value))))


@pytest.mark.parametrize("content", ["site", "strathbrae"])
def test_cache_stores_every_record_exactly(site, content):
    """Every record the loader makes comes back from the cache's JSON as it was."""
    folder = site.content if content == "site" else STRATHBRAE
    parsed = ParsedFiles()
    assert load.load_content(folder, Problems(root=folder.parent), parsed) is not None
    records = parsed.used()
    assert len(records) > 10
    for key, entry in records.items():
        assert_identical(entry, through_json(tuple[str, Record], entry), key)


def test_cache_reads_back_only_what_the_types_say():
    meeting = Meeting(committee=Slug("scrutiny"), date=dt.date(2015, 1, 16), status="held", src=Src("a.yaml", 1))
    data = stored.encode(Record, meeting)
    assert data[0] == "Meeting" and stored.decode(Record, data) == meeting
    unfit = [
        ["Meeting", data[1] | {"extra": 1}],  # a field the class does not have
        ["Meeting", {name: value for name, value in data[1].items() if name != "venue"}],  # one missing
        ["Meeting", data[1] | {"date": "16 January 2015"}],
        ["Meeting", data[1] | {"date": 20150116}],
        ["Meeting", data[1] | {"draft": 0}],
        ["Meeting", data[1] | {"status": "adjourned"}],
        ["Meeting", data[1] | {"agenda": {"items": []}}],
        ["Src", data[1]["src"]],  # a model class, but not one the union names
        ["posix.system", ["touch /tmp/x"]],
        {"Meeting": data[1]},
    ]
    for each in unfit:
        with pytest.raises(stored.Unfit):
            stored.decode(Record, each)


def test_cache_stores_no_value_it_could_not_give_back():
    slug = Slug("scrutiny")
    slug.extra = "lost"  # type: ignore[attr-defined]
    with_data = Made((OutputFile(PurePosixPath("index.html"), "0" * 64, b"<html>"),))
    for tp, value in [
        (Slug, slug),
        (str, Slug("scrutiny")),
        (dt.datetime, dt.datetime(2015, 1, 16, 9, tzinfo=ZoneInfo("Europe/London"))),
        (Made, with_data),  # a file's bytes belong in files/, where they are checked
        (list[int], (1, 2)),
        (int, True),
    ]:
        with pytest.raises(stored.Unfit):
            stored.encode(tp, value)
    assert through_json(Made, with_data.without_data()) == with_data.without_data()
    assert type(through_json(Slug, "a plain str, as a default may be")) is str


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass(frozen=True)
class Swatch:
    colour: Colour
    made: dt.datetime
    shades: frozenset[str]
    where: PurePosixPath
    parts: tuple[int, str]
    weight: float | None = None


def test_cache_format_knows_enums_sets_paths_and_tuples():
    swatch = Swatch(
        Colour.RED, dt.datetime(2015, 1, 16, 9, tzinfo=dt.UTC), frozenset({"b", "a"}), PurePosixPath("a/b"), (1, "x")
    )
    assert_identical(swatch, through_json(Swatch, swatch), "swatch")
    assert stored.encode(Swatch, swatch)["shades"] == ["a", "b"]
    with pytest.raises(stored.Unfit):
        stored.decode(Swatch, stored.encode(Swatch, swatch) | {"colour": "BLUE"})


STRATHBRAE_AS_OF = dt.datetime(2025, 3, 1, 12, 0)  # a first search covers 2024 onwards; 2023 is a part of its own


@pytest.fixture
def strathbrae(site):  # type: ignore[no-untyped-def]
    shutil.rmtree(site.content)
    shutil.copytree(STRATHBRAE, site.content)
    return site


@pytest.mark.parametrize(
    "meeting, parts",
    [("scrutiny-panel-2023-10-19", [("2023",)]), ("scrutiny-panel-2024-03-21", [("",)])],
    ids=["a meeting of an older year", "a recent meeting"],
)
def test_cache_an_edit_re_indexes_only_the_part_of_the_search_index_it_is_in(
    strathbrae, tmp_path, monkeypatch, meeting, parts
):
    options = BuildOptions(root=strathbrae.root, as_of=STRATHBRAE_AS_OF, cache=tmp_path / "cache")
    build(options)
    real, runs = search.index_site, []

    def spy(folder: Path, todo: search.Parts, years: typing.Sequence[str]) -> None:
        runs.append(tuple(todo))
        real(folder, todo, years)

    monkeypatch.setattr(search, "index_site", spy)
    edit(strathbrae, f"meetings/{meeting}.yaml", "There were no apologies.", "There were no apologies that day.")
    build(options)
    assert runs == parts
    assert "year/2023/pagefind-entry.json" in tree(strathbrae.root / "public/pagefind")
    assert_same_as_build_from_scratch(strathbrae, options, tmp_path)
