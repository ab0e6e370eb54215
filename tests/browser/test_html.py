"""Every page of the built fixture site passes the Nu HTML Checker with no error."""

from __future__ import annotations

import json
import subprocess

from tests.browser.conftest import PAGE_TYPES


def test_html_every_page_is_valid(fixture_site, vnu_jar):
    pages = sorted(str(p) for p in fixture_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 100
    for path in PAGE_TYPES.values():  # every page type is among them
        path = path.split("?")[0]
        assert str(fixture_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))) in pages, path
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/public/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
