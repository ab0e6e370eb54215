import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minutebook.write import fingerprint_assets
from tests.conftest import ROOT, run_cli


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
