"""Every page type fits a 320 px phone and a 1280 px screen: no sideways scrolling, no text
drawn over other text. Screenshots are kept in the pytest temporary folder for a person to
look at. Minutes print without the navigation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES, open_page_type

# Rectangles of every line of visible text; any two from different text nodes that overlap.
OVERLAPS = """() => {
  const boxes = [];
  const clipped = (el) => {  // inside a box clipped to a pixel, as visually hidden text is: not drawn
    for (let e = el; e; e = e.parentElement)
      if (getComputedStyle(e).overflow === 'hidden' && e.getBoundingClientRect().width <= 1) return true;
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('[hidden], .visually-hidden, noscript, script, style')) continue;
    if (el.closest('details:not([open]) > :not(summary)')) continue;  // folded away: not drawn
    if (clipped(el)) continue;
    const range = document.createRange(); range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1)
      boxes.push({node, text: node.textContent.trim().slice(0, 40), l: r.left, r: r.right, t: r.top + scrollY, b: r.bottom + scrollY});
  }
  boxes.sort((a, b) => a.t - b.t);
  const found = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length && boxes[j].t < boxes[i].b; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node === b.node) continue;
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 2 && h > 2) found.push(`${a.text} / ${b.text}`);
    }
  return found.slice(0, 5);
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_layout_fits_without_sideways_scrolling_or_overlapping_text(page, served, name, width, tmp_path_factory):
    open_page_type(page, served, name, width)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate(OVERLAPS) == []
    folder = tmp_path_factory.getbasetemp() / "screenshots"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{name.replace(' ', '-')}-{width}.png"), full_page=True)


def test_layout_minutes_print_without_navigation(page, served):
    page.goto(served + "/meetings/policy-resources-2023-11-09/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-nav", ".site-footer", ".breadcrumbs", ".pager", ".contents"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("#minute-4").is_visible()
    assert page.locator("h1").is_visible()
