"""The build, stage by stage: content -> model -> pages -> HTML -> output -> search index.

``build`` reads top to bottom as the list of stages; each stage takes the previous one's
result. Only ``write`` and ``search`` touch the disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment

from . import changes, search, write
from .cache import BuildCache, ParsedFiles, Snapshot, digest_of, link_or_copy
from .checks import check_content
from .errors import ContentError, Problems
from .exports import csv_files, with_csv
from .graph import Graph
from .history import read_history
from .linkcheck import check_links
from .load import load_content
from .markdown import MarkdownRenderer
from .model import Content
from .progress import Progress
from .publish import publishable
from .reminders import warn_about
from .render import Rendered, make_environment, make_resolver, render_pages
from .site import Page, build_site
from .urls import Urls

UK = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class BuildOptions:
    root: Path = Path(".")
    content: Path = Path("content")
    layouts: Path = Path("layouts")
    assets: Path = Path("assets")
    output: Path = Path("public")
    as_of: dt.datetime | None = None  # the moment the site is published as of; now by default
    base_url: str | None = None  # overrides site.yaml's, e.g. for a local preview
    search: bool = True
    drafts: bool = False  # a local preview may show drafts and embargoed content, marked as such
    parallel: bool = True  # render on every core (the preview server, which runs threads, does not)
    cache: Path | None = Path(".cache/minutebook")  # the build cache (cache.py); None builds from scratch

    def at(self, path: Path) -> Path:
        return path if path.is_absolute() else self.root / path

    def folders(self) -> changes.Folders:
        return changes.Folders(self.root, self.at(self.content), self.at(self.layouts), self.at(self.assets))

    def at_one_moment(self) -> BuildOptions:
        """These options with "now" fixed, so that every stage of one build agrees on it."""
        return dataclasses.replace(self, as_of=self.now())

    def now(self) -> dt.datetime:
        """UK local time as of which the site is built: the option, else SOURCE_DATE_EPOCH
        (reproducible-builds.org), else the clock."""
        if self.as_of:
            return self.as_of
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
        return moment.astimezone(UK).replace(tzinfo=None)


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    reused: int = 0  # pages taken from the build cache, not rendered
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[stage] = time.perf_counter() - start
        self.progress.stage(stage, self.timings[stage])


def validate(
    options: BuildOptions, report: BuildReport | None = None, parsed: ParsedFiles | None = None
) -> tuple[Content, Problems]:
    """Load and check the content; raises ContentErrors listing every problem. ``parsed`` holds
    files parsed by an earlier build, which are not parsed again."""
    report = report or BuildReport()
    problems = Problems(root=options.root)
    with report.timed("load"):
        content = load_content(options.at(options.content), problems, parsed)
    with report.timed("validate"):
        if content is not None:
            check_content(content, problems)
    problems.raise_if_any()
    assert content is not None
    with report.timed("warnings"):
        warn_about(content, options.now(), problems)
    if options.base_url:
        content = dataclasses.replace(content, site=dataclasses.replace(content.site, base_url=options.base_url))
    report.warnings = sorted(problems.warnings)
    return content, problems


@dataclass
class SitePlan:
    """Everything needed to render any page of the publishable site."""

    pages: list[Page]
    urls: Urls
    env: Environment
    asset_files: list[Rendered]
    fingerprint: tuple[Any, ...]  # everything besides the source files that decides the output

    @property
    def markdown(self) -> MarkdownRenderer:
        return self.env.globals["markdown"]  # type: ignore[no-any-return]


def plan_site(
    options: BuildOptions, content: Content, report: BuildReport, markdown_cache: dict[str, Any] | None = None
) -> SitePlan:
    """The publishable site as a graph of pages, with the environment to render them.
    ``markdown_cache`` holds Markdown rendered before (see MarkdownRenderer)."""
    now = options.now()
    history = read_history(options.root, options.at(options.content) / "reviews") if content.site.git_history else {}
    site_fingerprint = changes.fingerprint(content, now, options.drafts, history)
    with report.timed("site"):
        content = publishable(content, now, drafts=options.drafts)
        urls = Urls(content.site.base_url)
        graph = Graph(content, now)
        pages = build_site(content, graph, urls, history)
        _refuse_clashes(pages, urls)
        assets, asset_files = write.fingerprint_assets(options.at(options.assets))
        env = make_environment(
            options.at(options.layouts),
            graph,
            urls,
            assets,
            MarkdownRenderer(make_resolver(graph, urls), urls.base, content.glossary, urls.glossary(), markdown_cache),
        )
    report.pages = sum(1 for page in pages if page.template)
    return SitePlan(pages, urls, env, asset_files, site_fingerprint)


def render_site(options: BuildOptions, content: Content, report: BuildReport) -> tuple[SitePlan, list[Rendered]]:
    """The publishable site, rendered in memory: every output file."""
    plan = plan_site(options, content, report)
    with report.timed("render"):
        rendered = (
            with_csv(render_pages(plan.pages, plan.env, plan.urls, report.progress.advance, options.parallel))
            + plan.asset_files
        )
    report.files = len(rendered)
    return plan, rendered


def check(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Validate, render in memory and check every internal link; writes nothing."""
    options = options.at_one_moment()
    report = BuildReport(progress=progress or Progress())
    content, problems = validate(options, report)
    plan, rendered = render_site(options, content, report)
    with report.timed("links"):
        check_links(plan.pages, rendered, plan.urls, problems)
    problems.raise_if_any()
    return report


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the site into the output folder, all or nothing. With the build cache, only pages
    made from files that changed since the last build are rendered; the rest are reused."""
    options = options.at_one_moment()
    report = BuildReport(progress=progress or Progress())
    cache = BuildCache(options.at(options.cache) if options.cache else None)
    cache.delete_retired()  # in the background: what is left when the build ends, the next one deletes
    return _build(options, report, cache)


def _build(options: BuildOptions, report: BuildReport, cache: BuildCache) -> BuildReport:
    content, _ = validate(options, report, cache.parsed)
    plan = plan_site(options, content, report, cache.markdown)
    with report.timed("changes"):
        last = cache.snapshot(plan.fingerprint)
        work = changes.work_out(plan.pages, content, plan.urls, cache.parsed.digests, options.folders(), last)
        reused = _reusable(plan, work, cache, last)
    with report.timed("render"):
        pages = render_pages(
            [page for page in plan.pages if plan.urls.output_path(page.url) not in reused],
            plan.env,
            plan.urls,
            report.progress.advance,
            options.parallel,
        )
        downloads = {page.path: csv_files(page) for page in pages}
        rendered = pages + [file for files in downloads.values() for file in files] + plan.asset_files
    report.files, report.reused = len(rendered) + len(reused), sum(1 for path in reused if path in work.deps)
    snapshot = _snapshot(plan, work, last, reused, rendered, downloads)
    output = options.at(options.output)
    keep = partial(cache.save, snapshot, output, cache.parsed, options.search, plan.markdown, work.complete)
    if last and _already_published(snapshot, last, output, options.search):
        with report.timed("cache"):
            keep()
        return report  # the output folder already holds exactly this build
    with report.timed("write"):
        staging = write.write_staging(rendered, output)
        for path, cached in reused.items():
            link_or_copy(cached, write.make_parents(staging.joinpath(*path.parts)))
    try:
        if options.search:
            with report.timed("search"):
                kept_index = cache.search_index(snapshot.search_key())
                for path, cached in (kept_index or {}).items():
                    link_or_copy(cached, write.make_parents(staging / "pagefind" / path))
                if not kept_index:
                    search.index_site(staging)
        with report.timed("publish"):
            write.publish(staging, output, meanwhile=keep, retire=cache.retire)
    finally:
        write.discard(staging)
    return report


def _snapshot(
    plan: SitePlan,
    work: changes.Work,
    last: Snapshot | None,
    reused: dict[PurePosixPath, Path],
    rendered: list[Rendered],
    downloads: dict[PurePosixPath, list[Rendered]],
) -> Snapshot:
    """What this build made, for the next: the files it reused keep the last build's digests."""
    outputs = {path: last.outputs[path] for path in reused} if last else {}
    outputs.update({file.path: digest_of(file.data) for file in rendered})
    extras = {page: files for page, files in last.extras.items() if page in reused} if last else {}
    extras.update({page: frozenset(file.path for file in files) for page, files in downloads.items() if files})
    return Snapshot(plan.fingerprint, work.sources, work.deps, outputs, extras)


