"""The real Rotherham example site: it builds cleanly, links resolve, search finds it,
nothing exempt leaks, and the same content gives the same bytes."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

AS_OF = "2026-11-23"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "public"
    result = run_cli("build", "--output", str(out), "--as-of", AS_OF)
    assert result.code == 0, result.stderr
    assert result.stderr == "", "the example site must build without warnings"
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.fetched: list[tuple[str, str]] = []  # what a browser loads, not what it links to
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append((tag, values[name]))  # type: ignore[arg-type]
                if tag != "a" and values.get("rel") != "canonical":
                    self.fetched.append((tag, values[name]))  # type: ignore[arg-type]


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_example_site_has_a_page_for_every_recommendation(built):
    recs = sorted((ROOT / "content" / "reviews").glob("*/recommendations/*.yaml"))
    assert len(recs) >= 39
    for rec in recs:
        review = rec.parent.parent.name
        assert (built / "reviews" / review / "recommendations" / rec.stem / "index.html").is_file(), rec


def test_example_site_every_internal_link_and_anchor_resolves(built):
    pages = {p: parse(p) for p in built.rglob("*.html") if "pagefind" not in p.parts}
    broken = []
    for page, links in pages.items():
        for _tag, ref in links.refs:
            if re.match(r"^(https?:|mailto:)", ref):
                continue
            path, _, anchor = ref.partition("#")
            target = page if not path else built / path.lstrip("/")
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(built)}: {ref}")
            elif anchor and target.suffix == ".html" and anchor not in pages[target].ids:
                broken.append(f"{page.relative_to(built)}: {ref} (no such anchor)")
    assert broken == []


def test_example_site_makes_no_request_outside_the_site(built):
    for page in built.rglob("*.html"):
        for tag, ref in parse(page).fetched:
            if tag in ("link", "script", "img", "iframe", "source", "video", "audio"):
                assert not re.match(r"^(https?:)?//", ref), f"{page}: {tag} loads {ref}"


def pagefind_text(site: Path) -> str:
    """All indexed text: Pagefind's fragments are gzip-compressed JSON."""
    chunks = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        chunks.append(gzip.decompress(fragment.read_bytes()).decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def test_example_site_search_index_holds_recommendations_and_minutes(built):
    text = pagefind_text(built)
    # A phrase from the Cabinet's response to urinary incontinence recommendation 1.
    assert "toilet facilities provided by SYPTE at its Interchanges" in text
    assert "Recommendation" in text and "Minute" in text
    assert "Skip to main content" not in text, "navigation must be kept out of the index"


def test_example_site_builds_are_byte_for_byte_reproducible(built, tmp_path):
    again = tmp_path / "again"
    assert run_cli("build", "--output", str(again), "--as-of", AS_OF).code == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
