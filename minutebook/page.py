"""A page of the site graph: one output file, and everything needed to make it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

# A file made without a template. It is made when rendered, not when planned, so that planning
# the whole site stays cheap and a preview remakes only the files an edit affects.
MakeFile = Callable[[], bytes]


@dataclass(frozen=True)
class Page:
    """One output file. ``template`` renders it; ``make`` makes a file without one."""

    url: str
    title: str
    template: str | None
    context: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # the files a problem found on the page is reported against
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    make: MakeFile | None = None
    draft_notice: str | None = None  # shown on drafts and embargoed pages in a --drafts preview
    feeds: tuple[tuple[str, str], ...] = ()  # (title, URL) of Atom feeds that follow this page
    event: Mapping[str, Any] | None = None  # schema.org Event, for a meeting


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site, with the digest of its bytes."""

    path: PurePosixPath  # relative to the output folder
    digest: str
    data: bytes | None = None  # None: a file an earlier build made, which the build cache holds


@dataclass(frozen=True)
class Made:
    """What rendering one page made: its file and the CSV downloads of its tables, the links
    and ids of its HTML (for the link check, which must see every page every build), and the
    year it is searched under (search.year_of: "" none, None not searched), which decides the
    part of the search index that holds it."""

    files: tuple[OutputFile, ...]
    links: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()
    search_year: str | None = None

    def without_data(self) -> Made:
        """What the cache keeps: the same, without the files' bytes (itself if it has none, so
        that the cache sees at once which pages it must store again)."""
        if all(f.data is None for f in self.files):
            return self
        files = tuple(OutputFile(f.path, f.digest) for f in self.files)
        return Made(files, self.links, self.ids, self.search_year)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
