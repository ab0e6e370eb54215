"""The preview server, run as an author runs it: it serves, reloads, and shows problems."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

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


@pytest.fixture
def server(site):  # type: ignore[no-untyped-def]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--as-of", "2015-06-01"],
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
