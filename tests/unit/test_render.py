import datetime as dt
from pathlib import Path

import jinja2
import pytest

from minutebook.render import _environment, clock, compile_templates, long_date
from minutebook.theme import template_folders


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


def test_render_compile_templates_leaves_the_preview_nothing_to_compile(monkeypatch):
    # The preview compiles every template before the first edit, so that its quick look starts warm.
    layouts = template_folders(Path("no-layouts-of-its-own"))
    compile_templates(layouts)
    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    env = _environment(layouts)
    for name in env.list_templates(extensions=["html", "xml", "txt"]):
        env.get_template(name)
