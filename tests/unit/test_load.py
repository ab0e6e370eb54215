import os
from pathlib import Path

import pytest

from minutebook.checks import check_content
from minutebook.errors import Problems
from minutebook.load import load_content
from minutebook.model import Markdown
from minutebook.references import references, unfinished


def test_load_refuses_a_symlink_to_a_file_outside_the_site(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("name: Secret\nkind: officer\n")
    os.symlink(outside, site.content / "people" / "secret.yaml")
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert problems.errors[0].message == "this file is a link to a file outside the site"


def test_load_reports_a_misplaced_folder_with_a_suggestion(site):
    (site.content / "meeting").mkdir()
    problems = Problems(root=site.root)
    load_content(site.content, problems)
    assert problems.errors[0].message == '"meeting" is not part of a minutebook site (did you mean "meetings"?)'


def test_load_sorts_recommendations_as_a_council_numbers_them(site):
    for rec_id in ("10", "2a", "1b"):
        site.write(f"reviews/play-areas/recommendations/{rec_id}.yaml", "text: More.\n")
    content = load_content(site.content, Problems(root=site.root))
    assert [r.id for r in content.reviews["play-areas"].recommendations] == ["1", "1b", "2", "2a", "3", "5", "10"]


# --- files that cannot be read -----------------------------------------------------------------


def test_load_reports_a_file_it_may_not_read_with_the_reason(site, monkeypatch):
    # Tests may run as root, where chmod 000 does not stop reading: raise the OSError instead.
    locked = site.content / "people" / "ann-black.yaml"
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert [e.format() for e in problems.errors] == [
        (
            "content/people/ann-black.yaml:1: this file cannot be read (permission denied)\n"
            "  fix: check that you can open the file in your editor; if not, ask whoever manages the "
            "folder to let you read it, or save a new copy of it"
        )
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_load_reports_a_file_without_read_permission(site):
    (site.content / "people" / "ann-black.yaml").chmod(0)
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert problems.errors[0].message == "this file cannot be read (permission denied)"


def test_load_names_a_link_to_a_missing_file_by_the_link(site):
    os.symlink("nobody.yaml", site.content / "people" / "ghost.yaml")
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert [(e.path, e.message) for e in problems.errors] == [
        ("content/people/ghost.yaml", "this file cannot be read (it is a link to a file that is not there)")
    ]


def test_load_reports_a_link_that_leads_back_to_itself(site):
    os.symlink("loop.yaml", site.content / "people" / "loop.yaml")
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert [(e.path, e.message) for e in problems.errors] == [
        ("content/people/loop.yaml", "this file cannot be read (it is a link that leads back to itself)")
    ]


# --- YAML that would take the build down --------------------------------------------------------


def test_load_reports_lists_nested_too_deeply_for_the_parser(site):
    site.write("people/ann-black.yaml", "name: " + "[" * 400 + "]" * 400 + "\nkind: officer\n")
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert problems.errors[0].message == "the file has lists or groups of fields nested too deeply to be read"


def _laughs(levels: int) -> str:
    """A "billion laughs": each level repeats the last nine times, and the committee's kind is the
    last level (reading a kind writes it out, copying every alias)."""
    lines = ['  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels - 1)]
    kind = "[" + ", ".join([f"*a{levels - 2}"] * 9) + "]"
    return "name: Board\nshort_name: B\nwork_programme:\n" + "\n".join(lines) + f"\nkind: {kind}\n"


def test_load_refuses_aliases_that_expand_too_far_without_expanding_them(site):
    # 9**40 values once copied out: only a count over the shared values can finish.
    site.write("committees/scrutiny.yaml", _laughs(40))
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert [(e.line, e.message) for e in problems.errors] == [
        (43, '"kind" uses YAML aliases (&/*) that expand too far')
    ]


def test_load_accepts_a_few_aliases(site):
    meeting = (site.content / "meetings" / "scrutiny-2015-01-16.yaml").read_text()
    meeting = meeting.replace("present: [cllr-brown, ms-white]", "present: &members [cllr-brown, ms-white]")
    site.write("meetings/scrutiny-2015-01-16.yaml", meeting.replace("officers: [ann-black]", "witnesses: *members"))
    site.write(
        "reviews/play-areas/recommendations/1.yaml",
        "text: &same More play areas.\nresponse:\n  decision: noted\n  text: *same\n",
    )
    problems = Problems(root=site.root)
    content = load_content(site.content, problems)
    assert problems.errors == []
    assert content.meetings["scrutiny-2015-01-16"].attendance.witnesses == ["cllr-brown", "ms-white"]
    assert content.reviews["play-areas"].recommendations[0].response.text == "More play areas."


# --- [[kind:id]] references, as loaded Markdown is checked ----------------------------------------


def test_references_are_found_in_one_pass_over_200_kb_of_brackets():
    # A quadratic scan of these takes many minutes; one pass takes milliseconds.
    for text in ("[[" * 100_000, "[[x" * 70_000, "[[a|b" * 40_000):
        assert list(references(text)) == []
        assert unfinished(text) is None  # starts no [[kind:id]]: ordinary text, as in "[[2019] UKSC 5](...)"
    assert unfinished("[[a:b" * 40_000) == 0
    text = Markdown.located("[[meeting:" * 20_000 + "\n[[meeting:m-1|the [draft] one]]\n[[[person:p]]]", "m.md", 5)
    assert [(r.target, r.line) for r in references(text)] == [("meeting:m-1", 6), ("person:p", 7)]
    assert unfinished(text) == 5


def test_check_reports_200_kb_of_unfinished_links_in_a_page_as_one(site, monkeypatch):
    monkeypatch.chdir(site.root)  # records name their files from here, as when run by build.py
    site.write("pages/about.md", "---\ntitle: About\n---\nRead this.\n\n" + "[[meeting:" * 20_000 + "\n")
    site.write(
        "pages/cases.md", "---\ntitle: Cases\n---\nSee [[2019] UKSC 5](https://example.org/) and " + "[[" * 50_000
    )
    problems = Problems(root=site.root)
    check_content(load_content(site.content, problems), problems)
    assert [(e.path, e.line, e.message) for e in problems.errors] == [
        ("content/pages/about.md", 6, 'a link starts with "[[" but is not finished as [[kind:id]]')
    ]


# --- meeting times on the nights the clocks change ----------------------------------------------


def test_check_warns_that_a_time_the_clocks_show_twice_is_taken_as_the_first(site, monkeypatch):
    monkeypatch.chdir(site.root)
    site.write(
        "meetings/scrutiny-2015-10-25.yaml",
        'committee: scrutiny\ndate: 2015-10-25\nstart_time: "01:30"\nend_time: "02:30"\nstatus: held\n'
        "minutes:\n  - number: 1\n    title: Apologies\n",
    )
    problems = Problems(root=site.root)
    check_content(load_content(site.content, problems), problems)
    assert problems.errors == []
    assert [(w.path, w.line, w.message) for w in problems.warnings] == [
        (
            "content/meetings/scrutiny-2015-10-25.yaml",
            3,
            (
                "01:30 on 2015-10-25 happens twice, as UK clocks go back an hour that night; "
                "the first, 01:30 BST, is assumed"
            ),
        )
    ]


# --- --as-of, read by the command line (tests/test_cli.py is not this work's file) ----------------


def test_cli_as_of_with_a_utc_offset_is_read_as_uk_time(site):
    # 23:30 UTC on 15 May is 00:30 on 16 May on a UK clock, so the meeting of 15 May has passed.
    passed = 'content/meetings/scrutiny-2015-05-15.yaml:4: this meeting was on 2015-05-15 but is still "scheduled"'
    utc = site.run("check", "--as-of", "2015-05-15T23:30Z")
    assert utc.code == 0, utc.stderr
    assert passed in utc.stderr
    british_summer_time = site.run("check", "--as-of", "2015-05-15T23:30+01:00")
    assert british_summer_time.code == 0, british_summer_time.stderr
    assert passed not in british_summer_time.stderr
