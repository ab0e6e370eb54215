"""`minutebook new decision` and `minutebook new notice`: files that pass `check` as written,
with comments that say whether the decision can be called in, and plain one-line refusals."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


def _cabinet(site):  # type: ignore[no-untyped-def]
    """The minimal site with a Cabinet and a Cabinet meeting, made as a clerk would make them."""
    for args in (
        ["committee", "cabinet", "Cabinet", "--kind", "executive"],
        ["meeting", "cabinet", "2015-03-10"],
    ):
        result = site.run("new", *args)
        assert result.code == 0, result.stderr


def test_new_notice_and_key_decision_pass_check_and_link_up(site):
    _cabinet(site)
    notice = site.run(
        "new", "notice", "parks-strategy", "--by", "cabinet", "--expected", "2015-03-10", "--published", "2015-01-30"
    )
    assert notice.code == 0, notice.stderr
    assert "clear days" not in notice.stdout  # 38 clear days: enough notice, no note
    decision = site.run(
        "new", "decision", "parks-strategy", "--by", "cabinet", "--meeting", "cabinet-2015-03-10", "--key",
        "--title", 'Parks Strategy 2015-2020: "Green Spaces for All"',
    )  # fmt: skip
    assert decision.code == 0, decision.stderr
    assert "linked to the Forward Plan notice" in decision.stdout
    text = (site.content / "decisions/parks-strategy.yaml").read_text()
    for line in ("committee: cabinet", "date: 2015-03-10", "meeting: cabinet-2015-03-10", "notice: parks-strategy"):
        assert f"\n{line} " in text, line
    assert "can be called in for 5 working days" in text and "# call_in:" in text
    check = site.run("check")
    assert check.code == 0, check.stderr
    assert "parks-strategy" not in check.stderr  # the notice has its decision, and the decision its notice


def test_new_decisions_by_a_councillor_an_officer_and_a_committee_pass_check(site):
    for args in (
        ["play-area-closure", "--by", "cllr-green", "--date", "2015-03-02"],
        ["tree-works", "--by", "ann-black", "--date", "2015-03-03"],
        ["work-programme", "--by", "scrutiny", "--meeting", "scrutiny-2015-01-16"],
    ):
        result = site.run("new", "decision", *args)
        assert result.code == 0, (args, result.stderr)
        assert "the title was made from the id" in result.stdout
    decisions = site.content / "decisions"
    assert "person: cllr-green " in (decisions / "play-area-closure.yaml").read_text()
    assert "called in only when it is a key decision" in (decisions / "tree-works.yaml").read_text()
    by_committee = (decisions / "work-programme.yaml").read_text()
    assert "cannot be called in" in by_committee and "call_in" not in by_committee
    assert "date: 2015-01-16 " in by_committee  # the meeting's date
    check = site.run("check")
    assert check.code == 0, check.stderr


def test_new_notice_at_short_notice_says_so(site):
    result = site.run(
        "new", "notice", "quick", "--by", "cllr-green", "--expected", "2015-03-10", "--published", "2015-03-02"
    )
    assert result.code == 0, result.stderr
    assert "only 7 clear days after 2015-03-02: a key decision needs 28" in result.stdout
    assert "person: cllr-green " in (site.content / "forward-plan/quick.yaml").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["decision", "Parks_Strategy", "--by", "scrutiny"], '"Parks_Strategy" is not a valid decision id'),
        (["notice", "parks strategy", "--by", "scrutiny", "--expected", "2015-03-10"], "is not a valid notice id"),
        (["decision", "x", "--by", "scrutney"], 'there is no committee or person "scrutney"'),
        (["decision", "x", "--by", "scrutiny", "--meeting", "scrutiny-2015-01-17"], 'there is no meeting "scrutiny-2015-01-17"'),
        (["decision", "x", "--by", "scrutiny", "--meeting", "scrutiny-2015-01-16", "--date", "2015-01-17"], "was on 2015-01-16"),
        (["decision", "x", "--by", "scrutiny", "--date", "16/01/2015"], '"16/01/2015" is not a date'),
        (["decision", "x", "--by", "scrutiny", "--key", "--notice", "nope"], 'there is no Forward Plan notice "nope"'),
        (["notice", "x", "--by", "scrutiny", "--expected", "2015-01-01", "--published", "2015-02-01"], "before the notice"),
    ],
)  # fmt: skip
def test_new_decision_and_notice_refuse_bad_input_in_one_line(site, args, message):
    result = site.run("new", *args)
    assert result.code == 1
    assert result.stderr.startswith(f"minutebook new {args[0]}: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (site.content / "decisions").exists() and not (site.content / "forward-plan").exists()


def test_new_notice_published_today_unless_told(site):
    result = site.run("new", "notice", "parks", "--by", "scrutiny", "--expected", "2015-06-01")
    assert result.code == 1 and "published today" in result.stderr and "--published" in result.stderr


def test_new_decision_suggests_the_id_meant(site):
    result = site.run("new", "decision", "x", "--by", "cllr-gren")
    assert result.code == 1 and '(did you mean "cllr-green"?)' in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["decision", "parks", "--by", "scrutiny"],
        ["notice", "parks", "--by", "scrutiny", "--expected", "2015-06-01", "--published", "2015-04-01"],
    ],
)
def test_new_decision_and_notice_never_overwrite(site, args):
    assert site.run("new", *args).code == 0
    path = site.content / ("decisions" if args[0] == "decision" else "forward-plan") / "parks.yaml"
    path.write_text(path.read_text() + "# the clerk's own words\n")
    again = site.run("new", *args)
    assert again.code == 1 and "Traceback" not in again.stderr
    assert again.stderr.splitlines()[0] == f"{path.relative_to(site.root)} already exists; nothing was written."
    assert path.read_text().endswith("# the clerk's own words\n")


def test_new_decision_needs_a_site(tmp_path):
    result = run_cli("new", "decision", "parks", "--by", "cabinet", cwd=tmp_path)
    assert result.code == 1 and "there is no content/site.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "content").exists()
