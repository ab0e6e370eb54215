"""The build cache: what earlier builds worked out, so that a build redoes only what changed.

Two kinds, one interface:

- ``DiskCache`` (``.cache/minutebook`` by default, which CI may keep between runs):
  ``parsed.json``, each content file's validated record keyed by its path and the digest of
  its bytes; ``markdown.json``, each Markdown text as rendered, keyed by all it depends on
  (markdown.py); ``made.json``, what each page of the last build made, by page key (reuse.py);
  beside each, a ``.changes.json`` of what later builds changed in it, so that an edit to a big
  site writes a few entries, not all (``Entries``); ``search.json``, which files made up each
  part of the last search index and from which pages; and
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

    def recall(self, key: str, data: bytes) -> Any | None:
        """The record parsed from exactly these bytes before, if any."""
        known = self._known.get(key)
        if known is not None and known[0] == digest_of(data):
            self._used[key] = known
            return known[1]
        return None

    def remember(self, key: str, data: bytes, record: Any) -> None:
        self._used[key] = (digest_of(data), record)

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
        self._parsed_entries = Entries(self, "parsed", tuple[str, Record])
        self._markdown_entries = Entries(self, "markdown", CachedHtml)
        self._made_entries = Entries(self, "made", Made, _made_fits)
        self.parsed = ParsedFiles(self._parsed_entries.read())
        self.markdown: dict[str, Any] = self._markdown_entries.read()
        self._made: dict[str, Made] = self._made_entries.read()
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
        self._made_entries.write({key: one.without_data() for key, one in made.items()})
        if index != self._index:
            self._write("search.json", None if index is None else stored.encode(SearchIndex, index))
        self._parsed_entries.write(self.parsed.used())
        self._markdown_entries.write(_markdown_kept(self.markdown, markdown_used))

    def _keep_files(self, files: dict[PurePosixPath, str], output: Path) -> None:
        """Store each output file by digest and drop the files no longer wanted (one look at
        what the folder holds, not one per file: a big site has a hundred thousand)."""
        store = self.folder / "files"  # type: ignore[operator]
        held = {entry.name: entry.path for entry in _entries_in(store)}
        for path, digest in files.items():
            if digest in self._damaged_files or digest not in held:
                target = store / digest[:2] / digest
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(output.joinpath(*path.parts), target)
                held[digest] = str(target)
        for name in held.keys() - set(files.values()):
            os.unlink(held[name])

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
        return self._read_signed(name)[0]

    def _read_signed(self, name: str) -> tuple[Any, str]:
        """That JSON, and the digest its header gives (which names this version of the file)."""
        if self.folder is None:
            return None, ""
        try:
            with open(self.folder / name, "rb") as file:
                head, body = file.readline(), file.read()
            header = json.loads(head)
            if type(header) is not dict or header.get("format") != FORMAT:
                raise ValueError("not a minutebook build cache file")
            if header.get("code") != code_version():
                return None, ""  # written by another version of minutebook: expected after an upgrade
            if header.get("sha256") != digest_of(body):
                raise ValueError("changed since it was written")
            return json.loads(body), header["sha256"]
        except FileNotFoundError:
            return None, ""
        except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep to read
            self._damaged()
            return None, ""

    def _write(self, name: str, body: Any) -> str:
        """Write one of the cache's files whole, swapped into place; returns its body's digest."""
        assert self.folder is not None
        data = json.dumps(body, separators=(",", ":")).encode()
        digest = digest_of(data)
        header = json.dumps({"format": FORMAT, "code": code_version(), "sha256": digest}).encode()
        partial = self.folder / f".{name}.writing"
        with open(partial, "wb") as file:
            file.write(header + b"\n" + data)
        os.replace(partial, self.folder / name)
        return digest

    def _remove(self, name: str) -> None:
        if self.folder is not None:
            (self.folder / name).unlink(missing_ok=True)

    def _damaged(self) -> None:
        if self._note is not None:
            self._note(NOTE.format(self.folder))
            self._note = None


BuildCache = DiskCache | MemoryCache


class Entries:
    """One kind of entry the cache keeps, by key, in two files: ``<name>.json`` holds them all as
    one build wrote them, and ``<name>.changes.json`` what builds since changed (entries set
    anew, entries dropped), so that a build that changes a few entries of a big site writes only
    those. The changes name the digest of the whole they apply to, and are folded into it once
    they grow to a quarter of it."""

    FOLD = 0.25  # the whole is written again once the changes (set and dropped) are this share of it

    def __init__(self, cache: DiskCache, name: str, tp: Any, fits: Callable[[Any], bool] = lambda _: True) -> None:
        self._cache, self._tp, self._fits = cache, tp, fits
        self._whole_name, self._changes_name = f"{name}.json", f"{name}.changes.json"
        self._whole: dict[str, Any] = {}  # the whole file's JSON, entry by entry
        self._whole_digest = ""
        self._changes: tuple[dict[str, Any], frozenset[str]] | None = None  # (set anew, dropped) in the file, if read
        self._known: dict[str, tuple[Any, Any]] = {}  # each entry read: (value, its JSON)

    def read(self) -> dict[str, Any]:
        """The entries that read back as the type and fit; the others are dropped."""
        whole, self._whole_digest = self._cache._read_signed(self._whole_name)
        if type(whole) is not dict:
            if whole is not None:
                self._cache._damaged()
            return {}
        self._whole = whole
        entries = dict(whole)
        changes = self._cache._read(self._changes_name)
        if changes is not None and not _changes_fit(changes):
            self._cache._damaged()
        elif changes is not None and changes["whole"] == self._whole_digest:  # else left by a build stopped midway
            self._changes = (changes["set"], frozenset(changes["dropped"]))
            entries.update(changes["set"])
            for key in self._changes[1]:
                entries.pop(key, None)
        for key, data in entries.items():
            value = self._cache._decoded(self._tp, data, self._fits)
            if value is not None:
                self._known[key] = (value, data)
        return {key: value for key, (value, _) in self._known.items()}

    def write(self, entries: dict[str, Any]) -> None:
        """Keep exactly these entries: those read and kept as they were cost nothing to write."""
        data = self._encoded(entries)
        changed = {key: one for key, one in data.items() if self._whole.get(key) is not one}
        dropped = frozenset(self._whole.keys() - data.keys())
        if not self._whole_digest or len(changed) + len(dropped) > self.FOLD * len(data):
            self._whole_digest = self._cache._write(self._whole_name, data)
            self._whole, changed, dropped, self._changes = data, {}, frozenset(), None
        if (changed, dropped) != self._changes:
            if changed or dropped:
                body = {"whole": self._whole_digest, "set": changed, "dropped": sorted(dropped)}
                self._cache._write(self._changes_name, body)
            else:
                self._cache._remove(self._changes_name)
            self._changes = (changed, dropped)
        self._known = {key: (entries[key], one) for key, one in data.items()}

    def _encoded(self, entries: dict[str, Any]) -> dict[str, Any]:
        """Each entry as JSON data (the very JSON it was read from, if it is the value read);
        one that cannot be stored exactly is left out (only slower)."""
        data = {}
        for key, value in entries.items():
            known = self._known.get(key)
            if known is not None and known[0] is value:
                data[key] = known[1]
                continue
            try:
                data[key] = stored.encode(self._tp, value)
            except stored.Unfit:
                pass
        return data


def _holds(path: str, digest: str) -> bool:
    try:
        with open(path, "rb") as file:
            return digest_of(file.read()) == digest
    except OSError:
        return False


def _entries_in(store: Path) -> list[os.DirEntry[str]]:
    """The files in the cache's files/ folder, one folder per first two letters of their digest."""
    if not store.is_dir():
        return []
    return [entry for folder in os.scandir(store) if folder.is_dir() for entry in os.scandir(folder.path)]


def _changes_fit(changes: Any) -> bool:
    return (
        type(changes) is dict
        and changes.keys() == {"whole", "set", "dropped"}
        and type(changes["whole"]) is str
        and type(changes["set"]) is dict
        and type(changes["dropped"]) is list
        and all(type(key) is str for key in changes["dropped"])
    )


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
