"""The [[kind:id]] cross-reference syntax, in one place: finding references in Markdown, and
finding the Markdown in a record. Checks, backlinks, matters and the preview's dependencies
all read references through here; markdown.py turns them into links."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .model import Markdown

XREF = re.compile(r"\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]")
XREF_KINDS = ("committee", "meeting", "minute", "report", "review", "recommendation", "person")
# A minute lives in its meeting's file, a recommendation in its review's folder.
OWNER = {"minute": "meeting", "recommendation": "review"}


@dataclass(frozen=True)
class Reference:
    """One [[kind:id]] in a text, and the file line it is on."""

    kind: str
    ident: str  # "osmb-2014-12-12", or "osmb-2014-12-12/72" for a minute
    line: int

    @property
    def target(self) -> str:
        return f"{self.kind}:{self.ident}"

    @property
    def parent(self) -> str:
        return self.ident.partition("/")[0]

    @property
    def child(self) -> str:
        return self.ident.partition("/")[2]

    @property
    def owner(self) -> tuple[str, str]:
        """The (kind, id) of the record whose file holds the target."""
        return OWNER.get(self.kind, self.kind), self.parent


def references(text: str) -> Iterator[Reference]:
    line = getattr(text, "line", 0)
    for match in XREF.finditer(text):
        kind, _, ident = match.group(1).strip().partition(":")
        yield Reference(kind, ident.strip(), line + text.count("\n", 0, match.start()))


def markdown_in(record: Any) -> Iterator[Markdown]:
    """Every Markdown text inside a record. Records gathered under another (a review's
    recommendations) are left out: each is a record of its own."""
    if isinstance(record, Markdown):
        yield record
    elif isinstance(record, (list, tuple)):
        for item in record:
            yield from markdown_in(item)
    elif dataclasses.is_dataclass(record) and not isinstance(record, type):
        for name, derived in _walked_fields(type(record)):
            value = getattr(record, name)
            if isinstance(value, Markdown) or (not derived and isinstance(value, (list, tuple))):
                yield from markdown_in(value)
            elif not derived and dataclasses.is_dataclass(value):
                yield from markdown_in(value)


@cache
def _walked_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """A record class's fields that may hold Markdown, and whether each is derived (worked out once
    per class: the walk runs over every record of a council's archive)."""
    return tuple((fld.name, bool(fld.metadata.get("derived"))) for fld in dataclasses.fields(cls) if fld.name != "src")
