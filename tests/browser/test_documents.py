"""A resident finds a document kept as a file by words only the file holds, reads them as a web
page, and downloads the file itself (the Borsetshire fixture council)."""

from __future__ import annotations

from tests.browser.conftest import BORSETSHIRE_AT, wait_for_search


def test_documents_search_finds_a_files_words_and_leads_to_the_file(page, served):
    page.goto(served + BORSETSHIRE_AT + "search/?q=charging+bays&type=Document")
    wait_for_search(page)
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles and titles[0].startswith("Agenda pack"), titles
    page.click(".search-result__title a >> nth=0")
    assert "/documents/cabinet-2025-03-11/agenda-pack-pdf/" in page.url
    assert "would gain 24 electric vehicle charging bays" in page.locator("main").inner_text()
    link = page.locator("main a", has_text="Agenda pack (PDF, 1.9 KB, 3 pages)")
    response = page.request.get(served + link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")


def test_documents_a_report_leads_to_its_original_file(page, served):
    page.goto(served + BORSETSHIRE_AT + "reports/town-centre-parking/")
    original = page.locator(".summary-list div", has_text="The original")
    assert "(PDF, 1.1 KB, 2 pages)" in original.inner_text()
    href = original.locator("a >> nth=0").get_attribute("href")
    assert href.endswith("/documents/reports/town-centre-parking.pdf")
