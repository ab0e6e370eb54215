import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minutebook import pipeline, search
from minutebook.pipeline import BuildOptions
from minutebook.write import fingerprint_assets
from tests.conftest import ROOT, run_cli
from tests.unit.test_cache import AS_OF, assert_same_as_build_from_scratch


def build(site, *extra: str):
    return site.run("build", "--no-search", "--as-of", "2015-06-01", *extra)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_a_failed_build_leaves_the_published_site_untouched(site):
    assert build(site).code == 0
    before = snapshot(site.root / "public")
    site.write("meetings/scrutiny-2015-03-13.yaml", "committee: scrutiny\ndate: 2015-03-13\nstatus: nonsense\n")
    result = build(site)
    assert result.code == 1
    assert snapshot(site.root / "public") == before
    assert not any(p.name.startswith(".public") for p in site.root.iterdir())


def test_write_stale_files_do_not_survive_a_rebuild(site):
    assert build(site).code == 0
    assert (site.root / "public/meetings/scrutiny-2015-03-13/index.html").exists()
    (site.content / "meetings/scrutiny-2015-03-13.yaml").unlink()
    site.write(
        "meetings/scrutiny-2015-01-16.yaml",
        (site.content / "meetings/scrutiny-2015-01-16.yaml")
        .read_text()
        .replace('next_meeting:\n  date: 2015-03-13\n  start_time: "10:00"\n', ""),
    )
    site.write("committees/scrutiny.yaml", (site.content / "committees/scrutiny.yaml").read_text())
    assert build(site).code == 0
    assert not (site.root / "public/meetings/scrutiny-2015-03-13").exists()
    assert "scrutiny-2015-03-13" not in (site.root / "public/meetings/index.html").read_text()


def test_write_fingerprints_assets_by_content(tmp_path):
    (tmp_path / "site.css").write_text("body{}")
    names, files = fingerprint_assets({"site.css": tmp_path / "site.css"})
    assert names["site.css"].startswith("site.") and names["site.css"].endswith(".css")
    (tmp_path / "site.css").write_text("body{color:red}")
    assert fingerprint_assets({"site.css": tmp_path / "site.css"})[0]["site.css"] != names["site.css"]


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "output",
    [
        "content",
        "content/public",
        "layouts",
        "assets",
        ".cache/minutebook",
        ".cache",
        ".",
        "..",
        "notes.txt",
        "records",
    ],
)
def test_write_refuses_an_output_folder_that_would_replace_the_councils_files(site, tmp_path, output):
    project = tmp_path / "council" / "project"  # so that ".." is a folder of this test's own
    shutil.move(site.root / "content", project / "content")
    for name in ("layouts", "assets"):
        shutil.move(site.root / name, project / name)
    (project / ".cache/minutebook").mkdir(parents=True)
    (project / ".cache/minutebook/kept.txt").write_text("the cache")
    (project / "notes.txt").write_text("a clerk's notes")
    (project / "records").mkdir()
    (project / "records/2014.txt").write_text("not a built site")
    before = files_of(tmp_path)
    result = run_cli("build", "--no-search", "--as-of", "2015-06-01", "--output", output, cwd=project)
    assert result.code == 1
    assert "Traceback" not in result.stderr and "bug in minutebook" not in result.stderr
    assert "--output" in result.stderr  # says which option to change
    assert files_of(tmp_path) == before


def test_write_builds_again_into_its_own_earlier_output_and_a_new_or_empty_folder(site):
    (site.root / "empty").mkdir()
    assert build(site, "--output", "empty").code == 0
    assert build(site).code == 0
    assert build(site).code == 0  # public/ is a minutebook output now
    assert (site.root / "public/index.html").exists() and (site.root / "empty/index.html").exists()


# A child process that swaps a new site in but is killed at the n-th rename it makes.
SWAP_KILLED_AT = """
import os, signal, sys
from pathlib import Path
from minutebook import write
n, staging, out = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
real, calls = os.replace, [0]
def replace(*args, **kwargs):
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
os.replace = replace
write.swap_into_place(staging, out)
"""


