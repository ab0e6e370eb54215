"""The Borsetshire fixture council (tests/sites/borsetshire), a district council with Leader and
Cabinet, built as of 14 March 2025: its decisions, Forward Plan, call-in, votes and motions are on
their pages and linked both ways, nothing withheld leaks, and it builds without a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import BORSETSHIRE, BORSETSHIRE_AS_OF, build_borsetshire, run_cli
from tests.test_fixture_council import pagefind_text

# Words of the exempt decision (Mill Lane depot) that are withheld, and its public summary.
EXEMPT_WITHHELD = ["Fenwold Homes", "£1,240,000", "£38,000"]
EXEMPT_PUBLISHED = "The Cabinet agreed to sell the former Mill Lane depot, Marlcombe, for housing."


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("borsetshire") / "public"
    result = build_borsetshire(out)
    assert result.code == 0, result.stderr
    assert result.stderr == "", "the fixture council must build without warnings"
    return out


def text_of(built: Path, url: str) -> str:
    html = (built / url.strip("/") / "index.html").read_text(encoding="utf-8")
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_decisions_fixture_checks_without_a_problem_or_a_warning():
    result = run_cli("check", "--content", str(BORSETSHIRE), "--as-of", BORSETSHIRE_AS_OF + "T12:00")
    assert result.code == 0 and "0 warnings" in result.stdout, result.stderr


def test_decisions_register_lists_each_published_decision_with_where_it_stands(built):
    register = text_of(built, "decisions")
    published = sorted(p.name for p in (built / "decisions").iterdir() if p.is_dir())
    assert published == sorted(
        p.stem for p in (BORSETSHIRE / "decisions").glob("*.yaml") if "CANARY" not in p.read_text(encoding="utf-8")
    )
    assert (
        "Open to call-in now Kingsford Town Centre Car Parking Strategy and Charges : can be called in until Wednesday 19 March 2025"
        in register
    )
    assert "Lease of Unit 4, Stonebury Enterprise Park" in register and "Gareth Lyle (delegated power" in register


def test_decisions_a_meeting_and_its_decisions_link_both_ways(built):
    meeting = (built / "meetings/cabinet-2024-12-10/index.html").read_text(encoding="utf-8")
    assert 'href="/decisions/wyvern-bridge-leisure-centre/"' in meeting
    decision = (built / "decisions/wyvern-bridge-leisure-centre/index.html").read_text(encoding="utf-8")
    assert 'href="/meetings/cabinet-2024-12-10/#minute-55"' in decision
    assert 'href="/meetings/overview-scrutiny-2025-01-07/#minute-42"' in decision  # the call-in
    call_in = text_of(built, "meetings/overview-scrutiny-2025-01-07/minutes/42")
    assert (
        "Decision record: Future of Wyvern Bridge Leisure Centre Can be implemented (considered on call-in)" in call_in
    )


def test_decisions_call_in_history_runs_from_notice_to_reconsideration(built):
    page = text_of(built, "decisions/wyvern-bridge-leisure-centre")
    history = page.split("History", 1)[1]
    steps = [
        "Notice of the decision published in the Forward Plan",
        "Decision taken by Cabinet",
        "Decision notice published",
        "Called in",
        "Last day for call-in",
        "Considered by scrutiny",
        "Outcome of the call-in: referred back",
        "Reconsidered: amended",
        "Can be implemented",
    ]
    assert [history.find(step) for step in steps] == sorted(history.find(step) for step in steps)
    assert -1 not in [history.find(step) for step in steps]
    assert "by Councillor Priya Bhatt and Councillor Owen Venning" in page


def test_decisions_forward_plan_links_each_notice_to_its_decision_once_taken(built):
    plan = text_of(built, "forward-plan")
    to_come = plan.split("Decisions to come", 1)[1].split("Notices of decisions since taken", 1)[0]
    assert "Award of the Waste Collection and Street Cleansing Contract 2025-2033" in to_come
    assert "Kingsford Town Centre Car Parking" not in to_come
    notice = (built / "forward-plan/town-centre-parking-strategy/index.html").read_text(encoding="utf-8")
    assert 'href="/decisions/town-centre-parking-strategy/"' in notice
    private = text_of(built, "forward-plan/mill-lane-depot-disposal")
    assert "Part may be considered in private, under paragraph 3 of Schedule 12A" in private


def test_decisions_exempt_decision_keeps_its_summary_and_nothing_else(built):
    everything = "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in built.rglob("*")
        if path.is_file() and "pagefind" not in path.parts
    ) + pagefind_text(built)
    for words in EXEMPT_WITHHELD:
        assert words not in everything
    assert EXEMPT_PUBLISHED in text_of(built, "decisions/mill-lane-depot-disposal")


def test_decisions_votes_and_motions_show_on_the_minute(built):
    minute = text_of(built, "meetings/council-2024-07-18/minutes/26")
    assert "Amendment 1 Lost Moved by Councillor Neil Harrowby , seconded by Councillor Alan Quarrie" in minute
    assert "Votes: 5 in favour, 7 against, 1 abstained." in minute
    assert "The substantive motion, as amended:" in minute
    casting = text_of(built, "meetings/council-2025-02-27")
    assert "The votes were equal; the chair's casting vote was in favour." in casting


def test_decisions_a_councillors_page_lists_what_they_decided_and_called_in(built):
    leader = text_of(built, "people/cllr-ashdown")
    assert leader.count("Emergency support for households flooded on 6 January 2025") == 1
    assert "Decisions they took" in leader
    caller = text_of(built, "people/cllr-bhatt")
    assert "Decisions they called in Future of Wyvern Bridge Leisure Centre , called in 17 December 2024" in caller
