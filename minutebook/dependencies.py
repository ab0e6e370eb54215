"""Which content files each page is made from, so a preview re-renders only what an edit affects.

A page depends on every record in its context, on the records those records refer to (an
attendance list shows people's names, a recommendation its review's dates), and on whatever its
Markdown links to. Index pages, whose lists can gain or lose entries with any edit, depend on
everything; every page depends on site.yaml and the glossary (any text may use a term).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .model import Content, Markdown, Recommendation
from .references import references
from .site import Page

EVERYTHING = frozenset({"*"})


def record_paths(content: Content) -> dict[tuple[str, str], str]:
    """(kind, id) -> the file the record comes from."""
    paths = {}
    for kind, group in (
        ("committee", content.committees),
        ("person", content.people),
        ("meeting", content.meetings),
        ("report", content.reports),
        ("review", content.reviews),
        ("page", content.pages),
    ):
        for key, record in group.items():
            paths[(kind, key)] = record.src.path
    return paths


def page_dependencies(
    page: Page, content: Content, paths: dict[tuple[str, str], str], memo: dict[int, frozenset[str]] | None = None
) -> frozenset[str]:
    """The files a page is made from. ``memo`` shares the work between pages of one rebuild:
    each record is walked once, however many pages show it."""
    if not page.sources:
        return EVERYTHING
    memo = {} if memo is None else memo
    deps = set(page.sources)
    deps.add(content.site.src.path)
    deps.update(term.src.path for term in content.glossary)
    for value in page.context.values():
        deps |= _dependencies(value, paths, memo)
    return frozenset(deps)


def _dependencies(value: Any, paths: dict[tuple[str, str], str], memo: dict[int, frozenset[str]]) -> frozenset[str]:
    """The files behind a value: every record in it, what they refer to, and their Markdown's links."""
    if isinstance(value, Markdown):
        return frozenset(paths[ref.owner] for ref in references(value) if ref.owner in paths)
    if isinstance(value, dict):
        return frozenset().union(*(_dependencies(v, paths, memo) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return frozenset().union(*(_dependencies(v, paths, memo) for v in value))
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return frozenset()
    key = id(value)
    if key in memo:
        return memo[key]
    found: set[str] = set()
    src = getattr(value, "src", None)
    if src is not None and src.path:
        found.add(src.path)
    if isinstance(value, Recommendation) and ("review", value.review) in paths:
        found.add(paths[("review", value.review)])
    for fld in dataclasses.fields(value):
        if fld.name == "src":
            continue
        child = getattr(value, fld.name)
        kind = fld.metadata.get("ref")
        if kind and child:
            for ident in child if isinstance(child, list) else [child]:
                if (kind, ident) in paths:
                    found.add(paths[(kind, ident)])
        found |= _dependencies(child, paths, memo)
    memo[key] = frozenset(found)
    return memo[key]
