"""Councillors' registers of interests, gifts and hospitality in the Borsetshire fixture council:
each register is on its councillor's page, grouped under the Regulations' headings; a sensitive
interest (Localism Act 2011, s.32) and a home address or private phone not agreed to be published
are in no file of the site at all (withhold.py), built for publishing or as a drafts preview."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_borsetshire
from tests.test_fixture_council import pagefind_text

CANARIES = ("CANARY-SENSITIVE-INTEREST", "CANARY-HOME-ADDRESS", "CANARY-HOME-PHONE")
WITHHELD = "Sensitive interest withheld (Localism Act 2011, section 32)"


@pytest.fixture(scope="module", params=[(), ("--drafts",)], ids=["published", "drafts preview"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("registers") / "public"
    result = build_borsetshire(out, *request.param)
    assert result.code == 0, result.stderr
    return out


def readable(data: bytes) -> bytes:
    """A file's bytes, and whatever a gzip or zip file holds (Pagefind's index is gzip-compressed)."""
    if data[:2] == b"\x1f\x8b":
        return readable(gzip.decompress(data))
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"\n".join(readable(archive.read(name)) for name in archive.namelist())
    return data


def text_of(site: Path, url: str) -> str:
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#39;", "'")


def test_registers_withheld_details_are_in_no_file_of_the_site(built):
    files = [path for path in built.rglob("*") if path.is_file()]
    assert len(files) > 100
    leaks = [
        (str(path.relative_to(built)), canary)
        for path in files
        for canary in CANARIES
        if canary.encode() in readable(path.read_bytes()) or canary.lower().encode() in readable(path.read_bytes())
    ]
    assert leaks == []
    index = pagefind_text(built)
    assert "Delacroix" in index  # the index was read
    assert [canary for canary in CANARIES if canary in index] == []


def test_registers_a_sensitive_interest_is_listed_as_withheld_with_its_category_and_date(built):
    page = text_of(built, "people/cllr-delacroix")
    assert "Register of interests" in page
    assert f"Land {WITHHELD} (registered 23 May 2023)" in page
    assert "Teacher, Marlcombe Academy. (registered 23 May 2023)" in page
    assert "violence or intimidation" not in page


def test_registers_entries_are_grouped_under_the_regulations_headings_in_order(built):
    page = text_of(built, "people/cllr-bhatt")
    headings = [
        "Employment, office, trade, profession or vocation Pharmacist, Brook Lane Pharmacy, Kingsford.",
        "Sponsorship £500 towards her election expenses",
        "Land A house in the Kingsford North ward.",
        "Other interests Governor of Kingsford Primary School. (registered 12 September 2023)",
    ]
    where = [page.find(heading) for heading in headings]
    assert -1 not in where and where == sorted(where), where
    assert "Contact at home" not in page and "Home address" not in page  # not agreed to publish


def test_registers_a_partners_interest_and_a_removed_one_say_so(built):
    assert "Staff nurse, Borsetshire Hospitals NHS Foundation Trust. (spouse or partner)" in text_of(
        built, "people/cllr-okonkwo"
    )
    page = text_of(built, "people/cllr-whitlock")
    current, _, removed = page.partition("Removed from the register")
    assert "Wyvern Valley Community Energy" not in current
    assert (
        "Other interests: Director (unpaid) of Wyvern Valley Community Energy CIC. "
        "(registered 24 May 2023, removed 30 April 2024)" in removed
    )


def test_registers_gifts_and_hospitality_and_a_published_home_address_are_shown(built):
    page = text_of(built, "people/cllr-farrant")
    assert "Gifts and hospitality" in page
    newest, older = page.find("24 January 2025"), page.find("8 November 2024")
    assert -1 < newest < older  # newest first
    assert "Royal British Legion, Kingsford branch Lunch after the Holocaust Memorial Day service. about £25" in page
    assert "Borsetshire Chamber of Commerce Dinner at the Chamber's annual awards" in page
    assert "Home address The Old Forge, Hadley Cross HC2 3AB" in page
    assert "Home telephone 01999 340112" in page
    html = (built / "people" / "cllr-farrant" / "index.html").read_text(encoding="utf-8")
    for anchor in ('id="home"', 'id="register"', 'id="gifts"'):
        assert html.count(anchor) == 1, anchor
