"""Nothing confidential, exempt, draft or embargoed reaches any output file or the search
index; drafts appear only in a --drafts preview, marked; withdrawn content disappears."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_cli

NEVER = [
    "CANARY-CONFIDENTIAL-TITLE",
    "CANARY-CONFIDENTIAL-MINUTE-TITLE",
    "CANARY-CONFIDENTIAL-BODY",
    "CANARY-CONFIDENTIAL-REPORT-TITLE",
    "CANARY-CONFIDENTIAL-REPORT-BODY",
    "CANARY-EXEMPT-BODY",
    "CANARY-EXEMPT-RESOLUTION",
    "CANARY-EXEMPT-SUMMARY",
    "CANARY-EXEMPT-REPORT-BODY",
]
UNPUBLISHED = [
    "CANARY-DRAFT-MEETING",
    "CANARY-DRAFT-PAGE-TITLE",
    "CANARY-DRAFT-PAGE-BODY",
    "CANARY-EMBARGOED-RECOMMENDATION",
]


def build(out: Path, *extra: str, content: Path = MINIMAL) -> None:
    result = run_cli("build", "--content", str(content), "--output", str(out), *extra)
    assert result.code == 0, result.stderr


def every_text(site: Path) -> str:
    """Every output file as text, with Pagefind's gzip-compressed index files decompressed."""
    texts = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta"):
            data = gzip.decompress(data)
        texts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published") / "public"
    build(out, "--as-of", "2015-06-01T12:00")
    return out


def test_publication_canaries_reach_no_file_and_no_search_index(published):
    for canary in NEVER + UNPUBLISHED:
        assert canary in "".join(p.read_text() for p in MINIMAL.rglob("*.*") if p.is_file()), canary
    text = every_text(published)
    assert len(list((published / "pagefind" / "fragment").iterdir())) > 5
    assert [canary for canary in NEVER + UNPUBLISHED if canary in text] == []


def test_publication_exempt_items_show_title_and_paragraph_only(published):
    meeting = (published / "meetings/scrutiny-2015-01-16/index.html").read_text()
    assert "Sale of land at Mill Lane" in meeting
    assert "paragraph 3 of Schedule 12A" in meeting
    assert "The Board agreed the recommendation in the exempt report." in meeting
    report = (published / "reports/land-sale-report/index.html").read_text()
    assert "not for publication: paragraph 3 of Schedule 12A" in report


def test_publication_confidential_items_leave_no_trace(published):
    meeting = (published / "meetings/scrutiny-2015-01-16/index.html").read_text()
    assert "staffing" not in meeting.lower()
    assert 'id="item-4"' not in meeting and 'id="minute-4"' not in meeting
    assert not (published / "reports/staffing-report").exists()
    assert not (published / "meetings/scrutiny-2015-01-16/minutes/4").exists()


