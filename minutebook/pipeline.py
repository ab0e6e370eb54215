"""The build, stage by stage: content -> model -> pages -> HTML -> output -> search index.

``build`` reads top to bottom as the list of stages; each stage takes the previous one's
result. ``check`` is ``build`` stopping after the link check, writing nothing; the preview
(serve.py) runs ``build`` itself, with its cache in memory. Only ``write`` and ``search`` touch
the output folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment

from . import search, write
from .cache import BuildCache, DiskCache, MemoryCache, ParsedFiles, SearchIndex
from .checks import check_content, check_records
from .errors import ContentError, Problems, Refused
from .history import FileHistory, read_history
from .i18n import load_catalogue
from .linkcheck import check_links
from .load import read_content, reload_files
from .markdown import MarkdownRenderer, Resolver
from .model import UK, Content, SiteAddress
from .page import Made, OutputFile, Page, digest_of
from .progress import Progress
from .relations import Relations
from .reminders import warn_about
from .render import catalogue_of, make_environment, make_resolver, render_pages
from .reuse import Digests, code_version, folder_digest
from .site import SiteWide, build_site, pages_from_files, site_wide
from .theme import asset_files, asset_folders, template_folders
from .urls import Urls
from .withhold import withhold

PUBLISHED = Path("public")  # the folder a build publishes by default
DRAFTS_PREVIEW = Path("drafts-preview")  # where a --drafts build goes instead: never where a build publishes


@dataclass(frozen=True)
class BuildOptions:
    root: Path = Path(".")
    content: Path = Path("content")
    layouts: Path = Path("layouts")
    assets: Path = Path("assets")
    output: Path = PUBLISHED
    as_of: dt.datetime | None = None  # the moment the site is published as of; now by default
    base_url: str | None = None  # overrides site.yaml's, e.g. for a local preview
    search: bool = True
    drafts: bool = False  # a local preview may show drafts and embargoed content, marked as such
    parallel: bool = True  # render on every core
    cache: Path | None = Path(".cache/minutebook")  # the build cache on disk (cache.py); None builds from scratch
    swap: bool = True  # write a new folder and swap it in; False updates the output in place (the preview's own folder)

    def path(self, path: Path) -> Path:
        """A folder of these options, relative to the root unless given in full."""
        return path if path.is_absolute() else self.root / path

    def template_folders(self) -> list[Path]:
        """The site's layouts/, if it has one, then the built-in theme's."""
        return template_folders(self.path(self.layouts))

    def asset_folders(self) -> list[Path]:
        return asset_folders(self.path(self.assets))

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
    reused: int = 0  # pages (and feeds, calendars, data files) taken from the build cache
    rendered: int = 0  # pages (and feeds, calendars, data files) rendered by this build
    written: int = 0  # files the output folder gained, changed or lost (0: it already held this build)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)

    def counts(self) -> str:
        """The one way build, check and serve count a site: its pages, then all its files."""
        unchanged = f", {self.reused} of them unchanged since the last build" if self.reused else ""
        return f"{self.pages} pages ({self.files} files{unchanged})" if self.files else f"{self.pages} pages"

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[stage] = time.perf_counter() - start
        self.progress.stage(stage, self.timings[stage])


@dataclass
class SitePlan:
    """Every page of the publishable site, each with its key, and what renders them."""

    pages: list[Page]
    keys: list[str]  # each page's key (reuse.py), in page order; none in a quick look
    urls: Urls
    env: Environment
    markdown: MarkdownRenderer
    assets: list[OutputFile]
    site_wide: SiteWide
    resolve: Resolver  # where each [[kind:id]] leads, which page keys include


def build(
    options: BuildOptions, progress: Progress | None = None, cache: BuildCache | None = None, write_site: bool = True
) -> BuildReport:
    """Build the site into the output folder, all or nothing. Pages whose key the cache knows
    are taken from it instead of being rendered again. Without ``write_site`` (`check`), stop
    after the link check, having written nothing at all, not even the cache."""
    options = options.at_one_moment()
    if write_site and options.swap:
        refuse_unsafe_output(options)
    report = BuildReport(progress=progress or Progress())
    cache = cache if cache is not None else open_cache(options)
    if isinstance(cache, MemoryCache):
        cache.planned = None  # until this build is kept: a quick look starts only from a kept build
    content = validate(options, report, cache.parsed)
    plan = plan_site(options, content, report, cache.markdown)
    made = render_site(plan, report, cache, options.parallel)
    with report.timed("links"):
        refuse_broken_links(options, plan, made)
    if not write_site:
        return report
    files = [file for one in made for file in one.files] + plan.assets + [write.MARKER]
    output = options.path(options.output)
    parts = search_parts(made, options.now().date()) if options.search else None
    keys = search_index_keys(parts) if parts is not None else None
    earlier_index = cache.search_index(keys) if keys is not None else None  # the parts made from the same pages
    with report.timed("write"):
        staging = write_output(options, files, output, cache, keys, earlier_index, report)
    try:
        with report.timed("search"):
            kept_index = index_site(options, staging, output, parts, keys, earlier_index)
        with report.timed("swap"):
            markdown_used = None if report.reused else plan.markdown.used  # all of it, unless every page was rendered
            if staging is not None:
                write.swap_into_place(staging, output)
                staging = None
            cache.keep(dict(zip(plan.keys, made, strict=True)), output, kept_index, markdown_used)
            if isinstance(cache, MemoryCache):
                cache.planned = content
    finally:
        if staging is not None:
            write.set_aside(staging, output)
    return report


def check(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Everything a build does up to its link check, reading the cache but writing nothing."""
    return build(options, progress, write_site=False)


