"""`minutebook new planning`: a file named from the reference that passes `check` as written,
and plain one-line refusals."""

from __future__ import annotations


def test_new_planning_writes_a_file_named_from_its_reference_that_passes_check(site):
    result = site.run("new", "planning", "15/0077/HOU", "scrutiny-2015-01-16", "2")
    assert result.code == 0, result.stderr
    text = (site.content / "planning/15-0077-hou.yaml").read_text()
    assert 'reference: "15/0077/HOU"' in text and "meeting: scrutiny-2015-01-16" in text and "minute: 2 " in text
    check = site.run("check")
    assert check.code == 0, check.stderr
    assert "15-0077-hou" not in check.stderr
    again = site.run("new", "planning", "15/0077/HOU", "scrutiny-2015-01-16", "2")
    assert again.code == 1 and "already exists" in again.stderr


def test_new_planning_writes_a_minute_number_with_letters_in_quotes(site):
    result = site.run("new", "planning", "15/0079/FUL", "scrutiny-2015-01-16", "P2")
    assert result.code == 0, result.stderr
    assert 'minute: "P2" ' in (site.content / "planning/15-0079-ful.yaml").read_text()


def test_new_planning_refuses_an_unknown_meeting_or_a_minute_that_is_not_a_number(site):
    unknown = site.run("new", "planning", "15/0078/FUL", "scrutiny-2015-01-61", "2")
    assert unknown.code == 1 and "Traceback" not in unknown.stderr
    assert unknown.stderr.splitlines() == [
        'minutebook new planning: there is no meeting "scrutiny-2015-01-61" in content/meetings/ '
        '(did you mean "scrutiny-2015-01-16"?)'
    ]
    wording = site.run("new", "planning", "15/0078/FUL", "scrutiny-2015-01-16", "#2!")
    assert wording.stderr.splitlines() == [
        (
            'minutebook new planning: "#2!" is not a minute number: give the number of the minute as the minutes '
            'print it, e.g. 20 or "P24"'
        )
    ]
    assert not (site.content / "planning/15-0078-ful.yaml").exists()
