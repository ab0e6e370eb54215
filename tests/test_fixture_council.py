"""The Strathbrae fixture council (tests/sites/strathbrae): a whole site unlike the example in
content/, built as a council would build it. It builds without a warning, its links resolve, search
finds it, nothing exempt leaks, the same content gives the same bytes, and its own words for
roles, its review body and its municipal year show on the pages."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import STRATHBRAE, STRATHBRAE_AS_OF, build_fixture_council, run_cli

# The exempt item (minute and report) of the Policy and Resources Committee, 9 November 2023:
# words from what is withheld, and what may be published of it.
EXEMPT_WITHHELD = ["£185,000", "District Valuer"]
EXEMPT_PUBLISHED = [
    "Disposal of the former Glenmorrach roads depot",
    "The Committee agreed to sell the former Glenmorrach roads depot.",
]


def build(out: Path) -> None:
    result = build_fixture_council(out)
    assert result.code == 0, result.stderr
    assert result.stderr == "", "the fixture council must build without warnings"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("strathbrae") / "public"
    build(out)
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


class Texts(HTMLParser):
    """The text of every element of some tags, each as one string (nested markup included)."""

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__()
        self.tags = tags
        self.open: list[tuple[str, list[str]]] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.tags:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            name, parts = self.open.pop()
            self.found.append((name, " ".join("".join(parts).split())))

    def handle_data(self, data: str) -> None:
        for _tag, parts in self.open:
            parts.append(data)


def texts(html: str, *tags: str) -> list[tuple[str, str]]:
    parser = Texts(tags)
    parser.feed(html)
    return parser.found


def pagefind_text(site: Path) -> str:
    """All indexed text: Pagefind's fragments are gzip-compressed JSON."""
    chunks = []
    for fragment in (site / "pagefind").rglob("*.pf_fragment"):  # the main bundle's and each year's
        chunks.append(gzip.decompress(fragment.read_bytes()).decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def test_fixture_council_checks_without_a_problem_or_a_warning():
    result = run_cli("check", "--content", str(STRATHBRAE), "--as-of", STRATHBRAE_AS_OF)
    assert result.code == 0, result.stderr
    assert result.stderr == "" and "0 warnings" in result.stdout, result.stdout + result.stderr


def test_fixture_council_has_a_page_for_every_recommendation(built):
    recs = sorted((STRATHBRAE / "reviews").glob("*/recommendations/*.yaml"))
    assert len(recs) >= 6
    for rec in recs:
        review = rec.parent.parent.name
        assert (built / "reviews" / review / "recommendations" / rec.stem / "index.html").is_file(), rec


def test_fixture_council_every_internal_link_and_anchor_resolves(built):
    pages = {p: parse(p) for p in built.rglob("*.html") if "pagefind" not in p.parts}
    broken = []
    for page, links in pages.items():
        for _tag, ref in links.refs:
            if re.match(r"^(https?:|mailto:|tel:)", ref):
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


def test_fixture_council_makes_no_request_outside_the_site(built):
    for page in built.rglob("*.html"):
        for tag, ref in parse(page).fetched:
            if tag in ("link", "script", "img", "iframe", "source", "video", "audio"):
                assert not re.match(r"^(https?:)?//", ref), f"{page}: {tag} loads {ref}"


def test_fixture_council_site_holds_nothing_from_the_example_in_content(built):
    """Built with --content from the checkout, nothing of the checkout's own content/ gets in."""
    for path in built.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            assert b"Rotherham" not in path.read_bytes(), path
    assert "Rotherham" not in pagefind_text(built)
    assert not (built / "committees" / "osmb").exists()


def test_fixture_council_search_index_holds_recommendations_and_minutes(built):
    text = pagefind_text(built)
    # From the Policy and Resources Committee's response to recommendation 4 (rejected).
    assert "1,500 tonnes of salt will be stocked at the Auchterbrae yard" in text
    # From a minute of the Planning Committee.
    assert "three passing places on the road past Craigmorrach Farm" in text
    assert "Recommendation" in text and "Minute" in text
    assert "Skip to main content" not in text, "navigation must be kept out of the index"
    assert not re.search(r"(Decision|Progress)\d{3,}", text), "a chart's bars are not words to search for"


def test_fixture_council_search_indexes_each_minute_once_through_its_meeting(built):
    indexed = re.findall(r'"url":"([^"]+)"', pagefind_text(built))
    assert any("/meetings/planning-2024-02-15/" == url for url in indexed)
    assert not [url for url in indexed if "/minutes/" in url], "a minute page repeats its meeting's words"
    assert (built / "meetings" / "planning-2024-02-15" / "minutes" / "3" / "index.html").exists()  # still there


def test_fixture_council_exempt_item_keeps_its_title_and_summary_and_nothing_else(built):
    for path in built.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            data = path.read_bytes()
            for words in EXEMPT_WITHHELD:
                assert words.encode() not in data, f"{path}: {words}"
    index = pagefind_text(built)
    assert [words for words in EXEMPT_WITHHELD if words in index] == []
    meeting = (built / "meetings" / "policy-resources-2023-11-09" / "index.html").read_text()
    for words in EXEMPT_PUBLISHED:
        assert words in meeting
    assert "paragraph 3" in meeting


def test_fixture_council_builds_are_byte_for_byte_reproducible(built, tmp_path):
    again = tmp_path / "again"
    build(again)
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


# --- the council's own words -------------------------------------------------------------------


def test_fixture_council_meeting_page_names_whoever_chaired_the_convener(built):
    page = (built / "meetings" / "scrutiny-panel-2023-10-19" / "index.html").read_text()
    attendance = page.split('id="attendance"', 1)[1].split("</dl>", 1)[0]
    found = texts(attendance, "dt", "dd")
    labels = [text for tag, text in found if tag == "dt"]
    assert "Convener" in labels, labels
    assert "Chair" not in labels, labels
    assert found[found.index(("dt", "Convener")) + 1] == ("dd", "Councillor Morven Sinclair")


def test_fixture_council_members_table_gives_the_convener_and_vice_convener(built):
    page = (built / "committees" / "scrutiny-panel" / "index.html").read_text()
    table = page.split('data-csv="members"', 1)[1].split("</table>", 1)[0]
    cells = [text for _tag, text in texts(table.split("<tbody>", 1)[1], "th", "td")]
    rows = [tuple(cells[i : i + 3]) for i in range(0, len(cells), 3)]  # name, role, term
    roles = {(name, role) for name, role, _term in rows}
    assert ("Councillor Morven Sinclair", "Convener") in roles, rows
    assert ("Councillor Grant Menzies", "Vice-Convener") in roles, rows
    assert ("Mrs Jean Buchan (Strathbrae Federation of Community Councils)", "Co-opted member") in roles, rows
    assert not {role for _name, role in roles} & {"Chair", "Vice-chair", "Vice-Chair"}, rows


def test_fixture_council_dashboard_groups_by_panel(built):
    page = (built / "dashboard" / "index.html").read_text()
    headings = [text for _tag, text in texts(page, "h2")]
    assert "By panel" in headings, headings
    assert "By committee" not in headings


def meetings_by_municipal_year(page: str) -> dict[str, list[str]]:
    """A committee page's meetings: {"2024/25": [meeting ids in order], ...}, as the page lists them."""
    section = page.split('id="meetings"', 1)[1]
    section = re.split(r'<h2 id="(?!meetings)', section, maxsplit=1)[0]
    years: dict[str, list[str]] = {}
    for part in re.split(r"<h3[^>]*>", section)[1:]:
        heading, _, rest = part.partition("</h3>")
        year = re.search(r"\d{4}/\d{2}", heading)
        assert year and "Municipal year" in re.sub(r"<[^>]+>", "", heading), heading
        years[year.group()] = list(dict.fromkeys(re.findall(r'href="/meetings/([a-z0-9-]+)/"', rest)))
    return years


def test_fixture_council_municipal_year_starts_at_the_annual_meeting_or_on_1_june(built):
    def years(committee: str) -> dict[str, list[str]]:
        return meetings_by_municipal_year((built / "committees" / committee / "index.html").read_text())

    # The Annual Meeting of 30 May 2024 starts 2024/25 (without it, 1 June would).
    assert years("council") == {"2024/25": ["council-2024-05-30"], "2023/24": ["council-2023-09-14"]}
    # 16 May 2024 is before that Annual Meeting, so still in 2023/24 (a year starting 1 May would not be).
    assert years("policy-resources") == {
        "2024/25": ["policy-resources-2024-11-28", "policy-resources-2025-02-13"],
        "2023/24": ["policy-resources-2023-11-09", "policy-resources-2024-05-16"],
    }
    # No Annual Meeting is recorded for 2025, so 2025/26 starts on 1 June: 22 May 2025 is in 2024/25.
    assert years("planning") == {
        "2024/25": ["planning-2024-10-17", "planning-2025-05-22"],
        "2023/24": ["planning-2024-02-15"],
    }
    assert list(years("council")) == ["2024/25", "2023/24"], "newest year first"


def test_fixture_council_search_index_is_in_parts_the_recent_years_first(built):
    """Built as of 2025: the main bundle holds 2024 onwards and the undated pages, and 2023 is a
    bundle of its own, listed for the search page to merge, without Pagefind's scripts again."""
    assert json.loads((built / "pagefind/parts.json").read_text()) == {"years": {"2023": "year/2023/"}}
    older = built / "pagefind/year/2023"
    assert sorted(path.name for path in older.iterdir() if path.is_dir()) == ["filter", "fragment", "index"]
    assert not list(older.glob("*.js")) and not list(older.glob("wasm.*"))

    def urls(bundle: Path) -> list[str]:
        text = "\n".join(gzip.decompress(f.read_bytes()).decode() for f in (bundle / "fragment").glob("*"))
        return re.findall(r'"url":"([^"]+)"', text)

    recent, of_2023 = urls(built / "pagefind"), urls(older)
    assert (
        "/meetings/policy-resources-2023-11-09/" in of_2023 and "/meetings/policy-resources-2023-11-09/" not in recent
    )
    assert "/meetings/policy-resources-2024-11-28/" in recent and "/people/calum-struthers/" in recent
    assert not set(recent) & set(of_2023)
