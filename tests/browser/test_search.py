"""Search in a real browser, as a resident uses it: type words, press Enter, read results."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_search

# (words typed, a result that must be among the first three)
PHRASES = [
    ("toilet facilities provided by SYPTE", "Recommendation 1: Scrutiny Review - Urinary Incontinence"),
    ("Regional Growth Fund", "Recommendation 8: Scrutiny Review - Supporting the Local Economy"),
    (
        "injunctions against men",
        "Recommendation 1d: Scrutiny of Rotherham's Plans to address Child Sexual Exploitation",
    ),
    (
        "Standing Together pledge",
        "Recommendation 2c: Scrutiny of Rotherham's Plans to address Child Sexual Exploitation",
    ),
    ("Levi Bellfield", "Minute 73: Experiences from and the implications for the local government sector"),
    ("cold case", "Minute 73: Experiences from and the implications for the local government sector"),
    ("hand-in-hand project", "Minute 73: Experiences from and the implications for the local government sector"),
    ("Corporate Parenting Panel", "Minute 25: Improving Lives Select Commission - work programme"),
    ("pre-briefing", "Improving Lives Select Commission, 2 November 2016"),
    ("National Transfer Scheme", "National Transfer Scheme for Unaccompanied Asylum Seeking Children (UASC)"),
    ("Swinton Lock", "CSE Post Abuse Services Update"),
    ("Caroline Webb", "Caroline Webb"),
]


def search(page, served, words: str, **filters: str) -> list[dict]:  # type: ignore[type-arg]
    page.goto(served + "/search/")
    wait_for_search_ready(page)
    for name, value in filters.items():
        page.select_option(f"#filter-{name}", value)
    page.fill("#search-q", words)
    page.press("#search-q", "Enter")
    wait_for_search(page)
    return page.evaluate("""() => [...document.querySelectorAll('.search-result')].map(r => ({
        title: r.querySelector('.search-result__title').innerText,
        href: r.querySelector('a').getAttribute('href'),
        type: r.querySelector('.tag--type') ? r.querySelector('.tag--type').innerText : ''}))""")


def wait_for_search_ready(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")


@pytest.mark.parametrize("words, expected", PHRASES, ids=[p[0] for p in PHRASES])
def test_search_finds_the_record_a_phrase_comes_from(page, served, words, expected):
    titles = [result["title"] for result in search(page, served, words)][:3]
    assert any(title.startswith(expected) for title in titles), titles
    assert page.outside_requests == []


def test_search_type_filter_keeps_only_that_type(page, served):
    everything = search(page, served, "exploitation")
    minutes = search(page, served, "exploitation", type="Minute")
    assert 0 < len(minutes) < len(everything)
    assert {result["type"] for result in minutes} == {"Minute"}


def test_search_committee_filter_keeps_only_that_committee(page, served):
    minutes = search(page, served, "safeguarding", type="Minute", committee="Improving Lives Select Commission")
    assert minutes and all("/meetings/ilsc-" in result["href"] for result in minutes)


def test_search_decision_and_status_filters(page, served):
    deferred = search(page, served, "", decision="deferred")
    assert [r["title"] for r in deferred] == ["Recommendation 13: Scrutiny Review - Supporting the Local Economy"]
    completed = search(page, served, "", type="Recommendation", status="completed")
    assert [r["title"] for r in completed] == ["Recommendation 8: Scrutiny Review - Supporting the Local Economy"]


def test_search_from_the_header_box_on_any_page(page, served):
    page.goto(served + "/committees/")
    page.fill("#header-search-q", "Levi Bellfield")
    page.press("#header-search-q", "Enter")
    wait_for_search(page)
    assert page.locator(".search-result__title").first.inner_text().startswith("Minute 73")
