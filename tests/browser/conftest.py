"""Browser tests drive Debian's Chromium with Playwright. Without a browser they skip with a
message saying how to install one; with CI=true they fail instead, so CI can never pass
without running them."""

from __future__ import annotations

import os
import shutil

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW_TO_INSTALL = "install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set MINUTEBOOK_CHROMIUM"


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
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run on CI without a browser: {HOW_TO_INSTALL}")
        pytest.skip(f"no Chromium found: {HOW_TO_INSTALL}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
