import datetime as dt

import pytest

from minutebook.render import clock, long_date


@pytest.mark.parametrize(
    "time, text", [("09:00", "9am"), ("09:30", "9:30am"), ("13:30", "1:30pm"), ("12:00", "12pm"), ("00:15", "12:15am")]
)
def test_render_clock_uses_plain_english_times(time, text):
    assert clock(time) == text


def test_render_long_date_needs_no_locale():
    assert long_date(dt.date(2014, 12, 12)) == "Friday 12 December 2014"


def test_render_a_template_typo_fails_the_build_with_file_and_line(site):
    layout = site.root / "layouts" / "person.html"
    lines = layout.read_text().splitlines()
    lines[9] += "{{ person.nmae }}"
    layout.write_text("\n".join(lines) + "\n")
    result = site.run("build", "--no-search", "--as-of", "2015-06-01")
    assert result.code == 1
    assert "template error: layouts/person.html:10:" in result.stderr
    assert "nmae" in result.stderr
    assert "Traceback" not in result.stderr
