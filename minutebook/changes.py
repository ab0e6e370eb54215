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
from .model import Content
from .page import Page
from .publish import is_withheld
from .urls import Urls


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
    records = [*content.meetings.values(), *content.reports.values(), *content.pages.values(),
               *content.reviews.values(), *recommendations]
    embargoed = sorted(record.src.path for record in records if is_withheld(record, now))
    return (code_version(), now.date(), drafts, content.site.base_url, _digest(repr(embargoed)),
            _digest(repr(sorted(history.items()))) if history else None)


def source_digests(parsed: dict[str, str], folders: list[Path], root: Path) -> dict[str, str]:
    """Digests of every source file: content files as loading read them, plus layouts and assets."""
    digests = dict(parsed)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digests[relative_key(path, root)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def work_out(pages: list[Page], content: Content, urls: Urls, sources: dict[str, str], content_folder: str,
             last: Snapshot | None) -> Work:
    """The pages to render after the changes since ``last``; all of them without a ``last``."""
    paths, memo = record_paths(content), {}
    deps = {urls.output_path(page.url): page_dependencies(page, content, paths, memo) for page in pages}
    changed = _changed(last.sources, sources) if last else set()
    if last is None or any(not path.startswith(content_folder + "/") for path in changed):
        return Work(set(deps), deps, True, changed, sources)
    return Work({path for path in deps if _is_dirty(path, deps, last, changed)}, deps, False, changed, sources)


def relative_key(path: Path, root: Path) -> str:
    """A file as the content's records name it: relative to the root where it can be."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _is_dirty(path: PurePosixPath, deps: dict[PurePosixPath, frozenset[str]], last: Snapshot,
              changed: set[str]) -> bool:
    if path not in last.deps or deps[path] != last.deps[path]:
        return True
    return deps[path] == EVERYTHING and bool(changed) or bool(deps[path] & changed)


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
