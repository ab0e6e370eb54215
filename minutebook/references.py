"""How records refer to each other, in one place: the [[kind:id]] syntax (finding references in
Markdown, and the Markdown in a record) and the ids a record names in its fields. Checks,
backlinks, matters, linked names, withholding and the preview's dependencies all read references
through here; markdown.py turns them into links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .memo import per_record
from .model import PLAIN, Committee, Markdown, Meeting, Person, Recommendation, Report, Review

# The target holds no "[" or "]", and the link text no "[[" (it ends at the first "]]", as
# markdown.py reads it), so each "[[" is read at most up to the next "[[": finding every
# reference in a text takes one pass over it, however many "[[" it has.
XREF = re.compile(r"\[\[([^\[\]|]*)(?:\|((?:[^\[\]]|\[(?!\[)|\](?!\]))*))?\]\]")
LINK_START = re.compile(r"\[\[\s*[A-Za-z]+\s*:")  # what a clerk starting a [[kind:id]] link writes
XREF_KINDS = ("committee", "meeting", "minute", "report", "review", "recommendation", "person")
# A minute lives in its meeting's file, a recommendation in its review's folder.
OWNER = {"minute": "meeting", "recommendation": "review"}


@dataclass(frozen=True)
class Reference:
    """One [[kind:id]] in a text, and the file line it is on."""

    kind: str
    ident: str  # "planning-2025-01-23", or "planning-2025-01-23/7" for a minute
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
    line, counted = getattr(text, "line", 0), 0
    for match in XREF.finditer(text):
        line += text.count("\n", counted, match.start())  # from the last reference on, not the start
        counted = match.start()
        kind, _, ident = match.group(1).strip().partition(":")
        yield Reference(kind, ident.strip(), line)


def unfinished(text: str) -> int | None:
    """The line of the first "[[kind:" in ``text`` that starts no [[kind:id]] reference, or None
    (a "[[" that starts no such thing, as in a link to "[2019] UKSC 5", is ordinary Markdown)."""
    end = 0
    for match in [*XREF.finditer(text), None]:
        start = match.start() if match else len(text)
        stray = LINK_START.search(text, end, start)
        if stray:
            return getattr(text, "line", 0) + text.count("\n", 0, stray.start())
        end = match.end() if match else end
    return None


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


# --- what records name by id, in their fields ---------------------------------------------------

Ref = tuple[str, str]  # ("person", "ann-black"), ("recommendation", "play-areas/2") ...


def refs_in(values: Iterable[Any]) -> frozenset[Ref]:
    """Every record the values name by id (in their fields, not in Markdown links), as (kind, id)."""
    found: set[Ref] = set()
    for value in values:
        if type(value) not in PLAIN:  # most values are plain: no call for them
            found |= _refs_of(value)
    return frozenset(found)


NOTHING: frozenset[Ref] = frozenset()


def _refs_of(value: Any) -> frozenset[Ref]:
    if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
        return NOTHING
    if isinstance(value, Mapping):
        return refs_in(value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return refs_in(value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return NOTHING
    return _refs_of_record(value)


@per_record
def _refs_of_record(record: Any) -> frozenset[Ref]:
    """What a record names, worked out once for each record however many pages show it."""
    found = set(_own_refs(record))
    for name, kind in _fields_of(type(record)):
        child = getattr(record, name)
        if kind and child and not isinstance(child, Markdown):
            found.update((kind, ident) for ident in (child if isinstance(child, (list, tuple)) else [child]))
        if type(child) not in PLAIN:
            found |= _refs_of(child)
    return frozenset(found)


_FIELDS: dict[type, tuple[tuple[str, str | None], ...]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, str | None], ...]:
    """A record class's fields but ``src``, each with the kind of record it names, if any."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple((f.name, f.metadata.get("ref")) for f in dataclasses.fields(cls) if f.name != "src")
    return _FIELDS[cls]


def _own_refs(record: Any) -> list[Ref]:
    """A record names itself too: a listed meeting needs its title, a listed recommendation its facts."""
    if isinstance(record, Meeting):
        return [("meeting", record.id), ("committee", record.committee)]
    if isinstance(record, Recommendation):
        return [("recommendation", record.key), ("review", record.review)]
    if isinstance(record, Review):
        return [("review", record.id), ("committee", record.committee)]
    if isinstance(record, Report):
        return [("report", record.id), ("meeting", record.meeting)]
    if isinstance(record, Committee):
        return [("committee", record.id)]
    if isinstance(record, Person):
        return [("person", record.id)]
    return []
