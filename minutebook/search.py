"""Build the Pagefind search index over the written site, offline, from pagefind-bin.

The index is in parts, so that a first search downloads only the recent years however long
the archive, and an edit re-indexes only the part its pages are in: the main part, Pagefind's
main bundle ``pagefind/`` with its scripts, holds the recent years (RECENT_YEARS) and every page
with no year (people, committees, topics); each older year is a bundle of its own,
``pagefind/year/<year>/``, which the search page merges in the browser (Pagefind's
``mergeIndex``) when the reader searches that year or every year; ``pagefind/parts.json``
lists them. A page's year is the one its "year" search filter gives. The parts are indexed
side by side, on every core. (The recent years are one index, not one each, because Pagefind
ranks each index by its own word counts: results from one index rank as a single index would.)

Pagefind writes its filter indexes in hash-map order, so two runs over the same pages can
give differently named files (Pagefind issue #638: fragments are stable, filters are not).
``_make_reproducible`` rewrites just those files in sorted order, so the whole output of a
build is byte-for-byte reproducible.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import cbor2
from pagefind_bin import get_executable

SIGNATURE = b"pagefind_dcd"  # every Pagefind data file starts with this, before the CBOR
MAIN = ""  # the part of the recent years and the pages without a year: the main bundle
MANIFEST = "parts.json"
YEARS = "year"  # the folder of the year bundles, in the main one
RECENT_YEARS = 2  # a first search covers this year and last, and every page without a year
# What a year's bundle needs once merged: Pagefind's scripts and WebAssembly are the main bundle's.
MERGED_NEEDS = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")

Parts = Mapping[str, Sequence[PurePosixPath]]  # part -> its pages, as paths in the site folder
T = TypeVar("T")


class SearchIndexFailed(Exception):
    pass


# What a page says about itself, not what it is about: kept out of the index, so a search finds
# records by their words and each excerpt is text meant to be read. (The header, main navigation
# and footer are outside each page's data-pagefind-body already; templates mark one-off chrome
# with data-pagefind-ignore.)
CHROME = (
    "nav",  # breadcrumbs, "On this page", the pager between records
    ".follow",  # "Follow this review: its news feed"
    ".no-print",  # "Add this meeting to your calendar"
    ".csv-link",  # "Download these figures (CSV)"
    ".backlinks",  # "Referred to in": other records' titles
    ".history",  # "History of this record"
    ".chart",  # a chart's labels: its figures are in the table beside it
    ".visually-hidden",  # words for a screen reader's context ("(Cabinet, 12 March 2025)"), said again
)

# A page Pagefind indexes has an element marked data-pagefind-body (every indexed template's
# <main>); the year it is filed under is the one its "year" search filter gives.
INDEXED = re.compile(rb"<[a-z]+\b[^>]*\sdata-pagefind-body[\s>]")
YEAR = re.compile(rb'data-pagefind-filter="year">(\d+)<')


def year_of(html: bytes) -> str | None:
    """The year a page is searched under, or "" if it has none; None if it is not searched."""
    if not INDEXED.search(html):
        return None
    year = YEAR.search(html)
    return year.group(1).decode() if year else ""


def first_recent_year(as_of: dt.date) -> int:
    """The first year a search covers before the reader asks for older ones."""
    return as_of.year - RECENT_YEARS + 1


def parts_of(pages: Iterable[tuple[str, T]], as_of: dt.date) -> dict[str, list[T]]:
    """Pages (each with its year_of) by the part of the index that holds them. Pagefind's main
    bundle must hold some page, so a site with nothing recent or undated to search has one part."""
    recent_from = first_recent_year(as_of)
    parts: dict[str, list[T]] = {}
    for year, page in pages:
        parts.setdefault(MAIN if not year or int(year) >= recent_from else year, []).append(page)
    if parts and not parts.get(MAIN):
        return {MAIN: [page for part in parts.values() for page in part]}
    return parts


def bundle_of(part: str) -> PurePosixPath:
    """Where a part's bundle goes, inside the site's pagefind/ folder."""
    return PurePosixPath() if part == MAIN else PurePosixPath(YEARS, part)


def years_of(parts: Mapping[str, object]) -> list[str]:
    """The year parts, which the main bundle lists (newest first)."""
    return sorted((part for part in parts if part != MAIN), reverse=True)


def index_site(site_dir: Path, parts: Parts, years: Sequence[str]) -> None:
    """Index ``parts`` of the pages of ``site_dir`` into its pagefind/ folder, each part's
    bundle swapped in for the one there, the others left as they are; raise on failure. The
    pages are read through links made as each part starts, so a page saved meanwhile (by the
    preview) is indexed as it was or as it is, never half written. ``years`` are all the year
    parts of the index, which the main bundle lists."""
    into = site_dir / "pagefind"
    work = Path(tempfile.mkdtemp(prefix=".minutebook-index-", dir=site_dir.parent))
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            made = dict(zip(parts, pool.map(lambda part: _index_part(site_dir, work, part, parts[part]), parts)))
        for part, bundle in made.items():
            target = into / bundle_of(part)
            if part == MAIN:
                _write_manifest(bundle, years)
                if (target / YEARS).exists():  # the year bundles are not this part's to replace
                    (target / YEARS).rename(bundle / YEARS)
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            bundle.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_manifest(bundle: Path, years: Sequence[str]) -> None:
    """List the year bundles, for the search page to merge those the reader searches."""
    manifest = {"years": {year: f"{bundle_of(year)}/" for year in years}}
    (bundle / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")


def _index_part(site_dir: Path, work: Path, part: str, pages: Sequence[PurePosixPath]) -> Path:
    """One part's bundle, from a folder of links to its pages alone (Pagefind reads a folder)."""
    name = part or "main"
    pages_dir, bundle = work / f"{name}-pages", work / f"{name}-bundle"
    for path in pages:
        link = pages_dir.joinpath(*path.parts)
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir.joinpath(*path.parts), link)
        except OSError:  # a file system without hard links
            shutil.copyfile(site_dir.joinpath(*path.parts), link)
    command = [str(get_executable()), "--site", str(pages_dir), "--output-path", str(bundle), "--silent"]
    for selector in CHROME:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip())
    _make_reproducible(bundle)
    if part != MAIN:
        for needless in bundle.iterdir():
            if not any(needless.match(wanted) for wanted in MERGED_NEEDS):
                needless.unlink()
    return bundle


