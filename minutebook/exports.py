"""CSV downloads of exactly what each table and timeline on a page shows.

Templates mark a table or timeline with ``data-csv="name"`` and link to ``name.csv`` beside
the page; this stage reads the rendered HTML back and writes the file, so the figures in
the download can never differ from the figures on the page. A cell's ``data-value`` is what
the CSV holds instead of its text: a plain number for "92%", blank for "None yet".
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from dataclasses import dataclass
from pathlib import PurePosixPath

TIMELINE_COLUMNS = ["Date", "Event", "Status", "Note"]


class _Collector(HTMLParser):
    """Rows of every element marked data-csv: a table's rows, or a timeline's entries."""

    TIMELINE_FIELDS = {"timeline__date": "date", "timeline__title": "title", "timeline__note": "note"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, list[list[str]]] = {}
        self._name: str | None = None
        self._kind = ""
        self._depth = 0
        self._stack: list[tuple[str, str | None]] = []  # open tags inside a row, with the field each opens
        self._texts: dict[str, list[str]] = {}
        self._cells: list[str] = []
        self._spans: dict[int, tuple[int, str]] = {}  # column -> (rows still to fill, text), for rowspan
        self._rowspan = 1
        self._value: str | None = None  # a cell's data-value: what the CSV holds instead of its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._name is None:
            name = values.get("data-csv")
            if name:
                self._name, self._kind, self._depth, self._spans = name, tag, 0, {}
                self.found[name] = [TIMELINE_COLUMNS] if tag == "ol" else []
            return
        if tag == "br":  # a line break inside a cell reads as a space
            self.handle_data(" ")
            return
        if tag == self._kind:
            self._depth += 1
        field = self._field_of(tag, values)
        if field == "row":
            self._texts, self._cells, self._stack = {}, [], []
            self._fill_spans()
        elif field == "cell":
            self._rowspan = int(values.get("rowspan") or 1)
            self._value = values.get("data-value")
        if field and field != "row":
            self._texts[field] = []
        self._stack.append((tag, field if field != "row" else None))

    def _field_of(self, tag: str, values: dict[str, str | None]) -> str | None:
        classes = (values.get("class") or "").split()
        if self._kind == "table":
            return "row" if tag == "tr" else "cell" if tag in ("td", "th") else None
        if tag == "li" and "timeline__event" in classes:
            return "row"
        if "tag" in classes:
            return "status"
        return next((self.TIMELINE_FIELDS[c] for c in classes if c in self.TIMELINE_FIELDS), None)

    def handle_endtag(self, tag: str) -> None:
        if self._name is None:
            return
        if tag == self._kind:
            if self._depth == 0:
                self._name = None
                return
            self._depth -= 1
        while self._stack:
            opened, field = self._stack.pop()
            if field == "cell":
                text = _clean("".join(self._texts.pop("cell", [])))
                text, self._value = (text if self._value is None else self._value), None
                if self._rowspan > 1:
                    self._spans[len(self._cells)] = (self._rowspan - 1, text)
                self._cells.append(text)
                self._fill_spans()
            if opened == tag:
                break
        if (self._kind == "table" and tag == "tr") or (self._kind == "ol" and tag == "li" and not self._stack):
            self.found[self._name].append(self._cells if self._kind == "table" else self._timeline_row())

    def _timeline_row(self) -> list[str]:
        text = {field: _clean("".join(parts)) for field, parts in self._texts.items()}
        status = text.get("status", "")
        title = text.get("title", "").removesuffix(status).strip()
        return [text.get("date", ""), title, status, text.get("note", "")]

    def _fill_spans(self) -> None:
        while len(self._cells) in self._spans and self._spans[len(self._cells)][0] > 0:
            left, text = self._spans[len(self._cells)]
            self._spans[len(self._cells)] = (left - 1, text)
            self._cells.append(text)

    def handle_data(self, data: str) -> None:
        for _, field in self._stack:
            if field and field in self._texts:
                self._texts[field].append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Download:
    path: PurePosixPath
    data: bytes


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A text cell no spreadsheet runs as a formula (OWASP, "CSV Injection"): one starting with
    = + - @, a tab or a carriage return gets a leading apostrophe, which spreadsheets hide."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_files(path: PurePosixPath, html: bytes) -> list[Download]:
    """The CSV downloads of one rendered page, beside it."""
    if path.suffix != ".html":
        return []
    first = html.find(b"data-csv=")
    if first < 0:
        return []  # most pages have no table to download: skip parsing them
    collector = _Collector()
    collector.feed(html[html.rfind(b"<", 0, first) :].decode("utf-8"))
    files = []
    for name, rows in sorted(collector.found.items()):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
        files.append(Download(path.parent / f"{name}.csv", buffer.getvalue().encode("utf-8")))
    return files
