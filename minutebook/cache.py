"""The build cache: what earlier builds worked out, so that a build redoes only what changed.

Two kinds, one interface:

- ``DiskCache`` (``.cache/minutebook`` by default, which CI may keep between runs):
  ``parsed.pickle``, each content file's validated record keyed by its path and the digest of
  its bytes; ``markdown.pickle``, each Markdown text as rendered, keyed by all it depends on
  (markdown.py); ``made.pickle``, what each page of the last build made, by page key (reuse.py);
  ``search.pickle``, which files made up the last search index and from which pages; and
  ``files/``, every output file and search index file of the last build, named by its digest.
- ``MemoryCache``, the preview's: the same in memory, without ``files/``, since the preview
  updates its own folder in place and a reused page's file is already there.

Everything is tagged with the minutebook code it was made by; another version starts afresh. A
missing, unreadable or out-of-date cache is never an error, only a slower build. The cache is
trusted like the content: it is the project's own folder, not downloaded input.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from .model import Content
from .page import Made, OutputFile, digest_of
from .reuse import code_version

SearchIndex = tuple[str, dict[PurePosixPath, str]]  # (key of the pages indexed, file in the bundle -> digest)


class ParsedFiles:
    """Records parsed from content files, keyed by each file's path and the digest of its bytes."""

    def __init__(self, known: dict[str, tuple[str, Any]] | None = None) -> None:
        self._known = known or {}
        self._used: dict[str, tuple[str, Any]] = {}
        self._parsed_anew = 0

    def recall(self, key: str, data: bytes) -> Any | None:
        """The record parsed from exactly these bytes before, if any."""
        known = self._known.get(key)
        if known is not None and known[0] == digest_of(data):
            self._used[key] = known
            return known[1]
        return None

    def remember(self, key: str, data: bytes, record: Any) -> None:
        self._used[key] = (digest_of(data), record)
        self._parsed_anew += 1

    def changed(self) -> bool:
        """Whether this build parsed a file anew or stopped reading one: else nothing to save."""
        return self._parsed_anew > 0 or self._used.keys() != self._known.keys()

    def used(self) -> dict[str, tuple[str, Any]]:
        """What this build read: the entries worth keeping (deleted files drop out)."""
        return self._used

    def next_build(self) -> ParsedFiles:
        """For the next build: what this one read (files deleted since drop out)."""
        return ParsedFiles(dict(self._used))


class MemoryCache:
    """The preview's cache: kept in memory between the builds of one `serve`."""

    def __init__(self) -> None:
        self.parsed = ParsedFiles()
        self.markdown: dict[str, Any] = {}
        self._made: dict[str, Made] = {}
        self.index: SearchIndex | None = None
        self.holds: dict[PurePosixPath, str] = {}  # what the preview's folder holds (its own: no one else writes there)
        self.planned: Content | None = None  # the content the last kept build planned: a quick look starts there

    def made(self, key: str) -> Made | None:
        """What a page with this key made in the last build, if the cache can give it back."""
        return self._made.get(key)

    def stored(self, file: OutputFile) -> Path | None:
        return None  # the preview's folder already holds every reused file

    def search_index(self, key: str) -> dict[PurePosixPath, Path] | None:
        """Nothing to copy when the folder's index was made from the same pages; else None."""
        return {} if self.index is not None and self.index[0] == key else None

    def keep(
        self, made: dict[str, Made], output: Path, index: SearchIndex | None, markdown_used: set[str] | None
    ) -> None:
        self.parsed = self.parsed.next_build()
        self._made = {key: one.without_data() for key, one in made.items()}
        self.markdown = _markdown_kept(self.markdown, markdown_used)
        self.index = index


