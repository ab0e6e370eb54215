"""The build cache: what earlier builds worked out, kept so that a rebuild redoes only what changed.

It lives in one folder (``.cache/minutebook`` by default) that CI may keep between runs:

- ``parsed.pickle``: each content file's validated record, keyed by the file's path and bytes;
- ``markdown.pickle``: each Markdown text as rendered, keyed by all it depends on (markdown.py);
- ``snapshot.pickle``: what the last build made (every output file's digest) and from what (the
  files each page was made from), so the next build renders only pages whose files changed;
- ``files/``: every output file and search index file of the last build, named by its digest,
  to reuse unchanged ones (the index whole, when no page's HTML changed);
- ``search.pickle``: which files make up that search index;
- ``retired/``: the output a build replaced, which the next build deletes while it works.

Everything is tagged with the minutebook code it was made by; another version starts afresh. A
missing, unreadable or out-of-date cache is never an error, only a slower build. Files are
hard links where the file system allows, so the cache costs little disk; nothing ever writes
into an existing output file (see ``replace_file``), so a link is never changed under the cache.
The cache is trusted like the content: it is the project's own folder, not downloaded input.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """A digest of minutebook's own code: a cache made by other code is not used."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ParsedFiles:
    """Records parsed from content files, keyed by each file's path and the digest of its bytes."""

    def __init__(self, known: dict[str, tuple[str, Any]] | None = None) -> None:
        self._known = known or {}
        self._used: dict[str, tuple[str, Any]] = {}
        self._parsed_anew = 0
        self.digests: dict[str, str] = {}  # every file read by this build -> digest of its bytes

    def recall(self, key: str, data: bytes) -> Any | None:
        """The record parsed from exactly these bytes before, if any."""
        digest = digest_of(data)
        self.digests[key] = digest
        known = self._known.get(key)
        if known is not None and known[0] == digest:
            self._used[key] = known
            return known[1]
        return None

    def remember(self, key: str, record: Any) -> None:
        self._used[key] = (self.digests[key], record)
        self._parsed_anew += 1

    def changed(self) -> bool:
        """Whether this build parsed a file anew or stopped reading one: else nothing to save."""
        return self._parsed_anew > 0 or self._used.keys() != self._known.keys()

    def next_build(self) -> ParsedFiles:
        """The cache for the next build in this process: what this one parsed, and what it knew."""
        return ParsedFiles({**self._known, **self._used})

    def used(self) -> dict[str, tuple[str, Any]]:
        """What this build read: the entries worth keeping (deleted files drop out)."""
        return self._used


@dataclass
class Snapshot:
    """What one build made and from what: enough for the next to redo only what changed."""

    fingerprint: tuple[Any, ...]  # everything other than the files that decides the output
    sources: dict[str, str]  # source file -> digest
    deps: dict[PurePosixPath, frozenset[str]]  # page's output file -> the source files it was made from
    outputs: dict[PurePosixPath, str]  # every output file (search index aside) -> digest
    extras: dict[PurePosixPath, frozenset[PurePosixPath]] = field(default_factory=dict)  # page -> its CSVs

    def search_key(self) -> str:
        """A digest of every HTML page: the search index depends on nothing else."""
        pages = sorted((str(path), digest) for path, digest in self.outputs.items() if path.suffix == ".html")
        return digest_of(repr(pages).encode())


