"""Bar charts drawn at build time in HTML and CSS: no JavaScript and no library in the browser.

Each chart is a set of horizontal stacked bars, one per row, with its figures written on the
bars and in a legend, and a description that reads out every figure; it is always shown beside
a table of the same figures. Labels are text, not drawing: they wrap instead of being cut short,
and keep the reader's text size on a phone.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from markupsafe import Markup

# Fill and text colours: the status tags' pairs, each at least 4.5:1.
COLOURS = {
    "completed": ("#cce2d8", "#005a30"),
    "accepted": ("#cce2d8", "#005a30"),
    "agreed": ("#cce2d8", "#005a30"),
    "in progress": ("#bbd4ea", "#0c2d4a"),
    "partially accepted": ("#bbd4ea", "#0c2d4a"),
    "partially agreed": ("#bbd4ea", "#0c2d4a"),
    "not started": ("#e5e6e7", "#383f43"),
    "not stated": ("#e5e6e7", "#383f43"),
    "noted": ("#e5e6e7", "#383f43"),
    "awaiting response": ("#fff7bf", "#594d00"),
    "deferred": ("#fff7bf", "#594d00"),
    "rejected": ("#f4cdc6", "#942514"),
    "not progressed": ("#f4cdc6", "#942514"),
    "superseded": ("#dbd5e9", "#3d2375"),
}
PLAIN = ("#e5e6e7", "#383f43")
NARROW = 6  # per cent of the bar below which a part's count is left to the legend and total


def stacked_bars(
    chart_id: str, title: str, rows: list[tuple[str, dict[str, int]]], word: Callable[[str], str] = str
) -> Markup:
    """One bar per row, split into its categories, lengths proportional to the counts;
    ``word`` gives a category's name in the site's language."""
    categories = list(dict.fromkeys(key for _, counts in rows for key in counts))
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    parts = [
        f'<div class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<p class="visually-hidden" id="{chart_id}-title">{escape(title)}</p>',
        f'<p class="visually-hidden" id="{chart_id}-desc">{escape(describe(rows, word))}</p>',
    ]
    for label, counts in rows:
        parts.append(
            f'<div class="chart__row"><span class="chart__label">{escape(label)}</span><span class="chart__bar">'
        )
        for key, count in counts.items():
            share = 100 * count / largest
            fill, ink = COLOURS.get(key, PLAIN)
            shown = str(count) if share >= NARROW else ""
            parts.append(
                f'<span class="chart__part" style="width:{share:.2f}%;background:{fill};color:{ink}">{shown}</span>'
            )
        parts.append(f'<span class="chart__total">{sum(counts.values())}</span></span></div>')
    parts.append('<ul class="chart__legend">')
    for key in categories:
        fill, _ = COLOURS.get(key, PLAIN)
        parts.append(
            f'<li><span class="chart__swatch" style="background:{fill}"></span>{escape(_capital(word(key)))}</li>'
        )
    parts.append("</ul></div>")
    return Markup("".join(parts))


def describe(rows: list[tuple[str, dict[str, int]]], word: Callable[[str], str] = str) -> str:
    """The chart's figures in words, for screen readers and text-only browsers."""
    return (
        "; ".join(
            f"{label}: " + ", ".join(f"{count} {word(key)}" for key, count in counts.items()) for label, counts in rows
        )
        + "."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
