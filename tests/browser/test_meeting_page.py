"""A long meeting, read on a phone and on a desktop: what was decided comes first, every minute is
a link away, and a folded minute opens and prints without JavaScript."""

from __future__ import annotations

import pytest

LONG_MEETING = "/meetings/policy-resources-2025-02-13/"  # a budget meeting of some 7,000 words
HEIGHTS = {320: 640, 390: 844, 1280: 900}


@pytest.fixture
def reader(browser, request):  # type: ignore[no-untyped-def]
    width = request.param
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": HEIGHTS[width]})
    yield context.new_page(), HEIGHTS[width]
    context.close()


@pytest.mark.parametrize("reader", list(HEIGHTS), indirect=True)
def test_meeting_first_resolution_of_a_long_meeting_is_within_two_screens(reader, served):
    page, height = reader
    page.goto(served + LONG_MEETING)
    first = page.locator("#decided .decided__item p").nth(1)
    assert first.is_visible()
    assert page.evaluate("(el) => el.getBoundingClientRect().top + scrollY", first.element_handle()) < 2 * height
    assert page.locator("h1").inner_text().startswith("Policy and Resources Committee, ")


@pytest.mark.parametrize("reader", [390], indirect=True)
def test_meeting_each_decision_links_to_its_minute_and_a_folded_minute_opens(reader, served):
    page, _ = reader
    page.goto(served + LONG_MEETING)
    link = page.locator("#decided .decided__minute a").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    folded = page.locator(f"{target} details.minute__text")
    words = folded.locator("p").first
    assert not words.is_visible()  # folded: the resolution is in view, the discussion a click away
    folded.locator("summary").click()
    assert words.is_visible()


@pytest.mark.parametrize("reader", [1280], indirect=True)
def test_meeting_a_folded_minute_prints_in_full(reader, served):
    page, _ = reader
    page.goto(served + LONG_MEETING)
    page.emulate_media(media="print")
    folded = page.locator("details.minute__text").first
    assert folded.locator("p").first.is_visible()
    assert not folded.locator("summary").is_visible()
