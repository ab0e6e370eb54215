"""The preview's builder: after an edit, re-render only the pages the edit affects.

The first build is a normal, complete one. After that each rebuild parses only the files
edited since the last one, validates the whole content (every problem is still reported),
plans the whole site graph, and renders only the pages whose files changed (changes.py); it
writes only files whose bytes changed and removes pages that are gone. A change to layouts/,
assets/, what is published or the day resets to a complete build. The search index is
refreshed in the background.
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import changes, search, write
from .cache import BuildCache, ParsedFiles, Snapshot, digest_of, replace_file
from .errors import Problems
from .exports import csv_files
from .graph import meeting_title
from .ical import schema_org_event
from .load import load_one_meeting
from .page import Page
from .pipeline import BuildOptions, BuildReport, SitePlan, plan_site, validate
from .publish import is_withheld, public_meeting, published_ids
from .render import Rendered, render_pages
from .site import draft_notice

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
class IncrementalBuilder:
    options: BuildOptions
    _last: Snapshot | None = None
    _plan: SitePlan | None = None
    last_seconds: float = 0.0  # how long the last rebuild took
    _parsed: ParsedFiles = field(default_factory=ParsedFiles)
    _markdown: dict[str, Any] = field(default_factory=dict)  # Markdown rendered by earlier rebuilds
    _index_lock: threading.Lock = field(default_factory=threading.Lock)
    _index_wanted: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if self.options.cache:  # start from what the last `build` parsed
            self._parsed = BuildCache(self.options.at(self.options.cache)).parsed

    def rebuild(self) -> RebuildResult:
        """Bring the output folder up to date; raises ContentErrors when the content is invalid."""
        start = time.perf_counter()
        options = self.options.at_one_moment()
        report = BuildReport()
        self._parsed = self._parsed.next_build()  # only files edited since the last rebuild are parsed
        content, _ = validate(options, report, self._parsed)
        plan = plan_site(options, content, report, self._markdown)
        output = options.at(options.output)
        last = self._last if self._last and self._last.fingerprint == plan.fingerprint and output.is_dir() else None
        work = changes.work_out(plan.pages, content, plan.urls, self._parsed.digests, options.folders(), last)
        dirty = [page for page in plan.pages if plan.urls.output_path(page.url) in work.dirty]
        rendered, extras, written, removed = self._render_and_write(dirty, plan, work, last, output)
        self._plan = plan
        self._last = Snapshot(
            plan.fingerprint,
            work.sources,
            work.deps,
            {**(last.outputs if last and not work.complete else {}), **{r.path: digest_of(r.data) for r in rendered}},
            {page: paths for page, paths in extras.items() if page in work.deps},
        )
        if work.complete and options.search:
            search.index_site(output)
        elif (written or removed) and options.search:
            self._refresh_index(output)
        self.last_seconds = time.perf_counter() - start
        return RebuildResult(len(dirty), written, removed, self.last_seconds, work.complete, len(report.warnings))

    def _render_and_write(
        self, dirty: list[Page], plan: SitePlan, work: changes.Work, last: Snapshot | None, output: Path
    ) -> tuple[list[Rendered], dict[PurePosixPath, frozenset[PurePosixPath]], int, int]:
        """Render the dirty pages and write what changed: the edited records' own pages first, on
        disk before their many dependents are rendered. Returns what was rendered, each page's
        CSV downloads, and how many files were written and removed."""
        dirty = sorted(dirty, key=lambda page: not work.changed.intersection(page.sources))
        direct = sum(1 for page in dirty if work.changed.intersection(page.sources))
        extras = {} if work.complete or last is None else dict(last.extras)
        stale: set[PurePosixPath] = set()
        rendered: list[Rendered] = []
        written = removed = 0
        for group in [dirty] if work.complete else [dirty[:direct], dirty[direct:]]:
            # Only the first build may use other processes: later ones run beside the server's threads.
            pages_rendered = render_pages(
                group, plan.env, plan.urls, parallel=self.options.parallel and self._plan is None
            )
            downloads = {page.path: csv_files(page) for page in pages_rendered}
            files = pages_rendered + [f for found in downloads.values() for f in found]
            extras.update({path: frozenset(f.path for f in found) for path, found in downloads.items()})
            stale |= {
                csv
                for page in downloads
                for csv in (last.extras.get(page, frozenset()) if last else ())
                if csv not in extras[page]
            }
            if not work.complete:
                live = set(work.deps) | {csv for found in extras.values() for csv in found}
                done = self._write_changes(files, live, output, stale)
                written, removed = written + done[0], removed + done[1]
            rendered += files
        if work.complete:
            rendered += plan.asset_files
            written, removed = self._write_all(rendered, output)
            for template in {page.template for page in plan.pages if page.template}:
                plan.env.get_template(template)  # compiled here too, not only in the first build's workers
        return rendered, extras, written, removed

    def write_edited_meeting(self, path: Path) -> bool:
        """The edited meeting's own page, made from the last rebuild's site plan and on disk at
        once, before the full rebuild: on a big site that takes seconds, this milliseconds. It is
        a first look only: the rebuild that follows makes every page consistent and reports any
        problem, so when anything here is not straightforward it does nothing."""
        plan, options = self._plan, self.options
        if (
            plan is None
            or path.suffix != ".yaml"
            or path.parent.resolve() != options.at(options.content / "meetings").resolve()
        ):
            return False
        problems = Problems(root=options.root)
        meeting = load_one_meeting(path, problems)
        graph = plan.env.globals["graph"]
        if meeting is None or problems.errors or (is_withheld(meeting, graph.now) and not options.drafts):
            return False
        url = plan.urls.meeting(meeting.id)
        page = next((page for page in plan.pages if page.url == url and page.template == "meeting.html"), None)
        if page is None or page.context["meeting"].committee != meeting.committee:
            return False
        public = public_meeting(meeting, published_ids(graph.content))
        committee = page.context["committee"]
        quick = dataclasses.replace(
            page,
            title=meeting_title(public, graph),
            context={**page.context, "meeting": public},
            event=schema_org_event(public, committee, graph.content.site, plan.urls),
            draft_notice=draft_notice(public, graph),
        )
        try:
            [rendered] = render_pages([quick], plan.env, plan.urls, parallel=False)
        except Exception:  # noqa: BLE001 - e.g. a new minute the old plan has no links for: the rebuild shows it
            return False
        replace_file(options.at(options.output).joinpath(*rendered.path.parts), rendered.data)
        return True

    def _write_all(self, rendered: list, output: Path) -> tuple[int, int]:  # type: ignore[type-arg]
        staging = write.write_staging(rendered, output)
        write.publish(staging, output)
        return len(rendered), 0

    def _write_changes(
        self,
        rendered: list,
        live: set[PurePosixPath],
        output: Path,  # type: ignore[type-arg]
        stale: set[PurePosixPath],
    ) -> tuple[int, int]:
        assert self._last is not None
        written = 0
        for item in rendered:
            if self._last.outputs.get(item.path) != digest_of(item.data):
                replace_file(output.joinpath(*item.path.parts), item.data)
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


def _remove_empty_parents(folder: Path, output: Path) -> None:
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
