"""With JavaScript off, every page but search works fully, and search says what to do instead."""

from __future__ import annotations

import pytest

from tests.browser.conftest import BORSETSHIRE_AT, PAGE_TYPES

WITHOUT_SEARCH = {name: path for name, path in PAGE_TYPES.items() if "search" not in name}


@pytest.fixture
def no_js_page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", WITHOUT_SEARCH)
def test_without_javascript_pages_show_all_their_content(no_js_page, served, name):
    no_js_page.goto(served + WITHOUT_SEARCH[name])
    assert no_js_page.locator("h1").count() == 1
    assert len(no_js_page.inner_text("main")) > 100
    sections = 7 if WITHOUT_SEARCH[name].startswith(BORSETSHIRE_AT) else 6  # with decisions, a Decisions link
    assert no_js_page.locator("nav[aria-label=Main] a").count() == sections


def test_without_javascript_a_meeting_links_to_each_minute_and_the_links_work(no_js_page, served):
    no_js_page.goto(served + "/meetings/policy-resources-2023-11-09/")
    no_js_page.click("text=Minute 4 on its own page")
    assert no_js_page.locator("h1").inner_text().startswith("Minute 4:")


def test_without_javascript_search_page_says_how_to_find_things(no_js_page, served):
    no_js_page.goto(served + "/search/?q=gritting")
    message = no_js_page.inner_text("main")
    assert "Search needs JavaScript, which is turned off in your browser." in message
    assert no_js_page.locator("main a", has_text="recommendations tracker").count() == 1
