"""The build cache: a rebuild renders only what changed, and its output is exactly what a build
from scratch gives, whatever state the cache is in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from markdown_it import MarkdownIt

from minutebook import search
from minutebook.cache import digest_of
from minutebook.incremental import IncrementalBuilder
from minutebook.pipeline import BuildOptions, build

AS_OF = dt.datetime(2015, 6, 1, 12, 0)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_build_from_scratch(options: BuildOptions) -> None:
    scratch = dataclasses.replace(options, output=Path("scratch"), cache=None)
    build(scratch)
    cached, fresh = tree(options.root / "public"), tree(options.root / "scratch")
    assert sorted(cached) == sorted(fresh)
    assert [name for name in fresh if cached[name] != fresh[name]] == []


def edit(site, relative: str, old: str, new: str) -> None:
    path = site.content / relative
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))


def test_cache_a_rebuild_renders_only_the_pages_an_edit_affects(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    first = build(options)
    assert first.reused == 0
    edit(site, "meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    second = build(options)
    assert 0 < second.reused < first.pages
    assert (
        "There were no apologies at all." in (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
    )
    assert_same_as_build_from_scratch(options)


def test_cache_with_nothing_changed_reuses_every_page_and_the_search_index(site, monkeypatch):
    options = BuildOptions(root=site.root, as_of=AS_OF)
    build(options)
    before = tree(site.root / "public")
    runs = []
    monkeypatch.setattr(search, "index_site", lambda folder: runs.append(folder))
    again = build(options)
    assert runs == []
    assert again.reused >= again.pages
    assert tree(site.root / "public") == before


def test_cache_a_layout_change_renders_everything(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    build(options)
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    again = build(options)
    assert again.reused == 0
    assert "Skip to the content" in (site.root / "public/index.html").read_text()


def test_cache_an_embargo_that_lifts_is_published_though_no_file_changed(site):
    options = BuildOptions(root=site.root, as_of=dt.datetime(2015, 7, 1, 8, 0), search=False)
    build(options)
    assert not (site.root / "public/reviews/play-areas/recommendations/3").exists()
    lifted = dataclasses.replace(options, as_of=dt.datetime(2015, 7, 1, 9, 0))
    build(lifted)
    assert (site.root / "public/reviews/play-areas/recommendations/3/index.html").exists()
    assert_same_as_build_from_scratch(lifted)


def test_cache_a_damaged_cache_only_makes_the_build_slower(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    build(options)
    cache = site.root / ".cache/minutebook"
    (cache / "parsed.pickle").write_bytes(b"not a pickle")
    stored = sorted((cache / "files").rglob("*"))
    for blob in [path for path in stored if path.is_file()][:5]:
        blob.unlink()
    edit(site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    assert build(options).reused > 0
    assert_same_as_build_from_scratch(options)
    (cache / "snapshot.pickle").write_bytes(b"\x80\x05garbage")
    assert build(options).reused == 0
    assert_same_as_build_from_scratch(options)


def test_cache_files_stay_intact_when_the_preview_rewrites_pages_in_place(site):
    """A build's output files are hard links to the cache's; a preview running at the same time
    must not write through them."""
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    builder = IncrementalBuilder(dataclasses.replace(options, parallel=False))
    builder.rebuild()
    build(options)
    edit(site, "meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    builder.rebuild()
    stored = [path for path in (site.root / ".cache/minutebook/files").rglob("*") if path.is_file()]
    assert stored and [path.name for path in stored if digest_of(path.read_bytes()) != path.name] == []


def test_cache_can_be_turned_off(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False, cache=None)
    build(options)
    assert build(options).reused == 0
    assert not (site.root / ".cache").exists()


def test_cache_a_file_missing_from_the_output_is_written_again(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    build(options)
    page = site.root / "public/meetings/scrutiny-2015-01-16/index.html"
    page.unlink()
    build(options)
    assert page.is_file()
    assert_same_as_build_from_scratch(options)


def test_cache_a_template_change_renders_pages_again_without_parsing_markdown_again(site, monkeypatch):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False, parallel=False)
    build(options)
    calls = []
    real_render = MarkdownIt.render
    monkeypatch.setattr(MarkdownIt, "render", lambda self, *args: calls.append(args) or real_render(self, *args))
    layout = site.root / "layouts/base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    assert build(options).reused == 0
    assert calls == []
    assert_same_as_build_from_scratch(options)


def test_cache_markdown_follows_what_its_links_and_glossary_terms_show(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    site.write("glossary.yaml", "terms:\n  - term: play areas\n    definition: Places for children to play.\n")
    build(options)
    edit(site, "people/ann-black.yaml", "name: Ann Black", "name: Ann Blackwood")
    build(options)
    assert "Blackwood" in (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
    assert_same_as_build_from_scratch(options)
    site.write("glossary.yaml", "terms:\n  - term: land\n    definition: Ground owned by the council.\n")
    build(options)
    assert_same_as_build_from_scratch(options)


def test_cache_alone_rebuilds_a_missing_output_without_indexing_again(site, monkeypatch):
    """As in CI, where only the cache folder is kept between runs."""
    options = BuildOptions(root=site.root, as_of=AS_OF)
    build(options)
    before = tree(site.root / "public")
    shutil.rmtree(site.root / "public")
    runs = []
    monkeypatch.setattr(search, "index_site", lambda folder: runs.append(folder))
    again = build(options)
    assert runs == [] and again.reused >= again.pages
    assert tree(site.root / "public") == before