class BackgroundIndex:
    """The preview's search index, made in its folder part by part without holding up the
    pages; a burst of edits gives one more run, not one each. ``failure`` says why the last run
    failed, for the preview to show."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.on_failure: Callable[[str], None] | None = None
        self._wanted = threading.Event()
        self._running = threading.Lock()
        self._todo: dict[str, Sequence[PurePosixPath]] = {}  # the parts still to index, as last planned
        self._years: Sequence[str] = ()

    def refresh(self, parts: Parts, years: Sequence[str]) -> None:
        self._todo = {**self._todo, **parts}
        self._years = years
        self._wanted.set()
        if self._running.acquire(blocking=False):
            threading.Thread(target=self._run, daemon=True).start()

    def wait(self, timeout: float) -> None:
        """Wait for the run in progress, if any, and hold off any other (the folder is going)."""
        self._running.acquire(timeout=timeout)

    def _run(self) -> None:
        try:
            while self._wanted.is_set():
                self._wanted.clear()
                todo, self._todo = self._todo, {}
                try:
                    index_site(self.folder, todo, self._years)
                except (SearchIndexFailed, OSError) as exc:
                    if self.on_failure:
                        self.on_failure(str(exc))
        finally:
            self._running.release()


_background: dict[Path, BackgroundIndex] = {}


def background(folder: Path) -> BackgroundIndex:
    """The background indexer of a folder (one per folder)."""
    return _background.setdefault(folder.resolve(), BackgroundIndex(folder))


def index_in_background(folder: Path, parts: Parts, years: Sequence[str]) -> None:
    background(folder).refresh(parts, years)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexFailed(f"{path.name} is not a Pagefind data file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: Path, prefix: str, value: object, suffix: str, digits: int) -> str:
    """Write a Pagefind data file named after its content; return the name's hash part."""
    payload = SIGNATURE + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def _make_reproducible(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        for item in filters:
            filter_path = bundle / "filter" / f"{item[1]}.pf_filter"
            name, values = _read(filter_path)
            filter_path.unlink()
            item[1] = _write(bundle / "filter", language, [name, sorted(values)], ".pf_filter", 7)
        filters.sort()
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", meta, ".pf_meta", 13).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
