"""Tables that hold on a phone: at 320 and 390 px the tracker, the dashboard, member lists, a
register of gifts and the open-data fields are one card per row, each cell beside its column's
name; at 1280 px they are tables. At no width does a column leave the screen or need a sideways
scroll, and a chart's labels are never cut short."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGE_TYPES

TABLE_PAGES = {
    name: PAGE_TYPES[name]
    for name in ("tracker", "dashboard", "committee", "councillor with gifts and a public home address", "open data")
}
WIDTHS = [320, 390, 1280]

# Each stacked table's cells: where each sits, and the name shown beside it.
CELLS = """() => [...document.querySelectorAll('table.stack')].flatMap(table => {
  const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].flatMap(row => [...row.children].map((cell, index) => {
    const box = cell.getBoundingClientRect();
    const label = getComputedStyle(cell, '::before').content;
    return {head: heads[index], label: cell.dataset.label, shown: label, left: box.left, right: box.right,
            display: getComputedStyle(cell).display, text: cell.textContent.trim().slice(0, 40)};
  }));
})"""


@pytest.fixture
def reader(browser, request):  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": request.param, "height": 844})
    yield context.new_page(), request.param
    context.close()


@pytest.mark.parametrize("path", TABLE_PAGES.values(), ids=TABLE_PAGES.keys())
@pytest.mark.parametrize("reader", WIDTHS, indirect=True)
def test_reflow_every_column_is_on_screen_without_a_sideways_scroll(reader, served, path):
    page, width = reader
    page.goto(served + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    scrolled = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].filter(box => box.scrollWidth > box.clientWidth + 1).length"
    )
    assert scrolled == 0, "a table is wider than its box, so part of it is off-screen"
    cells = page.evaluate(CELLS)
    assert cells, "the page has stacked tables"
    off = [cell for cell in cells if cell["left"] < 0 or cell["right"] > width + 0.5]
    assert not off, f"cells off-screen at {width}px: {off[:3]}"
    for cell in cells:
        assert cell["label"] in (cell["head"], ""), f"a cell is named {cell['label']!r} under {cell['head']!r}"
        if width <= 390:
            assert cell["display"] != "table-cell", "on a phone a row is a card"
            expected = f'"{cell["label"]}"' if cell["label"] else "none"
            assert cell["shown"] == expected, f"{cell['text']!r} is not shown with its column's name"
        else:
            assert cell["display"] == "table-cell"


@pytest.mark.parametrize("reader", WIDTHS, indirect=True)
def test_reflow_chart_labels_are_whole(reader, served):
    page, _ = reader
    page.goto(served + PAGE_TYPES["dashboard"])
    labels = page.locator(".chart__label")
    assert labels.count() > 0
    names = set(page.locator("table.figures tbody th").all_inner_texts())
    for index in range(labels.count()):
        label = labels.nth(index)
        assert label.inner_text() in names  # the group's whole name, as in the table
        assert label.evaluate("el => el.scrollWidth <= el.clientWidth")
