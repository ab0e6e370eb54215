"""Search in a real browser, as a resident uses it: type words, press Enter, read results."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_for_search

REVIEW = "Scrutiny Review: Winter Roads Maintenance"

# (words typed, a result that must be among the first three), from the Strathbrae fixture council,
# built as of 2025: a first search covers 2024 onwards, so the records of 2023 are searched for as a
# reader would, with "Search every year" ticked.
PHRASES = [
    ("winter gritting routes", f"Recommendation 1: {REVIEW}"),
    ("second salt barn", f"Recommendation 4: {REVIEW}"),
    ("relief gritter drivers", f"Recommendation 5: {REVIEW}"),
    ("name one person in the Roads service", f"Recommendation 2: {REVIEW}"),
    ("the harbour wall repairs", "Minute 3: Harbour wall repairs: progress"),
    ("Craigmorrach Farm", "Minute 3: 23/00412/FUL: Erection of 12 holiday lodges"),
    ("chandlery", "Minute 4: 24/00045/FUL: Change of use of the former chandlery"),
    ("Auchterbrae turning circle", "Minute 4: Winter roads review: evidence from partners and communities"),
    ("garden waste", "Minute 5: Charging for garden waste collections"),
    ("briefing on the Internal Audit Plan", "Audit and Scrutiny Committee, 13 March 2025"),
    ("sheet steel piled wall", "Harbour wall at Port Ardlin: options and costs for repair"),
    ("Rowan Petrie", "Dr Rowan Petrie"),
]
OF_2023 = {"garden waste", "sheet steel piled wall"}


def search(page, served, words: str, every_year: bool = False, **filters: str) -> list[dict]:  # type: ignore[type-arg]
    page.goto(served + "/search/")
    wait_for_search_ready(page)
    for name, value in filters.items():
        page.select_option(f"#filter-{name}", value)
    if every_year:
        page.check("#filter-archive")
    page.fill("#search-q", words)
    page.press("#search-q", "Enter")
    wait_for_search(page)
    if words:  # not the answer to the filters chosen before the words were typed
        page.wait_for_function(
            "(words) => document.getElementById('search-status').textContent.includes(words)", arg=words
        )
    return shown(page)


def shown(page) -> list[dict]:  # type: ignore[type-arg]
    """The results on the page: each one's title, link, type and the date beside it."""
    return page.evaluate("""() => [...document.querySelectorAll('.search-result')].map(r => ({
        title: r.querySelector('.search-result__title').innerText,
        href: r.querySelector('a').getAttribute('href'),
        type: r.querySelector('.tag--type') ? r.querySelector('.tag--type').innerText : '',
        date: r.querySelector('.search-result__meta').innerText}))""")


