from minutebook.markdown import MarkdownRenderer

KNOWN = {("meeting", "osmb-2014-11-14"): ("/meetings/osmb-2014-11-14/", "OSMB, 14 November 2014")}


def render(text: str, base: str = "/", offset: int = 1) -> str:
    return str(MarkdownRenderer(lambda kind, ident: KNOWN.get((kind, ident)), base).render(text, offset))


def test_markdown_turns_a_reference_into_a_link_with_the_authors_words():
    html = render("Further to the meeting held on [[meeting:osmb-2014-11-14|14th November, 2014]].")
    assert '<a href="/meetings/osmb-2014-11-14/">14th November, 2014</a>' in html


def test_markdown_reference_without_words_uses_the_records_name():
    assert ">OSMB, 14 November 2014</a>" in render("See [[meeting:osmb-2014-11-14]].")


def test_markdown_escapes_raw_html_so_content_cannot_run_script():
    html = render('<script>alert(1)</script> <img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_markdown_refuses_javascript_links():
    assert "javascript:" not in render("[click](javascript:alert(1))").split("[click]")[0]
    assert "<a" not in render("[click](javascript:alert(1))")


def test_markdown_puts_body_headings_below_the_page_headings():
    assert "<h4>Session one</h4>" in render("# Session one", offset=3)


def test_markdown_site_relative_links_follow_the_base_path():
    html = render("[meetings](/meetings/) and [[meeting:osmb-2014-11-14]]", base="/council/")
    assert 'href="/council/meetings/"' in html
    assert 'href="/meetings/osmb-2014-11-14/"' in html  # resolved references are left alone


def test_markdown_renders_tables_with_header_cells():
    assert "<th>Age</th>" in render("| Age | Rate |\n| --- | --- |\n| 16 | £91 |")


def test_markdown_links_the_first_use_of_a_glossary_term_on_each_page_only():
    from minutebook.model import GlossaryTerm

    terms = (
        GlossaryTerm("Call-in", "Asking for a decision to be looked at again.", ["called in"]),
        GlossaryTerm("Select commission", "A scrutiny committee."),
    )
    renderer = MarkdownRenderer(lambda kind, ident: None, "/", terms, "/glossary/")
    first = str(renderer.render("There were no call-in requests. Call-in again."))
    assert first.count('class="glossary-term"') == 1
    assert '<a href="/glossary/#term-call-in" class="glossary-term">call-in</a>' in first
    assert "glossary-term" not in str(renderer.render("A call-in later on the same page."))
    renderer.begin_page()
    names = str(renderer.render("The Improving Lives Select Commission met. [a call-in](/x/) was refused."))
    assert "glossary-term" not in names  # part of a committee's name, and already inside a link


def test_markdown_links_a_glossary_term_at_its_first_use_in_the_text_not_in_a_heading_or_table_header():
    from minutebook.model import GlossaryTerm

    renderer = MarkdownRenderer(lambda kind, ident: None, "/", (GlossaryTerm("Call-in", "Looked at again."),), "/x/")
    html = str(renderer.render("## Call-in\n\n| Call-in | Days |\n| --- | --- |\n| 1 | 5 |\n\nA call-in was made."))
    assert html.count('class="glossary-term"') == 1
    assert '<p>A <a href="/x/#term-call-in" class="glossary-term">call-in</a> was made.</p>' in html
    # with glossary=False (the home page's introduction), no link, and the page's first use is still to come
    renderer.begin_page()
    assert "glossary-term" not in str(renderer.render("A call-in.", glossary=False))
    assert "glossary-term" in str(renderer.render("A call-in."))


def test_markdown_reads_links_in_one_pass_however_many_brackets_open():
    # Each "[[" used to be read to the text's end: 16 KB took seconds, 100 KB would take minutes.
    assert render("[[" * 50_000).count("[[") == 50_000
    assert render("[[x" * 35_000 + " [[meeting:a]]").count("[[x") == 35_000