def refuse_unsafe_output(options: BuildOptions) -> None:
    """A build replaces its output folder whole: never one holding the council's own files."""
    keep = {"content": options.content, "layouts": options.layouts, "assets": options.assets}
    if options.cache:
        keep["cache"] = options.cache
    paths = {name: options.path(folder) for name, folder in keep.items()}
    write.refuse_unsafe_output(options.path(options.output), options.root, paths)
    target, published = options.path(options.output).resolve(), options.path(PUBLISHED).resolve()
    if options.drafts and (target.is_relative_to(published) or published.is_relative_to(target)):
        raise Refused(
            f"a --drafts build never writes into {PUBLISHED}/, which is what gets published: leave out --output "
            f"(it goes to {DRAFTS_PREVIEW}/) or choose another folder"
        )


def open_cache(options: BuildOptions) -> DiskCache:
    return DiskCache(options.path(options.cache) if options.cache else None, options.path(options.output))


def validate(options: BuildOptions, report: BuildReport, parsed: ParsedFiles) -> Content:
    """Load and check the content; raises ContentErrors listing every problem. Files the cache
    parsed before, byte for byte the same, are not parsed again."""
    problems = Problems(root=options.root)
    with report.timed("load"):
        content = read_content(options.path(options.content), problems, parsed)
    with report.timed("validate"):
        if content is not None:
            check_content(content, problems)
    problems.raise_if_any()
    assert content is not None
    with report.timed("warnings"):
        warn_about(content, options.now(), problems)
    if options.base_url:
        content = dataclasses.replace(
            content, site=dataclasses.replace(content.site, base_url=SiteAddress(options.base_url))
        )
    report.warnings = sorted(problems.warnings)
    return content


def plan_site(options: BuildOptions, content: Content, report: BuildReport, markdown_cache: dict[str, Any]) -> SitePlan:
    """The publishable site as a graph of pages, each with its key. ``markdown_cache`` holds
    Markdown rendered before (see MarkdownRenderer)."""
    with report.timed("site"):
        plan = _plan(options, content, markdown_cache, build_site)
        _refuse_clashes(plan.pages, plan.urls)
    with report.timed("keys"):
        digests = Digests(plan.resolve)
        shared = (
            code_version(),
            *(folder_digest(folder) for folder in options.template_folders()),
            *(folder_digest(folder) for folder in options.asset_folders()),
            catalogue_of(plan.env).digest,  # the message catalogue files the pages are translated with
        )
        site_key = hashlib.sha256(
            repr(shared).encode() + digests.of(plan.site_wide) + digests.of(plan.urls)
        ).hexdigest()
        plan.keys = [digests.key(page, site_key) for page in plan.pages]
    report.pages = sum(1 for page in plan.pages if page.template)
    return plan


