"""The build cache: what earlier builds worked out, so that a build redoes only what changed.

Two kinds, one interface:

- ``DiskCache`` (``.cache/minutebook`` by default, which CI may keep between runs):
  ``parsed.json``, each content file's validated record keyed by its path and the digest of
  its bytes; ``markdown.json``, each Markdown text as rendered, keyed by all it depends on
  (markdown.py); ``made.json``, what each page of the last build made, by page key (reuse.py);
  ``search.json``, which files made up each part of the last search index and from which
  pages; and
  ``files/``, every output file and search index file of the last build, named by its digest.
- ``MemoryCache``, the preview's: the same in memory, without ``files/``, since the preview
  updates its own folder in place and a reused page's file is already there.

The folder is not trusted: whoever can write CI's cache could otherwise run code in the build.
So it holds data only, JSON read back by the types the code declares (stored.py), never
pickle: reading it cannot run code or build any class but the model's. Each data file starts
with a header line naming the minutebook code that wrote it and the sha256 of the JSON below,
so a truncated or edited file is ignored; each file in ``files/`` is checked against its name
when used; paths must stay inside the output folder. Another version's cache is silently
started afresh; a damaged or foreign one is ignored with a note on stderr (``note=``). Either
way it is only a slower build, never an error. What the checks cannot stop: someone able to
write the cache can still change what the pages say, as someone able to write content/ can.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from . import stored
from .markdown import CachedHtml
from .model import (
    Committee,
    Content,
    Decision,
    Glossary,
    Matter,
    Meeting,
    Notice,
    Person,
    PlanningApplication,
    Recommendation,
    Report,
    Review,
    SiteConfig,
    StaticPage,
    Ward,
)
from .page import Made, OutputFile, digest_of
from .reuse import code_version

IndexPart = tuple[str, dict[PurePosixPath, str]]  # (key of the pages indexed, file in pagefind/ -> digest)
SearchIndex = dict[str, IndexPart]  # each part of the search index (search.py) by its name
# What a content file parses into (load.py): a cached record can be read back as these only.
Record = (
    SiteConfig
    | Committee
    | Person
    | Meeting
    | Report
    | Review
    | Recommendation
    | StaticPage
    | Matter
    | Glossary
    | Decision
    | Notice
    | Ward
    | PlanningApplication
)

FORMAT = "minutebook build cache"
NOTE = (
    "note: the build cache in {} holds files that are damaged or were not made by minutebook; "
    "they are ignored and their work is done again"
)
LEGACY = ("parsed.pickle", "markdown.pickle", "made.pickle", "search.pickle")  # the old format: never read again
DIGEST = re.compile(r"[0-9a-f]{64}")


def print_note(message: str) -> None:
    """A plain line on stderr, beside the build's warnings (cli.py): the cache is not content."""
    print(message, file=sys.stderr, flush=True)


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

    def search_index(self, keys: dict[str, str]) -> SearchIndex:
        """The parts of the folder's index made from the same pages as ``keys`` (part -> key) say."""
        return {part: made for part, made in (self.index or {}).items() if keys.get(part) == made[0]}

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

    def __init__(
        self, folder: Path | None, output: Path | None = None, note: Callable[[str], None] = print_note
    ) -> None:
        self.folder = folder
        self.output = output
        self._note: Callable[[str], None] | None = note  # None once said: once a build is enough
        self._sources: dict[PurePosixPath, str] = {}  # each reused file's source, checked against its digest
        self._damaged_files: set[str] = set()  # digests whose copy in files/ is not that file: kept anew
        self.parsed = ParsedFiles(self._entries("parsed.json", tuple[str, Record]))
        self.markdown: dict[str, Any] = self._entries("markdown.json", CachedHtml)
        self._markdown_known = set(self.markdown)
        self._made: dict[str, Made] = self._entries("made.json", Made, _made_fits)
        self._index: SearchIndex | None = self._search_index()

    def made(self, key: str) -> Made | None:
        """What a page with this key made in the last build, when the cache still holds every one
        of its files as they were (each is checked against its digest, every one: a damaged copy
        found is kept anew)."""
        made = self._made.get(key)
        if made is None:
            return None
        sources = [self._source(file) for file in made.files]
        return made if all(sources) else None

    def kept_files(self) -> dict[PurePosixPath, str]:
        """Every file the pages of the last build the cache kept made, and its search index, by digest."""
        files = {file.path: file.digest for one in self._made.values() for file in one.files}
        for _, index_files in (self._index or {}).values():
            files.update({PurePosixPath("pagefind") / path: digest for path, digest in index_files.items()})
        return files

    def _source(self, file: OutputFile) -> str | None:
        """Where the file can be taken from with exactly its bytes: the output folder, else the
        cache's copy (each read and checked, since either may have been changed by hand)."""
        if file.path not in self._sources:
            in_output = os.path.join(self.output, *file.path.parts) if self.output else ""
            if in_output and _holds(in_output, file.digest):
                self._sources[file.path] = in_output
            else:
                self._sources[file.path] = self._path_of(file.digest) if self._stored_holds(file.digest) else ""
        return self._sources[file.path] or None

    def _stored_holds(self, digest: str) -> bool:
        """Whether the cache's copy holds exactly this file. A copy that is missing is only a
        slower build; one with other bytes than its name says is damage, to be noted."""
        if self.folder is None:
            return False
        try:
            with open(self._path_of(digest), "rb") as file:
                if digest_of(file.read()) == digest:
                    return True
        except FileNotFoundError:
            return False
        except OSError:
            pass
        self._damaged_files.add(digest)
        self._damaged()
        return False

    def stored(self, file: OutputFile) -> Path | None:
        """Where a reused file of the last build can be taken from, if anywhere."""
        source = self._source(file)
        return Path(source) if source else None

    def _path_of(self, digest: str) -> str:
        return os.path.join(self.folder, "files", digest[:2], digest)  # type: ignore[arg-type]

    def search_index(self, keys: dict[str, str]) -> SearchIndex:
        """The parts of the last search index made from the same pages as ``keys`` (part -> key)
        say, each while every one of its files can still be had (from the output folder or the
        cache's copy, each checked: see ``stored``)."""
        return {
            part: made
            for part, made in (self._index or {}).items()
            if keys.get(part) == made[0]
            and all(
                self._source(OutputFile(PurePosixPath("pagefind") / path, digest)) for path, digest in made[1].items()
            )
        }

    def keep(
        self, made: dict[str, Made], output: Path, index: SearchIndex | None, markdown_used: set[str] | None
    ) -> None:
        """Keep this build's work, and only this build's: its parsed files, what each page made
        (with the files, taken from the output folder), the search index and the Markdown used."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name in LEGACY:
            (self.folder / name).unlink(missing_ok=True)
        files = {file.path: file.digest for one in made.values() for file in one.files}
        for _, index_files in (index or {}).values():
            files.update({PurePosixPath("pagefind") / path: digest for path, digest in index_files.items()})
        self._keep_files(files, output)
        kept = {key: one.without_data() for key, one in made.items()}
        if kept != self._made:
            self._write("made.json", _encoded(kept, Made))
        if index != self._index:
            self._write("search.json", None if index is None else stored.encode(SearchIndex, index))
        if self.parsed.changed():
            self._write("parsed.json", _encoded(self.parsed.used(), tuple[str, Record]))
        markdown = _markdown_kept(self.markdown, markdown_used)
        if markdown.keys() != self._markdown_known:
            self._write("markdown.json", _encoded(markdown, CachedHtml))

    def _keep_files(self, files: dict[PurePosixPath, str], output: Path) -> None:
        """Store each output file by digest and drop the files no longer wanted."""
        store = self.folder / "files"  # type: ignore[operator]
        for path, digest in files.items():
            target = store / digest[:2] / digest
            if digest in self._damaged_files or not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(output.joinpath(*path.parts), target)
        wanted = set(files.values())
        for folder in store.iterdir() if store.is_dir() else []:
            for entry in os.scandir(folder):
                if entry.name not in wanted:
                    os.unlink(entry.path)

    def _entries(self, name: str, tp: Any, fits: Callable[[Any], bool] = lambda _: True) -> dict[str, Any]:
        """The entries of one file that read back as ``tp`` and fit; the others are dropped."""
        body = self._read(name)
        if body is None:
            return {}
        if type(body) is not dict:
            self._damaged()
            return {}
        entries = {key: self._decoded(tp, data, fits) for key, data in body.items()}
        return {key: value for key, value in entries.items() if value is not None}

    def _search_index(self) -> SearchIndex | None:
        body = self._read("search.json")
        return None if body is None else self._decoded(SearchIndex, body, _index_fits)

    def _decoded(self, tp: Any, data: Any, fits: Callable[[Any], bool]) -> Any | None:
        """``data`` read back as ``tp``, if it fits; else None, and a note."""
        try:
            value = stored.decode(tp, data)
        except stored.Unfit:
            value = None
        if value is None or not fits(value):
            self._damaged()
            return None
        return value

    def _read(self, name: str) -> Any:
        """The JSON below the header of one of the cache's files, if this very code wrote it
        and it is intact; None (with a note, unless it is only missing or another version's)."""
        if self.folder is None:
            return None
        try:
            with open(self.folder / name, "rb") as file:
                head, body = file.readline(), file.read()
            header = json.loads(head)
            if type(header) is not dict or header.get("format") != FORMAT:
                raise ValueError("not a minutebook build cache file")
            if header.get("code") != code_version():
                return None  # written by another version of minutebook: expected after an upgrade
            if header.get("sha256") != digest_of(body):
                raise ValueError("changed since it was written")
            return json.loads(body)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep to read
            self._damaged()
            return None

    def _write(self, name: str, body: Any) -> None:
        assert self.folder is not None
        data = json.dumps(body, separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "code": code_version(), "sha256": digest_of(data)}).encode()
        partial = self.folder / f".{name}.writing"
        with open(partial, "wb") as file:
            file.write(header + b"\n" + data)
        os.replace(partial, self.folder / name)

    def _damaged(self) -> None:
        if self._note is not None:
            self._note(NOTE.format(self.folder))
            self._note = None


