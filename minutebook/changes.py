"""Which pages a rebuild must render: those made from files that changed since the last build.

Used by ``build`` (against the snapshot in the build cache) and by the preview server (against
its previous rebuild). A change to layouts/ or assets/, to the day, to what is published or to
minutebook itself changes every page, so it renders everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .cache import Snapshot, code_version
from .dependencies import EVERYTHING, page_dependencies, record_paths
from .errors import relative_to_root
from .model import Content
from .page import Page
from .publish import is_withheld
from .urls import Urls


@dataclass(frozen=True)
class Folders:
    """Where a build's sources are."""

    root: Path
    content: Path
    layouts: Path
    assets: Path


@dataclass
class Work:
    dirty: set[PurePosixPath]  # output files of the pages to render
    deps: dict[PurePosixPath, frozenset[str]]  # every page's output file -> the files it is made from
    complete: bool  # nothing of the last build can be reused
    changed: set[str]  # the source files that changed since the last build
    sources: dict[str, str]  # every source file -> its digest, for the next build to compare


def fingerprint(content: Content, now: dt.datetime, drafts: bool, history: Any) -> tuple[Any, ...]:
    """Everything besides the source files that decides what a build writes: minutebook's code,
    the day, the options, git history, and which embargoes are in force (one that lifts changes
    every page that may link to the record, though no file changed)."""
    recommendations = [rec for review in content.reviews.values() for rec in review.recommendations]
    records = [
        *content.meetings.values(),
        *content.reports.values(),
        *content.pages.values(),
        *content.reviews.values(),
        *recommendations,
    ]
    embargoed = sorted(record.src.path for record in records if is_withheld(record, now))
    return (
        code_version(),
        now.date(),
        drafts,
        content.site.base_url,
        _digest(repr(embargoed)),
        _digest(repr(sorted(history.items()))) if history else None,
    )


def work_out(
    pages: list[Page], content: Content, urls: Urls, parsed: dict[str, str], folders: Folders, last: Snapshot | None
) -> Work:
    """The pages to render after the changes since ``last``; all of them without a ``last``.
    ``parsed`` holds the digests of the content files, as loading read them."""
    sources = dict(parsed)
    for folder in (folders.layouts, folders.assets):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                sources[relative_to_root(path, folders.root)] = hashlib.sha256(path.read_bytes()).hexdigest()
    content_folder = relative_to_root(folders.content, folders.root)
    paths, memo = record_paths(content), {}
    deps = {urls.output_path(page.url): page_dependencies(page, content, paths, memo) for page in pages}
    changed = _changed(last.sources, sources) if last else set()
    if last is None or any(not path.startswith(content_folder + "/") for path in changed):
        return Work(set(deps), deps, True, changed, sources)
    return Work({path for path in deps if _is_dirty(path, deps, last, changed)}, deps, False, changed, sources)


def _is_dirty(
    path: PurePosixPath, deps: dict[PurePosixPath, frozenset[str]], last: Snapshot, changed: set[str]
) -> bool:
    if path not in last.deps or deps[path] != last.deps[path]:
        return True
    return deps[path] == EVERYTHING and bool(changed) or bool(deps[path] & changed)


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
