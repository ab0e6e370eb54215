"""An author's round trip in a real browser: edit, see it; break it, see why; fix it, see the site."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT, STRATHBRAE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MEETING = "audit-scrutiny-2025-03-13"  # the fixture council's meeting with an agenda only


@pytest.fixture
def fixture_preview(tmp_path):  # type: ignore[no-untyped-def]
    """The Strathbrae fixture council as a council's own folder: content/, layouts/, assets/."""
    shutil.copytree(STRATHBRAE, tmp_path / "content")
    for folder in ("layouts", "assets"):
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


def test_preview_edit_break_and_fix_a_meeting_in_the_browser(browser, fixture_preview):
    root, base = fixture_preview
    page = browser.new_page()
    page.goto(base + f"/meetings/{MEETING}/")
    assert "briefing on the Internal Audit Plan" in page.inner_text("main")
    meeting = root / f"content/meetings/{MEETING}.yaml"
    good = meeting.read_text()
    status_line = good.splitlines().index("status: scheduled") + 1

    meeting.write_text(
        good.replace("Members are invited to a briefing", "Edited in the test: members are invited to a briefing")
    )
    page.wait_for_function("document.body.innerText.includes('Edited in the test')", timeout=20000)

    meeting.write_text(good.replace("status: scheduled", "status: sheduled"))
    page.wait_for_function("document.title.includes('Build failed')", timeout=20000)
    assert (
        f'content/meetings/{MEETING}.yaml:{status_line}: "status": "sheduled" is not allowed here '
        '(did you mean "scheduled"?)'
    ) in page.inner_text("main")

    meeting.write_text(good)
    page.wait_for_function("document.title.startsWith('Audit and Scrutiny Committee')", timeout=20000)
    assert "Edited in the test" not in page.inner_text("main")
    page.close()