BuildCache = DiskCache | MemoryCache


def _holds(path: str, digest: str) -> bool:
    try:
        with open(path, "rb") as file:
            return digest_of(file.read()) == digest
    except OSError:
        return False


def _encoded(entries: dict[str, Any], tp: Any) -> dict[str, Any]:
    """Each entry as JSON data; one that cannot be stored exactly is left out (only slower)."""
    encoded = {}
    for key, value in entries.items():
        try:
            encoded[key] = stored.encode(tp, value)
        except stored.Unfit:
            pass
    return encoded


def _inside(path: PurePosixPath) -> bool:
    """Whether a path the cache names stays inside the folder it is written to."""
    return bool(path.parts) and not path.is_absolute() and all(p != ".." and "\\" not in p for p in path.parts)


def _made_fits(made: Made) -> bool:
    return all(_inside(file.path) and DIGEST.fullmatch(file.digest) for file in made.files)


def _index_fits(index: SearchIndex) -> bool:
    files = [item for _, part_files in index.values() for item in part_files.items()]
    return all(_inside(path) and DIGEST.fullmatch(digest) for path, digest in files)


def _markdown_kept(markdown: dict[str, Any], used: set[str] | None) -> dict[str, Any]:
    """All of it, unless the build rendered every page (``used`` is then all that is still wanted)."""
    return markdown if used is None else {key: markdown[key] for key in used if key in markdown}
