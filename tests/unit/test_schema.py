import datetime as dt
from pathlib import Path

from minutebook.errors import Problems
from minutebook.model import ActionBy, Committee, Meeting, Recommendation, SiteConfig
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
    text = MEETING + "minutes:\n  - number: one!\n    title: A\n  - number: 2\n    titel: B\n"
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


# --- text: one line unless Markdown, and no control characters ------------------------------------

COMMITTEE = "short_name: SB\nkind: overview and scrutiny\n"


def test_schema_refuses_a_line_break_in_a_plain_text_field():
    _, problems = build(Committee, "name: |\n  Scrutiny\n  Board\n" + COMMITTEE)
    assert problems == [
        (
            1,
            '"name": must be one line, but it has a line break in it',
            (
                "write the text on the same line as the field name; for a long text, write >- after the field "
                "name and the text on the indented lines below"
            ),
        )
    ]
    _, problems = build(SiteConfig, 'council: C\nbase_url: https://e.org/\ntitle: "Council\\nMeetings"\n')
    assert [(line, message) for line, message, _ in problems] == [
        (3, '"title": must be one line, but it has a line break in it')
    ]


def test_schema_takes_a_folded_line_without_its_last_line_break_and_a_postal_address_over_lines():
    committee, problems = build(Committee, "name: >\n  Scrutiny\n  Board\n" + COMMITTEE)
    assert problems == [] and committee.name == "Scrutiny Board"
    site, problems = build(
        SiteConfig,
        "council: C\nbase_url: https://e.org/\ntitle: T\ncontact:\n  address: |\n    Town Hall\n    Moorgate Street\n",
    )
    assert problems == [] and site.contact.address == "Town Hall, Moorgate Street"


def test_schema_lets_markdown_run_over_lines_and_folds_plain_text_written_with_a_dash():
    committee, problems = build(
        Committee, "name: >-\n  Scrutiny\n  Board\n" + COMMITTEE + "description: |\n  Holds.\n\n  Meets.\n"
    )
    assert problems == []
    assert committee.name == "Scrutiny Board"
    assert committee.description == "Holds.\n\nMeets.\n"


def test_schema_refuses_control_characters_written_as_escapes_in_quotes():
    text = 'name: "Scrutiny\\0"\n' + COMMITTEE + 'description: "Holds\\x0c the executive."\n'
    text += 'members:\n  - person: ann\n    role: member\n    note: "\\u0007"\n'
    _, problems = build(Committee, text)
    assert [(line, message) for line, message, _ in problems] == [
        (1, '"name": contains a NUL character (U+0000), which is not allowed'),
        (4, '"description": contains a form feed character (U+000C), which is not allowed'),
        (8, '"note": contains a bell character (U+0007), which is not allowed'),
    ]
    assert problems[1][2] == "remove the escape that writes it (\\f or \\x0c) from the text in quotes"


def test_schema_shows_a_control_character_in_an_unknown_key_as_its_escape():
    _, problems = build(Committee, 'name: S\n"na\\0me": x\n' + COMMITTEE)
    assert problems[0][1].startswith('unknown field "na\\x00me" in this meeting')


def test_schema_reads_minute_numbers_as_the_minutes_print_them():
    from minutebook.model import MinuteNumber

    numbers = ["80", '"P24"', "C.15", '"24/25-12"', '"12 (2024/25)"', "1.10"]
    minutes = "".join(f"  - number: {n}\n    title: Item\n" for n in numbers)
    meeting, problems = build(
        Meeting,
        MEETING + "agenda:\n  - items:\n      - number: 1\n        title: Item\n        minute: 80\n"
        "declarations:\n  - person: a\n    interest: other\n    description: x\n    minute: P24\n"
        "minutes:\n" + minutes,
    )
    assert problems == []
    assert [item.number for item in meeting.minutes] == ["80", "P24", "C.15", "24/25-12", "12 (2024/25)", "1.10"]
    assert all(type(item.number) is MinuteNumber for item in meeting.minutes)
    assert [item.number.slug for item in meeting.minutes] == ["80", "p24", "c-15", "24-25-12", "12-2024-25", "1-10"]
    assert [item.anchor for item in meeting.minutes][:2] == ["minute-80", "minute-p24"]
    assert meeting.agenda_items[0].minute == meeting.minutes[0].number == MinuteNumber("80")
    assert meeting.declarations[0].minute == meeting.minutes[1].number  # as written, letter for letter
    assert sorted(["P10", "P9", "10", "9"], key=lambda n: MinuteNumber(n).sort_key) == ["9", "10", "P9", "P10"]


def test_schema_refuses_a_minute_number_it_could_not_put_in_an_address():
    for written, shown in (
        ('"P 24!"', '"P 24!"'),
        ('"-3"', '"-3"'),
        ("true", '"true"'),
        ("2024-09-19", '"2024-09-19"'),
    ):
        _, problems = build(Meeting, MEETING + f"minutes:\n  - number: {written}\n    title: Item\n")
        (line, message, hint) = problems[0]
        assert (line, message) == (5, f'"number": {shown} is not a minute number'), written
        assert hint.startswith('write the number as the minutes print it, e.g. 80 or "P24"'), written
