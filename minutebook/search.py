"""Build the Pagefind search index over the written site, offline, from pagefind-bin.

Pagefind writes its filter indexes in hash-map order, so two runs over the same pages can
give differently named files (Pagefind issue #638: fragments are stable, filters are not).
``_make_reproducible`` rewrites just those files in sorted order, so the whole output of a
build is byte-for-byte reproducible.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cbor2
from pagefind_bin import get_executable

SIGNATURE = b"pagefind_dcd"  # every Pagefind data file starts with this, before the CBOR


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


def index_site(site_dir: Path) -> None:
    """Run Pagefind over ``site_dir`` into ``site_dir/pagefind``; raise on failure."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"]
    for selector in CHROME:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip())
    _make_reproducible(site_dir / "pagefind")


class BackgroundIndex:
    """The preview's search index, made on a copy of its folder and swapped in, without holding
    up the pages; a burst of edits gives one more run, not one each. ``failure`` says why the
    last run failed, for the preview to show."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.on_failure: Callable[[str], None] | None = None
        self._wanted = threading.Event()
        self._running = threading.Lock()

    def refresh(self) -> None:
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
                try:
                    _index_beside(self.folder)
                except (SearchIndexFailed, OSError) as exc:
                    if self.on_failure:
                        self.on_failure(str(exc))
        finally:
            self._running.release()


_background: dict[Path, BackgroundIndex] = {}


def background(folder: Path) -> BackgroundIndex:
    """The background indexer of a folder (one per folder)."""
    return _background.setdefault(folder.resolve(), BackgroundIndex(folder))


def index_in_background(folder: Path) -> None:
    background(folder).refresh()


def _index_beside(folder: Path) -> None:
    """Index a copy of the pages, then swap the new index in, so searches never see half an index."""
    scratch = folder.parent / f".{folder.name}.indexing"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns("pagefind"))
    try:
        index_site(scratch)
        old, retired = folder / "pagefind", folder.parent / f".{folder.name}.pagefind-old"
        shutil.rmtree(retired, ignore_errors=True)
        if old.exists():
            old.rename(retired)
        (scratch / "pagefind").rename(old)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


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
