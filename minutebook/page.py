"""A page of the site graph: one output file, and everything needed to make it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
    sources: tuple[str, ...] = ()
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    make: MakeFile | None = None
    draft_notice: str | None = None  # shown on drafts and embargoed pages in a --drafts preview
    feeds: tuple[tuple[str, str], ...] = ()  # (title, URL) of Atom feeds that follow this page
    event: Mapping[str, Any] | None = None  # schema.org Event, for a meeting
