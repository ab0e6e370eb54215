"""Which content files each page is made from, so a preview re-renders only what an edit affects.

A page depends on every record in its context, on the records those records refer to (an
attendance list shows people's names, a recommendation its review's dates), and on whatever its
Markdown links to. Index pages, whose lists can gain or lose entries with any edit, depend on
everything; every page depends on site.yaml.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from .checks import XREF
from .model import Content, Markdown, Recommendation
from .site import Page

EVERYTHING = frozenset({"*"})


def record_paths(content: Content) -> dict[tuple[str, str], str]:
    """(kind, id) -> the file the record comes from."""
    paths = {}
    for kind, group in (("committee", content.committees), ("person", content.people),
                        ("meeting", content.meetings), ("report", content.reports),
                        ("review", content.reviews), ("page", content.pages)):
        for key, record in group.items():
            paths[(kind, key)] = record.src.path
    return paths


def page_dependencies(page: Page, content: Content, paths: dict[tuple[str, str], str]) -> frozenset[str]:
    if not page.sources:
        return EVERYTHING
    deps = set(page.sources)
    deps.add(content.site.src.path)
    for value in _values(page.context):
        deps.update(_record_dependencies(value, paths))
    return frozenset(deps)


def _values(value: Any) -> Iterator[Any]:
    """Every object reachable from a page's context."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for fld in dataclasses.fields(value):
            if fld.name != "src":
                yield from _values(getattr(value, fld.name))
    elif isinstance(value, Markdown):
        yield value


def _record_dependencies(value: Any, paths: dict[tuple[str, str], str]) -> Iterator[str]:
    if isinstance(value, Markdown):
        for match in XREF.finditer(value):
            kind, _, ident = match.group(1).strip().partition(":")
            parent = ident.partition("/")[0]
            owner = {"minute": "meeting", "recommendation": "review"}.get(kind, kind)
            if (owner, parent) in paths:
                yield paths[(owner, parent)]
        return
    src = getattr(value, "src", None)
    if src is not None and src.path:
        yield src.path
    if isinstance(value, Recommendation) and ("review", value.review) in paths:
        yield paths[("review", value.review)]
    for fld in dataclasses.fields(value):
        kind = fld.metadata.get("ref")
        target = getattr(value, fld.name)
        for ident in (target if isinstance(target, list) else [target]) if kind and target else []:
            if (kind, ident) in paths:
                yield paths[(kind, ident)]
