"""Restraint: a page links each glossary term once, where it helps, and says each thing once."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES, wait_for_search

# Pages that say a glossary term more than once: each committee page has a heading per municipal year.
MORE_PAGES = {"committee with several municipal years": "/committees/council/"}
ALL_PAGES = {**PAGE_TYPES, **MORE_PAGES}
GLOSSARY_LINKS = """() => [...document.querySelectorAll('a.glossary-term, a[href*="/glossary/#"]')].map(a => ({
    href: a.getAttribute('href'), words: a.innerText,
    inside: (a.closest('h1, h2, h3, h4, h5, h6, th, button, summary') || {}).tagName || ''}))"""


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_restraint_a_glossary_term_is_linked_once_and_never_in_a_heading(page, served, name):
    page.goto(served + ALL_PAGES[name])
    if "search" in name:
        wait_for_search(page)
    links = page.evaluate(GLOSSARY_LINKS)
    assert [link for link in links if link["inside"]] == [], "a glossary link in a heading, table header or button"
    hrefs = [link["href"] for link in links]
    assert sorted({h for h in hrefs if hrefs.count(h) > 1}) == [], "a glossary term linked more than once"


def test_restraint_the_home_page_introduction_does_not_send_readers_to_the_glossary(page, served):
    page.goto(served + "/")
    assert page.locator(".lead a[href*='glossary']").count() == 0


@pytest.mark.parametrize("width", [320, 1280])
def test_restraint_a_monitoring_update_is_shown_once_on_its_recommendation(page, served, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served + "/reviews/winter-roads/recommendations/5/")
    text = page.locator("main").inner_text()
    assert text.count("Eight relief drivers are trained") == 1
    assert text.count("Twelve staff have volunteered") == 1
    # the meeting an update was reported to is still one click away
    assert page.locator("main a[href$='/meetings/audit-scrutiny-2024-09-12/']").count() >= 1