def _already_published(snapshot: Snapshot, last: Snapshot, output: Path, with_search: bool) -> bool:
    """Whether the output folder is the last build's and this build would write the same files."""
    if snapshot.outputs != last.outputs or (output / "pagefind" / "pagefind-entry.json").is_file() != with_search:
        return False
    return all(output.joinpath(*path.parts).is_file() for path in snapshot.outputs)


def _reusable(
    plan: SitePlan, work: changes.Work, cache: BuildCache, last: Snapshot | None
) -> dict[PurePosixPath, Path]:
    """Output files of the last build that this one can reuse as they are: those of pages no
    change touched, with their CSV downloads, when the cache still has every one of them."""
    if last is None or work.complete:
        return {}
    reusable: dict[PurePosixPath, Path] = {}
    for path in work.deps.keys() - work.dirty:
        files = [path, *last.extras.get(path, ())]
        cached = [cache.cached_file(last.outputs[file]) if file in last.outputs else None for file in files]
        if all(cached):
            reusable.update(zip(files, cached))  # type: ignore[arg-type]
    return reusable


def _refuse_clashes(pages: list[Page], urls: Urls) -> None:
    """Two pages may not write the same file (checks.py prevents it; this names both if not)."""
    owners: dict[str, Page] = {}
    for page in pages:
        path = str(urls.output_path(page.url))
        if path in owners:
            raise RuntimeError(f"{page.sources} and {owners[path].sources} would both be written to {path}")
        owners[path] = page