def _plan(
    options: BuildOptions,
    content: Content,
    markdown_cache: dict[str, Any],
    make_pages: Callable[[Content, Relations, Urls, dict[str, FileHistory]], list[Page]],
) -> SitePlan:
    """What may be published, its pages (all of them, or the quick look's few) and what renders them."""
    now = options.now()
    reviews = options.path(options.content) / "reviews"
    history = read_history(options.root, reviews, until=now) if content.site.git_history else {}
    published = withhold(content, now, drafts=options.drafts)
    relations = Relations(published, now)
    urls = Urls(published.site.base_url)
    pages = make_pages(published, relations, urls, history)
    asset_names, assets = write.fingerprint_assets(asset_files(options.asset_folders()))
    catalogue = load_catalogue(options.root, published.site.language)  # the site's words in its language (i18n.py)
    resolve = make_resolver(relations, urls, catalogue)
    markdown = MarkdownRenderer(resolve, urls.base, published.glossary, urls.glossary(), markdown_cache)
    everywhere = site_wide(published, relations.as_of, options.drafts)
    env = make_environment(options.template_folders(), everywhere, urls, asset_names, markdown, catalogue)
    return SitePlan(pages, [], urls, env, markdown, assets, everywhere, resolve)


def quick_look(options: BuildOptions, cache: MemoryCache, edited: Collection[Path]) -> int:
    """The preview's first answer to a save: the pages of the edited records, planned and
    rendered by the same code as ``build`` (their lists and site-wide files are left to it),
    written at once; ``build`` follows, checks the whole content and writes everything else.
    Returns how many files were written: none unless the last build was kept and each edited
    file is an existing record's, valid on its own (see load.reload_files)."""
    if cache.planned is None or not edited:
        return 0
    options = options.at_one_moment()
    problems = Problems(root=options.root)
    content_dir = options.path(options.content)
    root = content_dir.resolve()  # the watcher may name files from wherever it was started
    # An editor's temporary file ("sed1a2b3c", vim's "4913"), renamed over the file by now, is no
    # record; a vanished .yaml or .md file was one, deleted, which only a build can answer.
    resolved = [path.resolve() for path in edited if path.exists() or path.suffix in (".yaml", ".md")]
    inside = [content_dir / path.relative_to(root) for path in resolved if path.is_relative_to(root)]
    if len(inside) < len(resolved) or not inside:
        return 0  # layouts/ or assets/ changed: every page may have
    reloaded = reload_files(cache.planned, content_dir, inside, problems, cache.parsed)
    if reloaded is None:
        return 0
    content, records = reloaded
    check_records(content, records, problems)
    if problems.errors:
        return 0
    sources = {record.src.path for record in records}
    plan = _plan(options, content, cache.markdown, partial(pages_from_files, sources))
    made = render_pages(plan.pages, plan.env, plan.urls, parallel=False)
    files = [file for one in made for file in one.files]
    written = write.write_changed(files, options.path(options.output), cache.holds)
    cache.holds.update({file.path: file.digest for file in files})
    return written


def render_site(plan: SitePlan, report: BuildReport, cache: BuildCache, parallel: bool) -> list[Made]:
    """What every page makes, in page order: from the cache where it knows the page's key (the
    reuse step), else rendered."""
    with report.timed("reuse"):
        reused = {index: made for index, key in enumerate(plan.keys) if (made := cache.made(key)) is not None}
    with report.timed("render"):
        todo = [page for index, page in enumerate(plan.pages) if index not in reused]
        rendered = iter(render_pages(todo, plan.env, plan.urls, report.progress.advance, parallel))
    every = [reused[index] if index in reused else next(rendered) for index in range(len(plan.pages))]
    report.reused, report.rendered = len(reused), len(todo)
    report.files = sum(len(one.files) for one in every) + len(plan.assets)
    return every


def refuse_broken_links(options: BuildOptions, plan: SitePlan, made: list[Made]) -> None:
    problems = Problems(root=options.root)
    check_links(plan.pages, made, plan.assets, plan.urls, problems)
    problems.raise_if_any()


def search_parts(made: list[Made], as_of: dt.date) -> dict[str, list[OutputFile]]:
    """The pages of each part of the search index (search.py), by part."""
    return search.parts_of(((one.search_year, one.files[0]) for one in made if one.search_year is not None), as_of)


