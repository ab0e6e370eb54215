from minutebook.linkcheck import scan_html

PAGE = b"""<!doctype html><html><head>
<link rel="canonical" href="https://example.org/council/meetings/a/">
<link rel="stylesheet" href="/assets/site.css">
</head><body><main id="main" data-id="not-an-id">
<h2 id="minute-3">3. Play areas</h2>
<p>They wrote href=&#34;/nowhere/&#34; and id=&#34;fake&#34; in the text.</p>
<a href="/meetings/b/#minute-4">next</a> <img src="/files/a.png" alt=""> <a href="/x/?a=1&amp;b=2">x</a>
</main></body></html>"""


def test_linkcheck_reads_the_links_and_ids_a_page_has_and_nothing_else():
    links, ids = scan_html(PAGE)
    assert links == ("/assets/site.css", "/meetings/b/#minute-4", "/files/a.png", "/x/?a=1&b=2")
    assert ids == {"main", "minute-3"}  # not data-id, not words in the text
