"""axe-core finds no WCAG 2.2 A/AA violation on any page type, on a phone or a desktop."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES, open_page_type

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}})).violations
  .map(v => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_accessibility_axe_finds_no_violation(page, served, axe_source, name, width):
    open_page_type(page, served, name, width)
    page.add_script_tag(content=axe_source)
    assert page.evaluate(RUN_AXE, TAGS) == []
    assert page.outside_requests == []
