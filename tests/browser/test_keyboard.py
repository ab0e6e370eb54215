"""A keyboard user can skip the navigation, reach everything, and always see where they are."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_search

FOCUSABLE = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0
          && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.outerHTML.slice(0, 120))"""

FOCUS_STATE = """() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();
  return {html: e.outerHTML.slice(0, 120), id: e.id,
          indicated: s.boxShadow !== 'none' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2),
          onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth}; }"""


@pytest.mark.parametrize("path", ["/", "/search/?q=gritting"])
def test_keyboard_skip_link_first_then_everything_reachable_with_visible_focus(page, served, path):
    page.goto(served + path)
    if "search" in path:
        wait_for_search(page)
    expected = page.evaluate(FOCUSABLE)
    assert len(expected) > 10

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    assert "Skip to main content" in first["html"] and first["onScreen"] and first["indicated"]

    visited = [first["html"]]
    for _ in range(len(expected) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["html"] == visited[0] or state["html"].startswith("<body"):
            break  # past the last element, or wrapped round
        assert state["indicated"], f"no visible focus on {state['html']}"
        assert state["onScreen"], f"focused element scrolled out of view: {state['html']}"
        visited.append(state["html"])
    assert [html for html in expected if html not in visited] == []


def test_keyboard_skip_link_moves_focus_to_the_main_content(page, served):
    page.goto(served + "/meetings/policy-resources-2023-11-09/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside_main
