import datetime as dt
from pathlib import Path

import jinja2
import pytest

from minutebook.render import _environment, clock, compile_templates, long_date, readable_html
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


def test_render_a_page_links_each_glossary_term_once_outside_headings_and_table_headers():
    link = '<a href="/glossary/#term-{0}" class="glossary-term">{1}</a>'
    html = (
        f"<h2>{link.format('work-programme', 'Work programme')}</h2>"
        f"<table><thead><tr><th>{link.format('quorum', 'Quorum')}</th></tr></thead></table>"
        f"<p>The {link.format('work-programme', 'work programme')} and a {link.format('quorum', 'quorum')}.</p>"
        f"<p>The {link.format('quorum', 'quorum')} again.</p><summary>{link.format('agenda', 'Agenda')}</summary>"
    )
    assert readable_html(html) == (
        "<h2>Work programme</h2><table><thead><tr><th>Quorum</th></tr></thead></table>"
        f"<p>The {link.format('work-programme', 'work programme')} and a {link.format('quorum', 'quorum')}.</p>"
        "<p>The quorum again.</p><summary>Agenda</summary>"
    )


def test_render_a_summary_list_label_and_value_are_apart_in_the_text():
    # "StatusResponded" was one word to the search index and its excerpts.
    assert readable_html("<dl><div><dt>Status</dt><dd>Responded</dd></div></dl>") == (
        "<dl><div><dt>Status</dt> <dd>Responded</dd></div></dl>"
    )
