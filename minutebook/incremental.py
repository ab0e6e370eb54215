"""The preview's builder: after an edit, re-render only the pages the edit affects.

The first build is a normal, complete one. After that each rebuild validates the whole
content (every problem is still reported), plans the whole site graph (cheap), and renders
only the pages whose dependencies changed; it writes only files whose bytes changed and
removes pages that are gone. A change to layouts/, assets/, the set of static pages or the
day resets to a complete build. The search index is refreshed in the background.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import search, write
from .dependencies import EVERYTHING, page_dependencies, record_paths
from .exports import csv_files
from .pipeline import BuildOptions, BuildReport, plan_site, validate
from .render import render_pages

KEPT_FOLDERS = ("pagefind",)  # written by Pagefind, not by a page


@dataclass
class RebuildResult:
    rendered: int
    written: int
    removed: int
    seconds: float
    complete: bool
    warnings: int = 0


@dataclass
class _Snapshot:
    sources: dict[str, str]  # file (relative to the root) -> content digest
    deps: dict[PurePosixPath, frozenset[str]]
    outputs: dict[PurePosixPath, str]  # output file -> digest of what was written
    day: object
    static_pages: frozenset[str]
    extras: dict[PurePosixPath, frozenset[PurePosixPath]]  # each page's CSV downloads


@dataclass
class IncrementalBuilder:
    options: BuildOptions
    _last: _Snapshot | None = None
    _index_lock: threading.Lock = field(default_factory=threading.Lock)
    _index_wanted: threading.Event = field(default_factory=threading.Event)

    def rebuild(self) -> RebuildResult:
        """Bring the output folder up to date; raises ContentErrors when the content is invalid."""
        start = time.perf_counter()
        options = self.options.at_one_moment()
        report = BuildReport()
        content, _ = validate(options, report)
        plan = plan_site(options, content, report)
        sources = self._digests(options)
        changed = _changed(self._last.sources if self._last else {}, sources)
        output = options.at(options.output)
        content_folder = _key(options.at(options.content), options) + "/"
        complete = (self._last is None or not output.is_dir() or options.now().date() != self._last.day
                    or frozenset(content.pages) != self._last.static_pages
                    or any(not path.startswith(content_folder) for path in changed))
        paths, memo = record_paths(content), {}
        deps = {plan.urls.output_path(page.url): page_dependencies(page, content, paths, memo) for page in plan.pages}
        dirty = [page for page in plan.pages if complete or _is_dirty(
            plan.urls.output_path(page.url), deps, self._last, changed)]
        pages_rendered = render_pages(dirty, plan.env, plan.urls, parallel=False)
        downloads = {page.path: csv_files(page) for page in pages_rendered}
        rendered = pages_rendered + [f for files in downloads.values() for f in files] + (
            plan.asset_files if complete else [])
        extras = {} if complete or self._last is None else dict(self._last.extras)
        extras.update({path: frozenset(f.path for f in files) for path, files in downloads.items()})
        if complete:
            written, removed = self._write_all(rendered, output)
        else:
            live = set(deps) | {csv for files in extras.values() for csv in files}
            stale = {csv for page, files in (self._last.extras.items() if self._last else [])
                     for csv in files if csv not in extras.get(page, frozenset())}
            written, removed = self._write_changes(rendered, live, output, stale)
        self._last = _Snapshot(sources, deps, {**(self._last.outputs if self._last and not complete else {}),
                                                **{r.path: _digest(r.data) for r in rendered}},
                               options.now().date(), frozenset(content.pages),
                               {page: paths for page, paths in extras.items() if page in deps})
        if complete and options.search:
            search.index_site(output)
        elif (written or removed) and options.search:
            self._refresh_index(output)
        return RebuildResult(len(dirty), written, removed, time.perf_counter() - start, complete,
                             len(report.warnings))

    def _digests(self, options: BuildOptions) -> dict[str, str]:
        digests = {}
        for folder in (options.content, options.layouts, options.assets):
            root = options.at(folder)
            for path in sorted(root.rglob("*")) if root.is_dir() else []:
                if path.is_file():
                    digests[_key(path, options)] = _digest(path.read_bytes())
        return digests

    def _write_all(self, rendered: list, output: Path) -> tuple[int, int]:  # type: ignore[type-arg]
        staging = write.write_staging(rendered, output)
        write.publish(staging, output)
        return len(rendered), 0

    def _write_changes(self, rendered: list, live: set[PurePosixPath], output: Path,  # type: ignore[type-arg]
                       stale: set[PurePosixPath]) -> tuple[int, int]:
        assert self._last is not None
        written = 0
        for item in rendered:
            digest = _digest(item.data)
            if self._last.outputs.get(item.path) != digest:
                target = output.joinpath(*item.path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(item.data)
                written += 1
        removed = 0
        gone = (set(self._last.deps) - live) | {path for path in stale if path not in live}
        for page, paths in self._last.extras.items():
            if page not in live:
                gone |= set(paths)
        for old in gone:
            target = output.joinpath(*old.parts)
            if target.exists():
                target.unlink()
                removed += 1
            _remove_empty_parents(target.parent, output)
            self._last.outputs.pop(old, None)
        return written, removed

    def _refresh_index(self, output: Path) -> None:
        """Rebuild the search index without holding up the preview; coalesce bursts of edits."""
        self._index_wanted.set()
        if not self._index_lock.acquire(blocking=False):
            return  # the running indexer will see the flag and go round again

        def run() -> None:
            try:
                while self._index_wanted.is_set():
                    self._index_wanted.clear()
                    _index_beside(output)
            finally:
                self._index_lock.release()

        threading.Thread(target=run, daemon=True).start()


def _index_beside(output: Path) -> None:
    """Index a copy of the HTML, then swap the new index in, so searches never see half an index."""
    scratch = output.parent / f".{output.name}.indexing"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(output, scratch, ignore=shutil.ignore_patterns(*KEPT_FOLDERS))
    try:
        search.index_site(scratch)
        old = output / "pagefind"
        retired = output.parent / f".{output.name}.pagefind-old"
        shutil.rmtree(retired, ignore_errors=True)
        if old.exists():
            old.rename(retired)
        (scratch / "pagefind").rename(old)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _is_dirty(path: PurePosixPath, deps: dict[PurePosixPath, frozenset[str]], last: _Snapshot | None,
              changed: set[str]) -> bool:
    if last is None or path not in last.deps or deps[path] != last.deps[path]:
        return True
    return deps[path] == EVERYTHING and bool(changed) or bool(deps[path] & changed)


def _key(path: Path, options: BuildOptions) -> str:
    """A file as the content's records name it: relative to the root where it can be."""
    try:
        return path.resolve().relative_to(options.root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remove_empty_parents(folder: Path, output: Path) -> None:
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
