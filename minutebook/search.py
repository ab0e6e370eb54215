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
import subprocess
from pathlib import Path

import cbor2
from pagefind_bin import get_executable

SIGNATURE = b"pagefind_dcd"  # every Pagefind data file starts with this, before the CBOR


class SearchIndexFailed(Exception):
    pass


def index_site(site_dir: Path) -> None:
    """Run Pagefind over ``site_dir`` into ``site_dir/pagefind``; raise on failure."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip())
    _make_reproducible(site_dir / "pagefind")


def _read(path: Path) -> object:
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
        filters = meta[3]  # type: ignore[index]
        for item in filters:
            filter_path = bundle / "filter" / f"{item[1]}.pf_filter"
            name, values = _read(filter_path)  # type: ignore[misc]
            filter_path.unlink()
            item[1] = _write(bundle / "filter", language, [name, sorted(values)], ".pf_filter", 7)
        filters.sort()
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}", meta, ".pf_meta", 13).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