def search_index_keys(parts: dict[str, list[OutputFile]]) -> dict[str, str]:
    """A digest of each part's pages and of what Pagefind is told to leave out, which is all a
    part depends on; the main bundle's also has the years, which it lists."""
    years = search.years_of(parts)
    return {
        part: digest_of(repr((search.CHROME, part, years if part == search.MAIN else [], _pages(files))).encode())
        for part, files in parts.items()
    }


def _pages(files: list[OutputFile]) -> list[tuple[str, str]]:
    return sorted((str(file.path), file.digest) for file in files)


def write_output(
    options: BuildOptions,
    files: list[OutputFile],
    output: Path,
    cache: BuildCache,
    keys: dict[str, str] | None,
    earlier_index: SearchIndex | None,
    report: BuildReport,
) -> Path | None:
    """Write the files: into a new staging folder to swap in (returned), or, for the preview, into
    its own folder in place (None). A build writes nothing when the output already holds exactly
    this build, which is checked by reading what is there (only when this build made the same
    files as the last one the cache kept: else the output cannot hold them all)."""
    if not options.swap:
        assert isinstance(cache, MemoryCache), "only the preview, whose cache knows its folder, updates in place"
        report.written = write.update_in_place(files, output, cache.holds)
        cache.holds = {file.path: file.digest for file in files}
        return None
    index_kept = keys is None or (earlier_index is not None and earlier_index.keys() == keys.keys())
    if index_kept and output.is_dir() and _holds_exactly(output, files, earlier_index, _kept_files(cache)):
        return None
    report.written = len(files)
    return write.write_staging(files + _index_files(earlier_index), output, cache.stored)


def _kept_files(cache: BuildCache) -> dict[PurePosixPath, str]:
    return cache.kept_files() if isinstance(cache, DiskCache) else {}  # {}: read the folder to know


def _holds_exactly(
    output: Path, files: list[OutputFile], index: SearchIndex | None, kept: dict[PurePosixPath, str]
) -> bool:
    expected = {file.path: file.digest for file in files + _index_files(index)}
    return kept.items() <= expected.items() and write.folder_digests(output) == expected


def _index_files(index: SearchIndex | None) -> list[OutputFile]:
    """The files of these parts of the search index, each a file of the site."""
    return [
        OutputFile(PurePosixPath("pagefind") / path, digest)
        for _, part_files in (index or {}).values()
        for path, digest in part_files.items()
    ]


def index_site(
    options: BuildOptions,
    staging: Path | None,
    output: Path,
    parts: dict[str, list[OutputFile]] | None,
    keys: dict[str, str] | None,
    kept: SearchIndex | None,
) -> SearchIndex | None:
    """The Pagefind index of the site's pages, part by part: the cache's copy of each part made
    from the same pages (written with the pages: write_output), the others made anew, side by
    side (by the preview in the background, so that pages show at once)."""
    if parts is None or keys is None:
        return None
    kept = kept or {}
    todo = {part: [file.path for file in files] for part, files in parts.items() if part not in kept}
    years = search.years_of(parts)
    if not options.swap:
        if todo:
            search.index_in_background(output, todo, years)
        return {part: (key, {}) for part, key in keys.items()}
    if staging is None:  # the output folder holds exactly this index already
        return kept
    if todo:
        search.index_site(staging, todo, years)
    made = {part: (keys[part], _bundle_files(staging / "pagefind", part)) for part in todo}
    return {**kept, **made}


def _bundle_files(folder: Path, part: str) -> dict[PurePosixPath, str]:
    """The files of one part's bundle, as paths in pagefind/ (the main bundle's without the years')."""
    bundle = search.bundle_of(part)
    files = write.folder_digests(folder / bundle)
    return {bundle / path: digest for path, digest in files.items() if part or path.parts[0] != search.YEARS}


def _refuse_clashes(pages: list[Page], urls: Urls) -> None:
    """Two pages may not write the same file (checks.py prevents it; this names both if not)."""
    owners: dict[str, Page] = {}
    for page in pages:
        path = str(urls.output_path(page.url))
        if path in owners:
            raise RuntimeError(f"{page.sources} and {owners[path].sources} would both be written to {path}")
        owners[path] = page