def wait_for_search_ready(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")


@pytest.mark.parametrize("every_year", [False, True], ids=["first search", "every year"])
@pytest.mark.parametrize("words, expected", PHRASES, ids=[p[0] for p in PHRASES])
def test_search_finds_the_record_a_phrase_comes_from(page, served, words, expected, every_year):
    results = search(page, served, words, every_year=every_year or words in OF_2023)[:3]
    found = [result for result in results if result["title"].startswith(expected)]
    assert found, [result["title"] for result in results]
    if expected.startswith("Minute "):  # found through its meeting's page, at the minute's own anchor
        assert re.fullmatch(r"/meetings/[a-z0-9-]+/#minute-" + expected.split()[1].rstrip(":"), found[0]["href"])
    assert page.outside_requests == []


def test_search_a_first_search_covers_the_recent_years_and_every_year_when_asked(page, served):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    first = search(page, served, "harbour wall")
    assert first and not [r for r in first if "2023" in r["date"]], first
    assert "from 2024 onwards" in page.inner_text("#search-status")
    assert not [url for url in fetched if "/pagefind/year/" in url], "a first search fetches no older year"
    page.click("text=Search every year")
    page.wait_for_function("!document.getElementById('search-status').textContent.includes('onwards')")
    wait_for_search(page)
    every = [r["href"] for r in shown(page)]
    assert "/meetings/policy-resources-2023-11-09/#minute-4" in every, every
    assert "archive=all" in page.url and page.is_checked("#filter-archive")
    assert [url for url in fetched if "/pagefind/year/2023/" in url]
    page.uncheck("#filter-archive")  # and back: the older years are let go again
    page.wait_for_function("document.getElementById('search-status').textContent.includes('onwards')")
    assert shown(page) and not [r for r in shown(page) if "2023" in r["date"]]


def test_search_choosing_an_older_year_searches_that_year(page, served):
    results = search(page, served, "harbour", year="2023")
    assert results and all("2023" in result["date"] for result in results), results
    assert "onwards" not in page.inner_text("#search-status")


def test_search_type_filter_keeps_only_that_type(page, served):
    everything = search(page, served, "winter")
    minutes = search(page, served, "winter", type="Minute")
    assert 0 < len(minutes) < len(everything)
    assert {result["type"] for result in minutes} == {"Minute"}


def test_search_committee_filter_keeps_only_that_committee(page, served):
    everywhere = search(page, served, "winter", type="Minute")
    minutes = search(page, served, "winter", type="Minute", committee="Policy and Resources Committee")
    assert 0 < len(minutes) < len(everywhere)
    assert all("/meetings/policy-resources-" in result["href"] for result in minutes)


def test_search_decision_and_status_filters(page, served):
    rejected = search(page, served, "", decision="rejected")
    assert [r["title"] for r in rejected] == [f"Recommendation 4: {REVIEW}"]
    noted = search(page, served, "", decision="noted")
    assert [r["title"] for r in noted] == [f"Recommendation 3: {REVIEW}"]
    completed = search(page, served, "", type="Recommendation", status="completed")
    assert sorted(r["title"] for r in completed) == [f"Recommendation 1: {REVIEW}", f"Recommendation 2: {REVIEW}"]


def test_search_from_the_header_box_on_any_page(page, served):
    page.goto(served + "/committees/")
    page.fill("#header-search-q", "Craigmorrach Farm")
    page.press("#header-search-q", "Enter")
    wait_for_search(page)
    assert page.locator(".search-result__title").first.inner_text().startswith("Minute 3")


def excerpts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(".search-result__excerpt").all_inner_texts()


def test_search_excerpt_keeps_a_summary_list_label_apart_from_its_value(page, served):
    # A report page's summary list: "Date", "Directorate", "Author" and their values.
    search(page, served, "directorate", type="Report")
    shown = excerpts(page)
    assert any(re.search(r"\bDirectorate Place\b", text) for text in shown), shown
    assert not [text for text in shown if re.search(r"\b(Date|Directorate|Author|Status)[A-Z]", text)], shown


def test_search_leaves_page_chrome_out_of_the_index(page, served):
    # "Follow this review: its news feed, for a feed reader app", "Download these figures (CSV)":
    # what a page says about itself, on every page of its kind, is not what a resident searches for.
    assert search(page, served, "feed reader app") == []
    search(page, served, "download these figures")
    assert not [text for text in excerpts(page) if "Download these figures" in text]


def test_search_recommendations_of_one_review_come_back_in_number_order(page, served):
    titles = [r["title"] for r in search(page, served, "recommendation", type="Recommendation")]
    assert titles == [f"Recommendation {n}: {REVIEW}" for n in range(1, 7)]


@pytest.mark.parametrize("width, height", [(320, 568), (390, 844)])
def test_search_on_a_phone_the_results_come_before_the_filters(page, served, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(served + "/search/?q=winter")
    wait_for_search(page)
    first = page.locator(".search-result").first.bounding_box()
    filters = page.locator("#search-filters").bounding_box()
    assert first["y"] < filters["y"]
    if width >= 390:
        assert first["y"] < height, "the first result is below the first screen"


def test_search_on_a_wide_screen_the_results_and_filters_are_both_on_the_first_screen(page, served):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served + "/search/?q=winter")
    wait_for_search(page)
    first = page.locator(".search-result").first.bounding_box()
    filters = page.locator("#search-filters").bounding_box()
    assert first["y"] < 800 and filters["y"] < 800
    assert filters["x"] > first["x"] + first["width"] - 1, "the filters sit beside the results"


def test_search_filters_after_the_results_still_go_with_the_form_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(served + "/search/")
        page.fill("#search-q", "winter")
        page.select_option("#filter-type", "Minute")
        page.locator("#search-filters button[type=submit]").click()
        page.wait_for_url("**/search/?*")
        assert "q=winter" in page.url and "type=Minute" in page.url
    finally:
        context.close()
