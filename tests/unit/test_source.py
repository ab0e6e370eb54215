from pathlib import Path

from minutebook.errors import Problems
from minutebook.source import parse_yaml, read_source


def parse(text: str, first_line: int = 1):
    problems = Problems(root=Path("/"))
    return parse_yaml(text, Path("/x.yaml"), problems, first_line), problems


def test_source_reads_values_as_an_author_means_them():
    data, problems = parse("time: 18:30\nanswer: NO\nitem: 03\nflag: yes\nreal: true\nn: 7\n")
    assert not problems.errors
    assert data == {"time": "18:30", "answer": "NO", "item": "03", "flag": "yes", "real": True, "n": 7}


def test_source_reads_iso_dates_and_keeps_impossible_ones_as_text():
    import datetime as dt

    data, _ = parse("good: 2014-12-12\nbad: 2015-02-30\n")
    assert data["good"] == dt.date(2014, 12, 12)
    assert data["bad"] == "2015-02-30"


def test_source_reports_a_repeated_key_with_both_lines():
    _, problems = parse("title: A\nstatus: held\ntitle: B\n")
    (error,) = problems.errors
    assert error.line == 3
    assert 'the key "title" appears twice (first on line 1)' in error.message


def test_source_remembers_the_line_of_every_key_and_list_entry():
    data, _ = parse("a: 1\nitems:\n  - x: 1\n  - x: 2\n", first_line=2)
    assert data.line_of("items") == 3
    assert data["items"].line_of(1) == 5
    assert data["items"][1].line_of("x") == 5


def test_source_splits_front_matter_and_body(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("---\ntitle: A\n---\nBody *text*\n", encoding="utf-8")
    source = read_source(path, Problems(root=tmp_path))
    assert source.data == {"title": "A"}
    assert source.data.line_of("title") == 2
    assert source.body == "Body *text*\n"
    assert source.body_line == 4


def test_source_explains_missing_front_matter(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("title: A\n", encoding="utf-8")
    problems = Problems(root=tmp_path)
    assert read_source(path, problems) is None
    assert problems.errors[0].message == "the Markdown file has no front matter"