def test_publication_embargo_lifts_at_its_time(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    build(before, "--as-of", "2015-07-01T08:59", "--no-search")
    build(after, "--as-of", "2015-07-01T09:00", "--no-search")
    assert not (before / "reviews/play-areas/recommendations/3").exists()
    assert "CANARY-EMBARGOED-RECOMMENDATION" in (after / "reviews/play-areas/recommendations/3/index.html").read_text()


def test_publication_drafts_preview_marks_drafts_but_never_shows_confidential(tmp_path):
    out = tmp_path / "preview"
    build(out, "--as-of", "2015-06-01", "--drafts", "--no-search")
    page = (out / "draft-news/index.html").read_text()
    assert "Draft: this is not published" in page
    rec = (out / "reviews/play-areas/recommendations/3/index.html").read_text()
    assert "Embargoed until 1 July 2015 at 09:00" in rec
    tracker = (out / "recommendations/index.html").read_text()
    assert 'tag--flag-draft">Draft<' in tracker  # lists flag what only a preview shows
    assert "Preview with drafts" in (out / "index.html").read_text()  # and so does every page
    text = every_text(out)
    assert [canary for canary in NEVER if canary in text] == []


def test_publication_withdrawn_meeting_disappears_everywhere(site):
    def build_site() -> str:
        assert site.run("build", "--as-of", "2015-06-01").code == 0
        return every_text(site.root / "public")

    assert "scrutiny-2015-03-13" in build_site()
    path = site.content / "meetings/scrutiny-2015-03-13.yaml"
    path.write_text(path.read_text() + "draft: true\n")
    text = build_site()
    assert not (site.root / "public/meetings/scrutiny-2015-03-13").exists()
    assert re.findall(r"scrutiny-2015-03-13", text) == []  # lists, next-meeting links, search index


def test_publication_a_drafts_build_left_in_the_output_is_never_kept_by_the_next_build(site):
    cached = ("--as-of", "2015-06-01", "--cache", ".cache/minutebook", "--output", "site")
    assert site.run("build", *cached, "--drafts").code == 0
    assert "CANARY-DRAFT-PAGE-BODY" in every_text(site.root / "site")
    assert site.run("build", *cached).code == 0
    assert [canary for canary in NEVER + UNPUBLISHED if canary in every_text(site.root / "site")] == []


def test_publication_files_changed_or_added_in_the_output_by_hand_do_not_survive_a_build(site):
    fresh = site.run("build", "--as-of", "2015-06-01", "--no-cache", "--output", "fresh")  # the truth: no cache
    assert fresh.code == 0, fresh.stderr
    truth = {
        p.relative_to(site.root / "fresh"): p.read_bytes() for p in (site.root / "fresh").rglob("*") if p.is_file()
    }
    public = site.root / "public"

    def published() -> dict[Path, bytes]:
        return {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()}

    assert site.run("build", "--as-of", "2015-06-01", "--cache", ".cache/minutebook").code == 0
    home = public / "index.html"
    home.write_text(home.read_text().replace("</main>", "CANARY-PLANTED</main>"))  # in place: the same inode
    assert site.run("build", "--as-of", "2015-06-01", "--cache", ".cache/minutebook").code == 0
    assert published() == truth
    (public / "planted.html").write_text("CANARY-PLANTED")
    assert site.run("build", "--as-of", "2015-06-01", "--cache", ".cache/minutebook").code == 0
    assert published() == truth


# Records that only withheld records lead to, written into a copy of the minimal site.
FOLLOWING = {
    "people/mr-grey.yaml": "name: CANARY-WITNESS-IN-CONFIDENTIAL Grey\nkind: witness\n",
    "people/mrs-plum.yaml": "name: CANARY-WITNESS-IN-DRAFT Plum\nkind: witness\n",
    "reports/valuation-report.md": "---\ntitle: Valuation of Mill Lane\nmeeting: scrutiny-2015-01-16\n"
    'agenda_item: "5"\ndate: 2015-01-16\n---\nCANARY-INHERITED-EXEMPT-REPORT-BODY\n',
    "reports/grievance-report.md": "---\ntitle: CANARY-INHERITED-CONFIDENTIAL-REPORT-TITLE\n"
    'meeting: scrutiny-2015-01-16\nagenda_item: "6"\ndate: 2015-01-16\n---\nCANARY-INHERITED-CONFIDENTIAL-REPORT-BODY\n',
}
FOLLOWING_MEETING = """
      - number: 5
        title: Valuation of land at Mill Lane
        exempt: 3
        report: valuation-report
        minute: 5
      - number: 6
        title: A staffing grievance
        confidential: true
        minute: 6
"""
FOLLOWING_MINUTES = """
  - number: 5
    title: Valuation of land at Mill Lane
    agenda_item: "5"
    public_summary: The Board noted the valuation.
    body: CANARY-INHERITED-EXEMPT-MINUTE-BODY
    resolutions:
      - text: CANARY-INHERITED-EXEMPT-RESOLUTION That the valuation be noted.
  - number: 6
    title: CANARY-INHERITED-CONFIDENTIAL-MINUTE-TITLE
    agenda_item: "6"
    body: CANARY-INHERITED-CONFIDENTIAL-MINUTE-BODY, with [[person:mr-grey]].
  - number: 7
    title: Play areas again
    body: See [[recommendation:play-areas/3]].
"""
FOLLOWING_NEVER = [
    "CANARY-WITNESS-IN-CONFIDENTIAL",
    "CANARY-WITNESS-IN-DRAFT",
    "mr-grey",
    "mrs-plum",
    "CANARY-DECLARATION-ON-CONFIDENTIAL",
    "CANARY-INHERITED-EXEMPT-REPORT-BODY",
    "CANARY-INHERITED-CONFIDENTIAL-REPORT-TITLE",
    "CANARY-INHERITED-CONFIDENTIAL-REPORT-BODY",
    "grievance-report",
    "CANARY-INHERITED-EXEMPT-MINUTE-BODY",
    "CANARY-INHERITED-EXEMPT-RESOLUTION",
    "CANARY-INHERITED-CONFIDENTIAL-MINUTE-TITLE",
    "CANARY-INHERITED-CONFIDENTIAL-MINUTE-BODY",
    "recommendations/3/",
    "play-areas/3",
    "scrutiny-2015-05-15",
    "minute-4",
]


def test_publication_withholding_follows_the_record_to_what_it_leads_to(site):
    for relative, text in FOLLOWING.items():
        site.write(relative, text)
    meeting = site.content / "meetings/scrutiny-2015-01-16.yaml"
    text = meeting.read_text()
    text = text.replace("        minute: 4\n", "        minute: 4\n" + FOLLOWING_MEETING.lstrip("\n"), 1)
    text = text.replace(
        "declarations:\n",
        "declarations:\n  - person: cllr-brown\n    interest: personal\n"
        "    minute: 4\n    description: CANARY-DECLARATION-ON-CONFIDENTIAL\n",
        1,
    )
    text = text.replace("agenda_published:", FOLLOWING_MINUTES.lstrip("\n") + "agenda_published:", 1)
    meeting.write_text(text)
    draft = site.content / "meetings/scrutiny-2015-05-15.yaml"
    draft.write_text(draft.read_text() + "attendance:\n  witnesses: [mrs-plum]\n")
    person = site.content / "people/ms-white.yaml"
    person.write_text(person.read_text() + "note: Ms White will present at [[meeting:scrutiny-2015-05-15]].\n")
    result = site.run("build", "--as-of", "2015-06-01")
    assert result.code == 0, result.stderr
    published = every_text(site.root / "public")
    assert "Valuation of land at Mill Lane" in published and "Play areas again" in published
    assert [canary for canary in FOLLOWING_NEVER + NEVER + UNPUBLISHED if canary in published] == []


def test_publication_check_says_where_a_record_is_withheld_because_of_its_agenda_item(site):
    for relative, text in FOLLOWING.items():
        site.write(relative, text)
    meeting = site.content / "meetings/scrutiny-2015-01-16.yaml"
    text = meeting.read_text().replace("        minute: 4\n", "        minute: 4\n" + FOLLOWING_MEETING.lstrip("\n"), 1)
    meeting.write_text(text.replace("agenda_published:", FOLLOWING_MINUTES.lstrip("\n") + "agenda_published:", 1))
    result = site.run("check", "--as-of", "2015-06-01")
    assert result.code == 0, result.stderr
    assert (
        "warning: content/reports/valuation-report.md:2: the report is published as exempt (paragraph 3 of "
        "Schedule 12A) because agenda item 5 is exempt\n  fix: add `exempt: 3`" in result.stderr
    )
    assert (
        "content/reports/grievance-report.md:2: the report is withheld entirely because agenda item 6" in result.stderr
    )
    assert "scrutiny-2015-01-16.yaml:74: minute 5 is published as exempt" in result.stderr
    assert "scrutiny-2015-01-16.yaml:81: minute 6 is withheld entirely" in result.stderr
