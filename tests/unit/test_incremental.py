"""After each edit the preview re-renders only what the edit affects, and the result is
exactly what a complete build of the same content gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from minutebook.incremental import IncrementalBuilder
from minutebook.pipeline import BuildOptions, build

AS_OF = dt.datetime(2015, 6, 1, 12, 0)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_complete_build(site, options: BuildOptions) -> None:
    fresh = dataclasses.replace(options, output=Path("fresh"))
    build(fresh)
    preview, complete = tree(site.root / "public"), tree(site.root / "fresh")
    assert sorted(preview) == sorted(complete)
    assert [name for name in complete if preview[name] != complete[name]] == []


def test_incremental_rebuilds_match_complete_builds_and_render_less(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    builder = IncrementalBuilder(options)
    first = builder.rebuild()
    assert first.complete and first.rendered > 20

    def edit(relative: str, old: str, new: str) -> None:
        path = site.content / relative
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    edit("people/cllr-brown.yaml", "name: Brown", "name: Browne")
    result = builder.rebuild()
    assert not result.complete and result.rendered < first.rendered
    assert_same_as_complete_build(site, options)

    edit("meetings/scrutiny-2015-01-16.yaml", "There were no apologies.", "There were no apologies at all.")
    result = builder.rebuild()
    assert result.rendered < first.rendered and result.written >= 2  # the meeting and its minute page
    assert_same_as_complete_build(site, options)

    edit("reviews/play-areas/recommendations/2.yaml", "status: not started", "status: completed")
    builder.rebuild()
    assert_same_as_complete_build(site, options)

    edit("reviews/play-areas/review.md", "title: Review of play areas", "title: Play areas review")
    builder.rebuild()
    assert_same_as_complete_build(site, options)

    edit("committees/scrutiny.yaml", "name: Scrutiny Board", "name: Overview and Scrutiny Board")
    builder.rebuild()
    assert_same_as_complete_build(site, options)

    site.write("reviews/play-areas/recommendations/4.yaml", "text: Add benches.\n")
    builder.rebuild()
    assert_same_as_complete_build(site, options)

    (site.content / "meetings/scrutiny-2015-03-13.yaml").unlink()
    result = builder.rebuild()
    assert result.removed >= 2  # the meeting page and its calendar file
    assert_same_as_complete_build(site, options)


def test_incremental_a_template_change_rebuilds_everything(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    builder = IncrementalBuilder(options)
    total = builder.rebuild().rendered
    layout = site.root / "layouts" / "base.html"
    layout.write_text(layout.read_text().replace("Skip to main content", "Skip to the content"))
    result = builder.rebuild()
    assert result.complete and result.rendered == total
    assert "Skip to the content" in (site.root / "public/index.html").read_text()


def test_incremental_an_edited_meeting_page_is_written_before_the_rebuild(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    builder = IncrementalBuilder(options)
    builder.rebuild()
    meeting = site.content / "meetings/scrutiny-2015-01-16.yaml"
    meeting.write_text(meeting.read_text().replace("venue: Town Hall", "venue: Civic Centre"))
    assert builder.write_edited_meeting(meeting)
    page = (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
    assert "Civic Centre" in page
    assert "CANARY-CONFIDENTIAL" not in page and "CANARY-EXEMPT-RESOLUTION" not in page
    builder.rebuild()
    assert_same_as_complete_build(site, options)


def test_incremental_the_quick_look_leaves_other_edits_to_the_rebuild(site):
    options = BuildOptions(root=site.root, as_of=AS_OF, search=False)
    builder = IncrementalBuilder(options)
    builder.rebuild()
    person = site.content / "people/cllr-brown.yaml"
    assert not builder.write_edited_meeting(person)
    meeting = site.content / "meetings/scrutiny-2015-01-16.yaml"
    meeting.write_text(meeting.read_text().replace("venue: Town Hall", "venue: [unclosed"))
    assert not builder.write_edited_meeting(meeting)  # invalid: the rebuild reports it
    assert "Town Hall" in (site.root / "public/meetings/scrutiny-2015-01-16/index.html").read_text()
