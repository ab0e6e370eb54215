"""The preview server, run as an author runs it: it serves, reloads, and shows problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import tempfile
from pathlib import Path

import pytest

from minutebook import search, serve
from minutebook.pipeline import BuildOptions
from minutebook.search import SearchIndexFailed
from minutebook.serve import Preview
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(predicate, seconds: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("timed out")


def start(site, *options: str):  # type: ignore[no-untyped-def]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--as-of", "2015-06-01", *options],
        cwd=site.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return get(base + "/")[0] == 200
        except OSError:
            return False

    wait_for(up)
    return proc, base


def previews() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("minutebook-preview-*"))


@pytest.fixture
def server(site):  # type: ignore[no-untyped-def]
    proc, base = start(site)
    yield site, base
    proc.terminate()
    proc.wait(timeout=10)


def test_serve_shows_the_site_with_links_to_itself(server):
    _, base = server
    status, html = get(base + "/meetings/scrutiny-2015-01-16/")
    assert status == 200
    assert "Meeting on Friday 16 January 2015" in html
    assert 'href="/committees/scrutiny/"' in html  # served at the root, not the published sub-path
    assert "/__minutebook__/version" in html  # the live-reload script


def test_serve_answers_404_outside_the_output_folder(server):
    _, base = server
    assert get(base + "/../../../etc/passwd")[0] == 404
    assert get(base + "/no-such-page/")[0] == 404


def test_serve_shows_problems_in_the_browser_and_recovers(server):
    site, base = server
    path = site.content / "meetings" / "scrutiny-2015-03-13.yaml"
    good = path.read_text()
    path.write_text(good.replace("status: scheduled", "status: sceduled"))
    status, html = wait_for(lambda: (r := get(base + "/"))[0] == 500 and r)
    assert (
        "content/meetings/scrutiny-2015-03-13.yaml:5: &quot;status&quot;: &quot;sceduled&quot; is not allowed here"
        in html
    )
    path.write_text(good)
    wait_for(lambda: get(base + "/")[0] == 200)


def test_serve_drafts_never_reach_a_folder_a_build_publishes(site):
    before = previews()
    proc, base = start(site, "--drafts")
    try:
        status, home = get(base + "/")
        assert status == 200 and "Preview with drafts" in home  # every page says so, lists and home too
        assert "Preview with drafts" in get(base + "/meetings/")[1]
        assert not (site.root / "public").exists()
        assert len(previews() - before) == 1  # its own temporary folder
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert previews() - before == set()  # removed when the server stops


def test_serve_shows_a_template_error_and_recovers(server):
    site, base = server
    layout = site.root / "layouts" / "home.html"
    good = layout.read_text()
    layout.write_text(good.replace("{% block content %}", "{% block content %}{% if %}"))
    status, html = wait_for(lambda: (r := get(base + "/"))[0] == 500 and r)
    assert "template error: layouts/home.html:" in html
    layout.write_text(good)
    wait_for(lambda: get(base + "/")[0] == 200)


def test_serve_shows_an_internal_error_and_a_search_failure_and_recovers(site, monkeypatch):
    options = BuildOptions(
        root=site.root,
        as_of=dt.datetime(2015, 6, 1),
        search=False,
        cache=None,
        swap=False,
        output=site.root / "preview",
    )
    preview = Preview(options)
    real_build = serve.build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(serve, "build", broken)
    preview.rebuild()
    assert "minutebook hit an internal error: RuntimeError: a bug" in preview.problems[0]
    monkeypatch.setattr(serve, "build", real_build)
    preview.rebuild()
    assert preview.problems == []

    def failing(folder: Path) -> None:
        raise SearchIndexFailed("Pagefind stopped")

    monkeypatch.setattr(search, "_index_beside", failing)
    search.background(options.output).on_failure = preview.search_failed
    preview.options = dataclasses.replace(options, search=True)
    preview.rebuild()
    wait_for(lambda: preview.problems == ["the search index could not be built: Pagefind stopped"])
    monkeypatch.undo()
    (site.content / "pages/about.md").write_text("---\ntitle: About\n---\nEdited.\n")
    preview.rebuild()
    assert preview.problems == []


def test_serve_tells_each_rebuild_every_file_saved_since_the_last(tmp_path):
    from watchdog.events import DirModifiedEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent

    told: list[frozenset[Path]] = []
    handler = serve.RebuildOnChange(told.append)
    meeting, report = tmp_path / "meetings/a.yaml", tmp_path / "reports/b.md"
    handler.on_any_event(FileCreatedEvent(str(tmp_path / "meetings/.a.yaml.swp")))  # an editor's own file
    handler.on_any_event(FileMovedEvent(str(tmp_path / "meetings/.a.yaml.tmp"), str(meeting)))  # saved by renaming
    handler.on_any_event(DirModifiedEvent(str(tmp_path / "meetings")))
    handler.on_any_event(FileModifiedEvent(str(report)))
    wait_for(lambda: told)
    assert told == [frozenset({meeting, report})]  # one rebuild for the burst, told the saved files only
    handler.on_any_event(FileModifiedEvent(str(report)))
    wait_for(lambda: len(told) == 2)
    assert told[1] == frozenset({report})