class BuildCache:
    """The cache folder; with ``folder=None``, a cache that keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.parsed = ParsedFiles(self._read("parsed.pickle") or {})
        self._snapshot: Snapshot | None = self._read("snapshot.pickle")
        self._index: tuple[str, dict[PurePosixPath, str]] | None = self._read("search.pickle")  # key, files
        self._markdown: dict[str, Any] | None = None  # read when first wanted: the preview never does
        self._markdown_known = 0

    @property
    def markdown(self) -> dict[str, Any]:
        """Markdown rendered by earlier builds (see MarkdownRenderer)."""
        if self._markdown is None:
            self._markdown = self._read("markdown.pickle") or {}
            self._markdown_known = len(self._markdown)
        return self._markdown

    def snapshot(self, fingerprint: tuple[Any, ...]) -> Snapshot | None:
        """The last build's snapshot, when it was made under the same fingerprint."""
        snapshot = self._snapshot
        if snapshot is None or snapshot.fingerprint != fingerprint or self.folder is None:
            return None
        return snapshot

    def cached_file(self, digest: str) -> Path | None:
        """An output file of the last build, by digest, if the cache still has it."""
        if self.folder is None:
            return None
        path = self.folder / "files" / digest[:2] / digest
        return path if path.is_file() else None

    def search_index(self, key: str) -> dict[PurePosixPath, Path] | None:
        """The files of the last search index (path in the bundle -> cached file), when it was
        made from the same pages and the cache still has every file."""
        if self._index is None or self._index[0] != key:
            return None
        files = {path: self.cached_file(digest) for path, digest in self._index[1].items()}
        return files if all(files.values()) else None  # type: ignore[return-value]

    def retire(self, output: Path) -> bool:
        """Move a replaced output folder into the cache, for the next build to delete while it
        works (deleting a big site's files takes a while); False where it cannot go there."""
        if self.folder is None or not output.exists():
            return False
        (self.folder / "retired").mkdir(parents=True, exist_ok=True)
        try:
            os.replace(output, self.folder / "retired" / str(time.time_ns()))
        except OSError:  # another file system
            return False
        return True

    def delete_retired(self) -> threading.Thread:
        """Delete the outputs earlier builds retired, in the background (a daemon thread: it
        stops when the build ends, and the next build carries on)."""
        folders = (
            sorted((self.folder / "retired").iterdir()) if self.folder and (self.folder / "retired").is_dir() else []
        )
        deleting = threading.Thread(target=lambda: [shutil.rmtree(f, ignore_errors=True) for f in folders], daemon=True)
        deleting.start()
        return deleting

    def save(
        self,
        snapshot: Snapshot,
        output: Path,
        parsed: ParsedFiles,
        search_indexed: bool,
        markdown: Any = None,
        rendered_everything: bool = False,
    ) -> None:
        """Keep this build's work: its parsed files, snapshot, output files, search index and
        rendered Markdown (a build that rendered every page keeps only the Markdown it used)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        index = old_index = self._index
        new_index = search_indexed and (output / "pagefind").is_dir() and (index or ("",))[0] != snapshot.search_key()
        if new_index:
            index = (snapshot.search_key(), self._digests_of(output / "pagefind"))
        if new_index or snapshot != self._snapshot:
            index_files = (
                {PurePosixPath("pagefind") / path: digest for path, digest in index[1].items()} if index else {}
            )
            stored = set(self._snapshot.outputs.values()) if self._snapshot else set()
            self._keep_files(
                {**snapshot.outputs, **index_files}, output, stored | set((old_index or ("", {}))[1].values())
            )
            self._write("snapshot.pickle", snapshot)
            if new_index:
                self._write("search.pickle", index)
        if parsed.changed():
            self._write("parsed.pickle", parsed.used())
        if markdown is not None and (rendered_everything or len(markdown.cache) != self._markdown_known):
            kept = {key: markdown.cache[key] for key in markdown.used} if rendered_everything else markdown.cache
            self._write("markdown.pickle", kept)

    def _keep_files(self, outputs: dict[PurePosixPath, str], output: Path, stored: set[str]) -> None:
        """Store each output file by digest (``stored``: those the last build stored already), and
        drop the files no longer wanted, so the cache holds one build."""
        store = self.folder / "files"  # type: ignore[operator]
        for path, digest in outputs.items():
            target = store / digest[:2] / digest
            if digest not in stored and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(output.joinpath(*path.parts), target)
        wanted = set(outputs.values())
        for folder in store.iterdir() if store.is_dir() else []:
            for entry in os.scandir(folder):
                if entry.name not in wanted:
                    os.unlink(entry.path)

    @staticmethod
    def _digests_of(folder: Path) -> dict[PurePosixPath, str]:
        return {
            PurePosixPath(path.relative_to(folder).as_posix()): digest_of(path.read_bytes())
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    def _read(self, name: str) -> Any:
        if self.folder is None or not (self.folder / name).is_file():
            return None
        try:
            with open(self.folder / name, "rb") as file:
                version, value = pickle.load(file)
        except Exception:  # noqa: BLE001 - a damaged cache is only a slower build
            return None
        return value if version == code_version() else None

    def _write(self, name: str, value: Any) -> None:
        assert self.folder is not None
        partial = self.folder / f".{name}.writing"
        with open(partial, "wb") as file:
            pickle.dump((code_version(), value), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.folder / name)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (instant, no extra disk), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def replace_file(target: Path, data: bytes) -> None:
    """Write a file as a new file swapped into place: never into an existing one, which may be
    a hard link to the cache, and never half-written for a reader."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.writing")
    partial.write_bytes(data)
    os.replace(partial, target)