@pytest.mark.parametrize("killed_at", [1, 2, 3])
def test_write_a_build_killed_while_swapping_leaves_the_old_site_or_the_new_one(tmp_path, killed_at):
    out, staging = tmp_path / "public", tmp_path / ".public.building"
    for folder, version in ((out, "old"), (staging, "new")):
        (folder / "meetings").mkdir(parents=True)
        (folder / "index.html").write_text(version)
        (folder / "meetings/index.html").write_text(version)
    command = [sys.executable, "-c", SWAP_KILLED_AT, str(killed_at), str(staging), str(out)]
    subprocess.run(command, cwd=ROOT, check=False, capture_output=True)
    assert files_of(out) in (
        {"index.html": b"old", "meetings/index.html": b"old"},
        {"index.html": b"new", "meetings/index.html": b"new"},
    )


def test_write_a_drafts_build_never_writes_where_a_build_publishes(site):
    assert build(site).code == 0
    published = files_of(site.root / "public")
    drafts = build(site, "--drafts")
    assert drafts.code == 0, drafts.stderr
    assert "Draft: this is not published" in (site.root / "drafts-preview/draft-news/index.html").read_text()
    assert files_of(site.root / "public") == published
    for output in ("public", "public/preview"):
        refused = build(site, "--drafts", "--output", output)
        assert refused.code == 1 and "Traceback" not in refused.stderr
        assert "drafts" in refused.stderr and files_of(site.root / "public") == published


def rebuild_with(options: BuildOptions, site, relative: str, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    path = site.content / relative
    path.write_text(path.read_text().replace(old, new))
    pipeline.build(options)


@pytest.fixture
def built_twice(site, tmp_path):  # type: ignore[no-untyped-def]
    """A site built, edited and built again: beside public/ is the site before the last build."""
    options = BuildOptions(root=site.root, as_of=AS_OF, cache=tmp_path / "cache")
    pipeline.build(options)
    rebuild_with(options, site, "people/cllr-brown.yaml", "name: Brown", "name: Browne")
    assert (site.root / ".public.old/index.html").is_file()
    return options


def test_write_a_rebuild_makes_the_site_before_the_last_into_the_new_one_whatever_it_holds(site, built_twice, tmp_path):
    old = site.root / ".public.old"
    shared = [
        path for path in sorted(old.rglob("*.html")) if path.samefile(site.root / "public" / path.relative_to(old))
    ]
    assert shared  # the pages neither build changed: the same file in both
    (old / "left-behind.html").write_text("no build made this")
    shutil.rmtree(old / "about")
    (old / "about").write_text("a file where a folder was")
    page = old / "people/ann-black/index.html"
    page.unlink()
    page.mkdir()  # a folder where a page was
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(old / "reviews")
    (old / "reviews").symlink_to(elsewhere)  # a link out of the folder: never written through
    shared[0].unlink()
    shared[0].write_text("edited by hand")
    rebuild_with(built_twice, site, "people/cllr-brown.yaml", "name: Browne", "name: Brown")
    assert_same_as_build_from_scratch(site, built_twice, tmp_path)
    assert list(elsewhere.iterdir()) == []


def test_write_a_rebuild_that_fails_after_writing_leaves_the_published_site_untouched(
    site, built_twice, tmp_path, monkeypatch
):
    """The site before the last one shares its unchanged files with the published site (hard
    links): the files a rebuild changes must be new files, never written through them. (The
    about page is the same in both, so it is one of those shared files.)"""
    assert (site.root / ".public.old/about/index.html").samefile(site.root / "public/about/index.html")
    before = files_of(site.root / "public")

    def fails(*args: object) -> None:
        raise RuntimeError("Pagefind stopped")

    monkeypatch.setattr(search, "index_site", fails)
    with pytest.raises(RuntimeError):
        rebuild_with(built_twice, site, "pages/about.md", "Read the [meetings]", "Read the list of [meetings]")
    assert files_of(site.root / "public") == before
    monkeypatch.undo()
    pipeline.build(built_twice)
    assert "Read the list of" in (site.root / "public/about/index.html").read_text()
    assert_same_as_build_from_scratch(site, built_twice, tmp_path)
