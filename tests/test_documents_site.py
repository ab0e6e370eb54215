"""Documents kept as files in the Borsetshire fixture council's content/documents/: each file a
published record lists is copied into the site and linked with its type and size in the link
text; its words are a page of their own, which search indexes; the report links to its original;
and a file listed only by an exempt or draft record, or by none, is in no file of the site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import BORSETSHIRE, BORSETSHIRE_AS_OF, build_borsetshire, run_cli
from tests.test_fixture_council import pagefind_text
from tests.test_registers import readable, text_of

DOCUMENTS = BORSETSHIRE / "documents"
EXEMPT_CANARIES = ("CANARY-EXEMPT-DOCUMENT", "CANARY-EXEMPT-REPORT-FILE")
DRAFT_CANARY = "CANARY-DRAFT-FILE"


@pytest.fixture(scope="module", params=[(), ("--drafts",)], ids=["published", "drafts preview"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("documents-drafts" if request.param else "documents") / "public"
    result = build_borsetshire(out, *request.param)
    assert result.code == 0, result.stderr
    return out


def leaks(site: Path, canaries: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(site)), canary)
        for path in site.rglob("*")
        if path.is_file()
        for canary in canaries
        if canary.encode() in readable(path.read_bytes())
    ]


def test_documents_each_listed_file_is_published_byte_for_byte(built):
    for path in ("cabinet-2025-03-11/agenda-pack.pdf", "reports/town-centre-parking-appendix-b.xlsx"):
        assert (built / "documents" / path).read_bytes() == (DOCUMENTS / path).read_bytes()


def test_documents_links_say_the_files_type_and_size_as_govuk_does(built):
    meeting = (built / "meetings/cabinet-2025-03-11/index.html").read_text(encoding="utf-8")
    link = re.search(r'<a href="/documents/cabinet-2025-03-11/agenda-pack.pdf">(.*?)</a>', meeting, re.S)
    assert link is not None
    assert re.sub(r"<[^>]+>", "", link.group(1)) == "Agenda pack (PDF, 1.9 KB, 3 pages)"
    report = text_of(built, "/reports/town-centre-parking/")
    assert "Appendix B - Car park charges from 1 June 2025 (MS Excel Spreadsheet, 4.9 KB)" in report
    decision = text_of(built, "/decisions/town-centre-parking-strategy/")
    assert "Decision notice (MS Word Document, 36 KB)" in decision


def test_documents_a_report_links_to_its_original(built):
    html = (built / "reports/town-centre-parking/index.html").read_text(encoding="utf-8")
    original = html.split("The original", 1)[1].split("</div>", 1)[0]
    assert 'href="/documents/reports/town-centre-parking.pdf"' in original
    assert "(PDF, 1.1 KB, 2 pages)" in original


def test_documents_the_words_of_a_file_are_a_page_that_links_back(built):
    page = text_of(built, "/documents/cabinet-2025-03-11/agenda-pack-pdf/")
    assert "Page 2" in page
    assert "The Tanners Yard multi-storey car park would gain 24 electric vehicle charging bays," in page
    html = (built / "documents/cabinet-2025-03-11/agenda-pack-pdf/index.html").read_text(encoding="utf-8")
    assert 'id="page-3"' in html
    assert 'href="/meetings/cabinet-2025-03-11/"' in html  # the meeting that lists it
    sheet = text_of(built, "/documents/reports/town-centre-parking-appendix-b-xlsx/")
    assert "Charges from 1 June 2025" in sheet and "Tanners Yard multi-storey; 1.2; 3; 6.5" in sheet


def test_documents_search_finds_words_that_only_a_file_holds(built):
    assert "24 electric vehicle charging bays" in pagefind_text(built)
    assert "Item 5: Performance report" in pagefind_text(built)


def test_documents_an_exempt_one_is_listed_by_title_and_never_published(built):
    report = text_of(built, "/reports/town-centre-parking/")
    assert "Appendix C - Valuation of land at Tanners Yard (not for publication: paragraph 3 of Schedule 12A)" in report
    assert not (built / "documents/reports/town-centre-parking-appendix-c.pdf").exists()
    assert not (built / "documents/reports/mill-lane-depot-bids.pdf").exists()
    assert leaks(built, EXEMPT_CANARIES) == []
    index = pagefind_text(built)
    assert [canary for canary in EXEMPT_CANARIES if canary in index] == []


def test_documents_a_drafts_file_is_published_only_in_a_drafts_preview(built):
    preview = "drafts" in built.parent.name
    assert (built / "documents/decisions/shopfront-grants-2025.pdf").exists() == preview
    assert bool(leaks(built, (DRAFT_CANARY,))) == preview


def test_documents_are_in_the_open_data(built):
    rows = json.loads((built / "data/documents.json").read_text(encoding="utf-8"))
    pack = next(row for row in rows if row["title"] == "Agenda pack")
    assert pack["record_type"] == "meeting" and pack["record"] == "cabinet-2025-03-11"
    assert pack["file_type"] == "application/pdf" and pack["pages"] == 3
    assert pack["bytes"] == (DOCUMENTS / "cabinet-2025-03-11/agenda-pack.pdf").stat().st_size
    exempt = next(row for row in rows if row["title"].startswith("Appendix C"))
    assert exempt["exempt"] == 3 and exempt["url"] is None and exempt["file_type"] is None
    events = json.loads((built / "data/ocd-events.json").read_text(encoding="utf-8"))
    cabinet = next(event for event in events if event["id"] == "cabinet-2025-03-11")
    assert cabinet["documents"] == [
        {
            "note": "Agenda pack",
            "links": [
                {
                    "url": "https://democracy.borsetshire.example/documents/cabinet-2025-03-11/agenda-pack.pdf",
                    "media_type": "application/pdf",
                }
            ],
        }
    ]


def test_documents_a_file_no_record_lists_is_warned_of_and_not_published(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BORSETSHIRE, content)
    (content / "documents" / "stray-CANARY.pdf").write_bytes(b"%PDF-1.4 CANARY-UNLISTED")
    result = run_cli(
        "build", "--content", str(content), "--output", str(tmp_path / "out"), "--as-of", BORSETSHIRE_AS_OF
    )
    assert result.code == 0, result.stderr
    assert "documents/stray-CANARY.pdf:1: no meeting, report, decision or notice lists this file" in result.stderr
    assert leaks(tmp_path / "out", ("CANARY-UNLISTED",)) == []
