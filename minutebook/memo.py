"""Results worked out once per record object.

Records are frozen, so what a pure function computes from one stays true for as long as that
very object lives. Loading keeps an unchanged file's record as the same object from one build to
the next (cache.ParsedFiles), so in the preview an unchanged record is not worked on again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


def per_record(function: Callable[[Any], R]) -> Callable[[Any], R]:
    """``function`` of one record, remembered while the record lives (keyed by its identity,
    since records hold lists and so cannot be hashed)."""
    results: dict[int, tuple[weakref.ref[Any], R]] = {}

    def remembered(record: Any) -> R:
        key = id(record)
        known = results.get(key)
        if known is not None and known[0]() is record:
            return known[1]
        result = function(record)
        results[key] = (weakref.ref(record, lambda _, key=key: results.pop(key, None)), result)  # type: ignore[misc]
        return result

    remembered.__wrapped__ = function  # type: ignore[attr-defined]
    remembered.__name__ = function.__name__
    remembered.__qualname__ = function.__qualname__
    return remembered
