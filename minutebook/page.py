"""A page of the site graph: one output file, and everything needed to make it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One output file. ``template`` renders it; ``data`` is a file made without one."""

    url: str
    title: str
    template: str | None
    context: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    breadcrumbs: tuple[tuple[str, str], ...] = ()
    data: bytes | None = None
    draft_notice: str | None = None  # shown on drafts and embargoed pages in a --drafts preview
    feeds: tuple[tuple[str, str], ...] = ()  # (title, URL) of Atom feeds that follow this page
    event: Mapping[str, Any] | None = None  # schema.org Event, for a meeting
