"""The build cache: a rebuild renders only the pages whose key changed, and its output is exactly
what a build from scratch in a fresh folder gives, whatever state the cache is in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from minutebook import search
from minutebook.cache import MemoryCache
from minutebook.errors import ContentErrors
from minutebook.page import digest_of
from minutebook.pipeline import BuildOptions, build, check

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
    monkeypatch.setattr(search, "index_site", lambda folder: runs.append(folder))
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
    (cache / "parsed.pickle").write_bytes(b"not a pickle")
    stored = [path for path in sorted((cache / "files").rglob("*")) if path.is_file()]
    for blob in stored[:5]:
        blob.unlink()
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    assert build(options).reused > 0
    assert_same_as_build_from_scratch(site, options, tmp_path)
    (cache / "made.pickle").write_bytes(b"\x80\x05garbage")
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
    monkeypatch.setattr(search, "index_site", lambda folder: runs.append(folder))
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
