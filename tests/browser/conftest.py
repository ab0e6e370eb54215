"""Browser and checker fixtures. Chromium is driven with Playwright; axe-core and the Nu HTML
Checker come from the npm registry (`make test` installs them into .cache/tools when npm is
there). Without a tool the tests that need it skip with a message saying how to install it;
with CI=true they fail instead, so CI can never pass without running them."""

from __future__ import annotations

import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_borsetshire, build_fixture_council

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOOLS = Path(os.environ.get("MINUTEBOOK_TOOLS", ROOT / ".cache" / "tools")) / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each page type (each template) of the Strathbrae fixture council.
PAGE_TYPES = {
    "home": "/",
    "committees": "/committees/",
    "committee": "/committees/scrutiny-panel/",
    "meetings": "/meetings/",
    "meeting": "/meetings/policy-resources-2023-11-09/",
    "meeting with agenda": "/meetings/audit-scrutiny-2025-03-13/",
    "cancelled meeting": "/meetings/planning-2024-10-17/",
    "minute": "/meetings/policy-resources-2023-11-09/minutes/4/",
    "report": "/reports/harbour-wall-options/",
    "reviews": "/reviews/",
    "review": "/reviews/winter-roads/",
    "recommendation": "/reviews/winter-roads/recommendations/5/",
    "tracker": "/recommendations/",
    "people": "/people/",
    "person": "/people/calum-struthers/",
    "search with results": "/search/?q=gritting",
    "404": "/404.html",
    "static page": "/accessibility/",
    "matters": "/matters/",
    "matter": "/matters/harbour-wall/",
    "dashboard": "/dashboard/",
    "glossary": "/glossary/",
    "open data": "/data/",
    # The Borsetshire fixture council (Leader and Cabinet), served under /borsetshire/.
    "home with decisions": "/borsetshire/",
    "decisions": "/borsetshire/decisions/",
    "decision": "/borsetshire/decisions/wyvern-bridge-leisure-centre/",
    "exempt decision": "/borsetshire/decisions/mill-lane-depot-disposal/",
    "forward plan": "/borsetshire/forward-plan/",
    "forward plan notice": "/borsetshire/forward-plan/waste-collection-contract/",
    "meeting with decisions": "/borsetshire/meetings/cabinet-2024-12-10/",
    "minute with a motion and votes": "/borsetshire/meetings/council-2024-07-18/minutes/26/",
    "councillor who voted": "/borsetshire/people/cllr-harrowby/",
    "people with former councillors": "/borsetshire/people/",
    "former councillor": "/borsetshire/people/cllr-rutherford/",
    "councillor with a register and a sensitive interest": "/borsetshire/people/cllr-delacroix/",
    "councillor with gifts and a public home address": "/borsetshire/people/cllr-farrant/",
    "wards": "/borsetshire/wards/",
    "ward": "/borsetshire/wards/ashcott-green/",
    "meeting with questions and petitions": "/borsetshire/meetings/council-2025-02-27/",
    "postponed meeting": "/borsetshire/meetings/planning-2024-09-19/",
    "planning decisions": "/borsetshire/planning/",
    "planning application": "/borsetshire/planning/24-0538-ful/",
    "report with its original and appendices as files": "/borsetshire/reports/town-centre-parking/",
    "the words of a document": "/borsetshire/documents/cabinet-2025-03-11/agenda-pack-pdf/",
}
BORSETSHIRE_AT = "/borsetshire/"


def missing(what: str, how: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is needed on CI: {how}")
    pytest.skip(f"{what} not found: {how}")


def chromium_path() -> str | None:
    configured = os.environ.get("MINUTEBOOK_CHROMIUM")
    if configured:
        return configured
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        missing("Chromium", "install it (Debian/Ubuntu: sudo apt-get install chromium) or set MINUTEBOOK_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The Strathbrae fixture council, built as a council builds its site, and the Borsetshire
    one published under it at /borsetshire/."""
    out = tmp_path_factory.mktemp("browser") / "public"
    result = build_fixture_council(out)
    assert result.code == 0, result.stderr
    result = build_borsetshire(out / "borsetshire", "--base-url", "https://democracy.borsetshire.example/borsetshire/")
    assert result.code == 0, result.stderr
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def served(fixture_site: Path):  # type: ignore[no-untyped-def]
    """The built fixture site on 127.0.0.1, as a static host would serve it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(fixture_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh page that records any request leaving the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside_requests = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else page.outside_requests.append(r.url),
    )  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        missing("axe-core", f"run `make test` with npm installed, or npm install --prefix {TOOLS.parent} axe-core")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if shutil.which("java") is None:
        missing("Java", "install it (Debian/Ubuntu: sudo apt-get install default-jre-headless)")
    if not VNU.is_file():
        missing(
            "the Nu HTML Checker", f"run `make test` with npm installed, or npm install --prefix {TOOLS.parent} vnu-jar"
        )
    return VNU


def wait_for_search(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "/result|No results/.test(document.getElementById('search-status').textContent)", timeout=15000
    )


def open_page_type(page, served: str, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """Show one page type at a screen width, ready to inspect (search results loaded)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served + PAGE_TYPES[name])
    if "search" in name:
        wait_for_search(page)
