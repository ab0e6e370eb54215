import datetime as dt
from pathlib import Path

from minutebook.errors import Problems
from minutebook.model import ActionBy, Meeting, Recommendation
from minutebook.schema import Reporter, convert
from minutebook.source import parse_yaml


def build(cls, text: str):
    data = parse_yaml(text, Path("/m.yaml"), Problems(root=Path("/")))
    report = Reporter("m.yaml")
    return convert(cls, data, 1, report, "this meeting"), report.problems


MEETING = "committee: osmb\ndate: 2014-12-12\nstatus: held\n"


def test_schema_builds_a_meeting_and_records_where_it_came_from():
    meeting, problems = build(Meeting, MEETING + 'start_time: "09:30"\n')
    assert problems == []
    assert meeting.date == dt.date(2014, 12, 12)
    assert meeting.start_time == "09:30"
    assert meeting.src.line_of("status") == 3


def test_schema_suggests_the_key_an_author_meant():
    _, problems = build(Meeting, MEETING + "venu: Town Hall\n")
    assert problems[0][0] == 4
    assert problems[0][1] == 'unknown field "venu" in this meeting (did you mean "venue"?)'


def test_schema_names_a_missing_required_field():
    _, problems = build(Meeting, "committee: osmb\ndate: 2014-12-12\n")
    assert 'is missing the required field "status"' in problems[0][1]


def test_schema_rejects_a_value_outside_its_enumeration_with_a_suggestion():
    _, problems = build(Meeting, "committee: osmb\ndate: 2014-12-12\nstatus: helde\n")
    line, message, hint = problems[0]
    assert (line, message) == (3, '"status": "helde" is not allowed here (did you mean "held"?)')
    assert hint == "use one of scheduled, held, cancelled, postponed"


def test_schema_reports_an_impossible_date():
    _, problems = build(Meeting, "committee: osmb\ndate: 2015-02-30\nstatus: held\n")
    assert problems[0][1] == '"date": "2015-02-30" is not a real date'


def test_schema_reads_an_unquoted_time_as_a_time():
    meeting, problems = build(Meeting, MEETING + "start_time: 18:30\n")
    assert problems == [] and meeting.start_time == "18:30"


def test_schema_rejects_a_time_written_the_old_way():
    _, problems = build(Meeting, MEETING + "start_time: 9.30 a.m.\n")
    assert problems[0][2] == 'write a 24-hour time in quotes, e.g. "09:30" or "13:30"'


def test_schema_reports_every_problem_in_nested_lists_at_their_own_lines():
    text = MEETING + "minutes:\n  - number: one\n    title: A\n  - number: 2\n    titel: B\n"
    _, problems = build(Meeting, text)
    lines = sorted(p[0] for p in problems)
    assert lines == [5, 7, 8]  # bad number; missing title of the second item; its unknown key


def test_schema_reads_action_by_as_date_month_or_phrase():
    base = "text: Do it.\nresponse:\n  decision: accepted\n  action_by: "
    month, _ = build(Recommendation, base + "2015-01\n")
    assert month.response.action_by == ActionBy("month", dt.date(2015, 1, 31))
    ongoing, _ = build(Recommendation, base + "Ongoing\n")
    assert ongoing.response.action_by == ActionBy("ongoing")
    _, problems = build(Recommendation, base + "soon\n")
    assert "is not a date, a month" in problems[0][1]


def test_schema_refuses_an_id_with_capitals_and_suggests_one():
    _, problems = build(Meeting, "committee: OSMB Board\ndate: 2014-12-12\nstatus: held\n")
    assert problems[0][2] == 'ids use lower-case letters, digits and hyphens only, e.g. "osmb-board"'
