"""Static SVG charts, drawn at build time: no JavaScript and no library in the browser.

Each chart is a set of horizontal stacked bars with its figures written on the bars and in a
legend, a title and a description that reads out every figure, and is always shown beside a
table of the same figures.
"""

from __future__ import annotations

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
LABEL_WIDTH, BAR_WIDTH, ROW, LEGEND_ROW = 250, 410, 34, 26


def stacked_bars(chart_id: str, title: str, rows: list[tuple[str, dict[str, int]]]) -> Markup:
    """One bar per row; each bar split into its categories, widths proportional to the counts."""
    categories = list(dict.fromkeys(key for _, counts in rows for key in counts))
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    height = len(rows) * ROW + 10 + LEGEND_ROW * ((len(categories) + 2) // 3)
    width = LABEL_WIDTH + BAR_WIDTH + 40
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(rows))}</desc>',
    ]
    for index, (label, counts) in enumerate(rows):
        y = index * ROW + 4
        parts.append(f'<text x="0" y="{y + 20}" class="chart__label">{escape(_shorten(label))}</text>')
        x = float(LABEL_WIDTH)
        for key, count in counts.items():
            fill, ink = COLOURS.get(key, ("#e5e6e7", "#383f43"))
            span = BAR_WIDTH * count / largest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{ROW - 8}" fill="{fill}" '
                f'stroke="#0b0c0c" stroke-width="1"/>'
            )
            if span >= 18:
                parts.append(
                    f'<text x="{x + span / 2:.1f}" y="{y + 18}" text-anchor="middle" style="fill:{ink}" '
                    f'class="chart__count">{count}</text>'
                )
            x += span
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 18}" class="chart__total">{sum(counts.values())}</text>')
    legend_y = len(rows) * ROW + 14
    for index, key in enumerate(categories):
        fill, _ = COLOURS.get(key, ("#e5e6e7", "#383f43"))
        x, y = (index % 3) * 230, legend_y + (index // 3) * LEGEND_ROW
        parts.append(f'<rect x="{x}" y="{y}" width="16" height="16" fill="{fill}" stroke="#0b0c0c" stroke-width="1"/>')
        parts.append(f'<text x="{x + 22}" y="{y + 13}" class="chart__legend">{escape(key.capitalize())}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def describe(rows: list[tuple[str, dict[str, int]]]) -> str:
    """The chart's figures in words, for screen readers and text-only browsers."""
    return (
        "; ".join(f"{label}: " + ", ".join(f"{count} {key}" for key, count in counts.items()) for label, counts in rows)
        + "."
    )


def _shorten(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
