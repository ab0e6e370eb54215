"""A resident finds what was decided, by whom, how a councillor voted, and whether a decision can
still be challenged, in a few clicks from the home page (the Borsetshire fixture council, as of
14 March 2025)."""

from __future__ import annotations

from tests.browser.conftest import BORSETSHIRE_AT, wait_for_search


def test_decisions_how_a_councillor_voted_on_a_motion_from_the_home_page(page, served):
    page.goto(served + BORSETSHIRE_AT)
    page.click("nav[aria-label=Main] >> text=People")
    page.click("text=Councillor Neil Harrowby")
    votes = page.locator("#votes + p + ul").inner_text()
    assert "Amendment 1 to the motion: Rural bus services. Voted in favour; lost." in votes
    assert "Motion: Rural bus services. Voted against; carried." in votes
    page.click("#votes + p + ul >> text=Motion on notice: rural bus services >> nth=1")
    assert page.url.endswith("/minutes/26/#motion-26-1")
    page.click("#motion-26-1-vote summary")  # the names, behind a disclosure
    assert "Councillor Neil Harrowby" in page.locator("#motion-26-1-vote dl").inner_text()


def test_decisions_whether_a_cabinet_decision_is_still_open_to_call_in(page, served):
    page.goto(served + BORSETSHIRE_AT)
    page.click("nav[aria-label=Main] >> text=Decisions")
    page.click("main >> text=Kingsford Town Centre Car Parking Strategy and Charges >> nth=0")
    standing = page.locator(".decision-standing").inner_text()
    assert standing.startswith("Open to call-in")
    assert "until the end of Wednesday 19 March 2025" in standing


def test_decisions_search_filters_find_decisions_by_status_and_maker(page, served):
    page.goto(served + BORSETSHIRE_AT + "search/?type=Decision&status=open+to+call-in")
    wait_for_search(page)
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles == ["Kingsford Town Centre Car Parking Strategy and Charges"]
    page.goto(served + BORSETSHIRE_AT + "search/?type=Decision&maker=Cabinet&key=Not+a+key+decision")
    wait_for_search(page)
    assert "No results" in page.locator("#search-status").inner_text()
    page.select_option("#filter-key", "Key decision")
    page.wait_for_selector(".search-result__title")
    assert "Future of Wyvern Bridge Leisure Centre" in page.locator(".search-result__title").all_inner_texts()
