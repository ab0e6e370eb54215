"""An author's round trip in a real browser: edit, see it; break it, see why; fix it, see the site."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def example_preview(tmp_path):  # type: ignore[no-untyped-def]
    for folder in ("content", "layouts", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()  # noqa: S310 - loopback only
            break
        except OSError:
            time.sleep(0.2)
    yield tmp_path, base
    proc.terminate()
    proc.wait(timeout=10)


def test_preview_edit_break_and_fix_a_meeting_in_the_browser(browser, example_preview):
    root, base = example_preview
    page = browser.new_page()
    page.goto(base + "/meetings/ilsc-2016-11-02/")
    assert "pre-briefing" in page.inner_text("main")
    meeting = root / "content/meetings/ilsc-2016-11-02.yaml"
    good = meeting.read_text()

    meeting.write_text(good.replace("There will be a pre-briefing", "Edited in the test: there will be a pre-briefing"))
    page.wait_for_function("document.body.innerText.includes('Edited in the test')", timeout=20000)

    meeting.write_text(good.replace("status: scheduled", "status: sheduled"))
    page.wait_for_function("document.title.includes('Build failed')", timeout=20000)
    assert (
        'content/meetings/ilsc-2016-11-02.yaml:5: "status": "sheduled" is not allowed here (did you mean "scheduled"?)'
    ) in page.inner_text("main")

    meeting.write_text(good)
    page.wait_for_function("document.title.startsWith('Improving Lives Select Commission')", timeout=20000)
    assert "Edited in the test" not in page.inner_text("main")
    page.close()
