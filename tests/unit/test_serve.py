"""The preview server, run as an author runs it: it serves, reloads, and shows problems."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import tempfile
from pathlib import Path
from typing import Any

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


def start(site, *options: str, **popen: Any):  # type: ignore[no-untyped-def]
    port = free_port()
    popen = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **popen}
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--as-of", "2015-06-01", *options],
        cwd=site.root,
        **popen,
    )
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return get(base + "/")[0] == 200
        except OSError:
            return False

    try:
        wait_for(up)
    except BaseException:  # a server that never came up is stopped, not left running
        proc.terminate()
        proc.wait(timeout=10)
        raise
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
    assert "Friday 16 January 2015" in html
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

    def failing(folder: Path, *parts: object) -> None:
        raise SearchIndexFailed("Pagefind stopped")

    monkeypatch.setattr(search, "index_site", failing)
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


@dataclasses.dataclass
class Terminal:
    """A preview started as an author starts it, with a temporary folder of its own (TMPDIR) and
    what it prints kept, to see what it serves from there, what it prints and what it leaves."""

    proc: subprocess.Popen[bytes]
    port: int
    tmp: Path
    out: Path
    err: Path

    @property
    def folder(self) -> Path:
        """The folder the preview says it builds into."""
        found = re.search(r"built into (\S+), which", self.out.read_text())
        assert found, self.out.read_text()
        return Path(found[1])

    def request(self, method: str, path: str, host: str | None = "") -> tuple[int, dict[str, str], bytes]:
        """One request: Host is the preview's own unless given (None: no Host header at all)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if host is not None:
                connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()  # a dropped connection raises here
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> str:
        """Stop it as the terminal's Ctrl+C would (the whole process group), and say what it printed to stderr."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            self.proc.wait(timeout=30)
        return self.err.read_text()


@pytest.fixture
def terminal(site):  # type: ignore[no-untyped-def]
    tmp, out, err = site.root / "tmp", site.root / "stdout.txt", site.root / "stderr.txt"
    tmp.mkdir()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc, base = start(
            site, stdout=stdout, stderr=stderr, env={**os.environ, "TMPDIR": str(tmp)}, start_new_session=True
        )
    running = Terminal(proc, int(base.rsplit(":", 1)[1]), tmp, out, err)
    wait_for(lambda: "built into" in out.read_text())
    yield running
    running.stop()


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr and "Exception occurred" not in stderr


def plain_refusal(answer: tuple[int, dict[str, str], bytes], statuses: tuple[int, ...]) -> bool:
    status, headers, body = answer
    return status in statuses and headers["Content-Type"].startswith("text/plain") and len(body) < 100


def test_serve_answers_only_requests_for_its_own_host(terminal):
    """DNS rebinding: a hostile page whose name now points at 127.0.0.1 sends its own name as Host."""
    port = terminal.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert terminal.request("GET", "/", host)[0] == 200
    strangers = ["evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "localhost", f"127.0.0.1:{port}.evil"]
    for host in [*strangers, None]:
        for method, path in [("GET", "/"), ("HEAD", "/"), ("GET", "/__minutebook__/version"), ("POST", "/")]:
            answer = terminal.request(method, path, host)
            assert plain_refusal(answer, (400, 403)), (host, method, path, answer)
            assert b"Scrutiny" not in answer[2] and b"<html" not in answer[2]
    assert no_traceback(terminal.stop())


def test_serve_answers_head_exactly_as_get_without_the_body(terminal):
    (terminal.folder / "leak.txt").symlink_to(terminal.tmp.parent / "content" / "site.yaml")
    stylesheet = next(terminal.folder.rglob("*.css")).relative_to(terminal.folder).as_posix()
    paths = ["/", "/meetings/scrutiny-2015-01-16/", "/meetings", "/no-such-page/", f"/{stylesheet}", "/leak.txt"]
    for path in [*paths, "/__minutebook__/version", "/a%00b", "/a/" * 5000]:
        status, headers, _ = terminal.request("GET", path)
        head_status, head_headers, head_body = terminal.request("HEAD", path)
        headers.pop("Date"), head_headers.pop("Date")
        assert (head_status, head_headers, head_body) == (status, headers, b""), path
    assert no_traceback(terminal.stop())


def test_serve_never_follows_a_symlink_out_of_its_folder(terminal):
    secret = terminal.tmp.parent / "secret"
    secret.mkdir()
    (secret / "index.html").write_text("<html><body>SECRET DRAFT</body></html>")
    (secret / "notes.txt").write_text("SECRET DRAFT")
    (terminal.folder / "leak.txt").symlink_to(secret / "notes.txt")
    (terminal.folder / "outside").symlink_to(secret)
    for method in ("GET", "HEAD"):
        for path in ("/leak.txt", "/outside/", "/outside", "/outside/notes.txt", "/outside/index.html"):
            status, headers, body = terminal.request(method, path)
            assert status == 404 and b"SECRET" not in body, (method, path, status)
            assert headers["Content-Length"] != str(len("SECRET DRAFT"))
    assert no_traceback(terminal.stop())


def test_serve_answers_odd_requests_politely_and_prints_no_traceback(terminal):
    odd = ["/a%00b", "/%00", "/a/" * 5000, "/" + "x" * 300, "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"]
    for method in ("GET", "HEAD"):
        for path in odd:
            status, _, body = terminal.request(method, path)  # an answer, not a dropped connection
            assert status in (400, 404) and b"root:" not in body, (method, path[:40], status)
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        answer = terminal.request(method, "/")
        assert plain_refusal(answer, (405, 501)), (method, answer)
    assert terminal.request("GET", "/")[0] == 200  # still serving
    assert no_traceback(terminal.stop())


def indexing(tmp: Path) -> bool:
    """Whether a preview's search index is being made (in a folder beside the preview's)."""
    try:
        return any(path.name.startswith(".minutebook-index-") for holder in tmp.iterdir() for path in holder.iterdir())
    except FileNotFoundError:  # a folder removed as it was read
        return False


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_serve_leaves_nothing_behind_when_stopped(terminal, stop):
    """Stopped while the search index is being made beside the folder (it starts after the first build)."""
    deadline = time.monotonic() + 10
    while not indexing(terminal.tmp) and time.monotonic() < deadline:
        time.sleep(0.01)
    if stop == "sigterm":
        terminal.proc.terminate()
        terminal.proc.wait(timeout=30)
    assert no_traceback(terminal.stop())
    assert list(terminal.tmp.iterdir()) == []


def test_serve_says_nothing_when_a_browser_goes_away_mid_answer(capsys):
    server = serve.PreviewServer(("127.0.0.1", 0), serve.SimpleHTTPRequestHandler, bind_and_activate=False)
    try:
        raise BrokenPipeError(32, "Broken pipe")  # what writing to a closed tab raises
    except BrokenPipeError:
        server.handle_error(None, ("127.0.0.1", 50000))
    finally:
        server.server_close()
    assert capsys.readouterr().err == ""
