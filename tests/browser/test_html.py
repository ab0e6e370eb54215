"""Every page of the built example site passes the Nu HTML Checker with no error."""

from __future__ import annotations

import json
import subprocess


def test_html_every_page_is_valid(example_site, vnu_jar):
    pages = sorted(str(p) for p in example_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 150
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/public/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