class DiskCache:
    """The cache folder; ``folder=None`` keeps nothing (a build from scratch). ``output`` is the
    folder the build publishes to: a reused file still there as the last build wrote it is taken
    from there (write.put links it into the new site, which replaces the old one), else from the
    cache's own copy."""

    def __init__(self, folder: Path | None, output: Path | None = None) -> None:
        self.folder = folder
        self.output = output
        self._sources: dict[PurePosixPath, str] = {}  # each reused file's source, checked against its digest
        self.parsed = ParsedFiles(self._read("parsed.pickle") or {})
        self.markdown: dict[str, Any] = self._read("markdown.pickle") or {}
        self._markdown_known = set(self.markdown)
        self._made: dict[str, Made] = self._read("made.pickle") or {}
        self._index: SearchIndex | None = self._read("search.pickle")

    def made(self, key: str) -> Made | None:
        """What a page with this key made in the last build, when the cache still holds every one
        of its files as they were (each is checked against its digest)."""
        made = self._made.get(key)
        return made if made is not None and all(self._source(file) for file in made.files) else None

    def kept_files(self) -> dict[PurePosixPath, str]:
        """Every file the pages of the last build the cache kept made, and its search index, by digest."""
        files = {file.path: file.digest for one in self._made.values() for file in one.files}
        for path, digest in self._index[1].items() if self._index else []:
            files[PurePosixPath("pagefind") / path] = digest
        return files

    def _source(self, file: OutputFile) -> str | None:
        """Where the file can be taken from with exactly its bytes: the output folder, else the
        cache's copy (each read and checked, since either may have been changed by hand)."""
        if file.path not in self._sources:
            places = [os.path.join(self.output, *file.path.parts)] if self.output else []
            places += [self._path_of(file.digest)] if self.folder else []
            self._sources[file.path] = next((place for place in places if _holds(place, file.digest)), "")
        return self._sources[file.path] or None

    def stored(self, file: OutputFile) -> Path | None:
        """Where a reused file of the last build can be taken from, if anywhere."""
        source = self._source(file)
        return Path(source) if source else None

    def _path_of(self, digest: str) -> str:
        return os.path.join(self.folder, "files", digest[:2], digest)  # type: ignore[arg-type]

    def search_index(self, key: str) -> dict[PurePosixPath, Path] | None:
        """The files of the last search index (path in the bundle -> stored file), when it was made
        from the same pages and the cache still has every file."""
        if self._index is None or self._index[0] != key:
            return None
        if self.folder is None:
            return None
        stored = {path: self._path_of(digest) for path, digest in self._index[1].items()}
        if not all(_holds(place, digest) for place, digest in zip(stored.values(), self._index[1].values())):
            return None
        return {path: Path(place) for path, place in stored.items()}

    def keep(
        self, made: dict[str, Made], output: Path, index: SearchIndex | None, markdown_used: set[str] | None
    ) -> None:
        """Keep this build's work, and only this build's: its parsed files, what each page made
        (with the files, taken from the output folder), the search index and the Markdown used."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        files = {file.path: file.digest for one in made.values() for file in one.files}
        if index:
            files.update({PurePosixPath("pagefind") / path: digest for path, digest in index[1].items()})
        self._keep_files(files, output)
        kept = {key: one.without_data() for key, one in made.items()}
        if kept != self._made:
            self._write("made.pickle", kept)
        if index != self._index:
            self._write("search.pickle", index)
        if self.parsed.changed():
            self._write("parsed.pickle", self.parsed.used())
        markdown = _markdown_kept(self.markdown, markdown_used)
        if markdown.keys() != self._markdown_known:
            self._write("markdown.pickle", markdown)

    def _keep_files(self, files: dict[PurePosixPath, str], output: Path) -> None:
        """Store each output file by digest and drop the files no longer wanted."""
        store = self.folder / "files"  # type: ignore[operator]
        for path, digest in files.items():
            target = store / digest[:2] / digest
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(output.joinpath(*path.parts), target)
        wanted = set(files.values())
        for folder in store.iterdir() if store.is_dir() else []:
            for entry in os.scandir(folder):
                if entry.name not in wanted:
                    os.unlink(entry.path)

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


BuildCache = DiskCache | MemoryCache


def _holds(path: str, digest: str) -> bool:
    try:
        with open(path, "rb") as file:
            return digest_of(file.read()) == digest
    except OSError:
        return False


def _markdown_kept(markdown: dict[str, Any], used: set[str] | None) -> dict[str, Any]:
    """All of it, unless the build rendered every page (``used`` is then all that is still wanted)."""
    return markdown if used is None else {key: markdown[key] for key in used if key in markdown}
