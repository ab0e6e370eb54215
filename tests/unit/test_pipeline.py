"""The preview's quick look (pipeline.quick_look): the edited records' own pages, written before
the build that follows. That each file it writes is what a build from scratch writes, for every
edit the schema allows, is proved in test_reuse.py; here, what it does and what it leaves."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from minutebook.cache import MemoryCache
from minutebook.pipeline import BuildOptions, build, quick_look

MEETING = "meetings/scrutiny-2015-01-16.yaml"


def previewed(site) -> tuple[BuildOptions, MemoryCache]:  # type: ignore[no-untyped-def]
    options = BuildOptions(
        root=site.root, as_of=dt.datetime(2015, 6, 1), search=False, cache=None, swap=False, output=Path("preview")
    )
    cache = MemoryCache()
    build(options, cache=cache)
    return options, cache


def edit(site, relative: str, old: str, new: str) -> Path:  # type: ignore[no-untyped-def]
    path = site.content / relative
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    return path.resolve()


def test_quick_look_writes_the_edited_meetings_page_and_leaves_the_lists_to_the_build(site):
    options, cache = previewed(site)
    meeting_page = site.root / "preview/meetings/scrutiny-2015-01-16/index.html"
    listing = site.root / "preview/meetings/index.html"
    listing_before = listing.read_bytes()
    edited = edit(site, MEETING, "venue: ", "venue: The Old Library, ")
    saved_by_sed = edited.parent / "sedX4bQ2z"  # `sed -i` writes this, then renames it over the file
    assert quick_look(options, cache, {Path(os.path.relpath(edited)), saved_by_sed}) >= 1
    assert "The Old Library" in meeting_page.read_text()
    assert listing.read_bytes() == listing_before  # the build that follows writes the lists
    build(options, cache=cache)
    assert "The Old Library" in meeting_page.read_text()


def test_quick_look_leaves_to_the_build_what_it_cannot_know(site):
    options, cache = previewed(site)
    meeting_page = site.root / "preview/meetings/scrutiny-2015-01-16/index.html"
    before = meeting_page.read_bytes()
    new_file = site.write("people/cllr-grey.yaml", "name: Cllr Grey\nkind: councillor\n")
    assert quick_look(options, cache, {new_file.resolve()}) == 0  # a new file: the build reads the folder
    assert not (site.root / "preview/people/cllr-grey").exists()
    new_file.unlink()
    broken = edit(site, MEETING, "venue: ", "venue: [unclosed ")
    assert quick_look(options, cache, {broken}) == 0  # invalid: the build reports it
    assert meeting_page.read_bytes() == before
    layout = (site.root / "layouts/base.html").resolve()
    assert quick_look(options, cache, {layout}) == 0  # a template: every page may change


def test_quick_look_waits_for_a_kept_build(site):
    options, _ = previewed(site)
    edited = edit(site, MEETING, "venue: ", "venue: The Old Library, ")
    assert quick_look(options, MemoryCache(), {edited}) == 0
