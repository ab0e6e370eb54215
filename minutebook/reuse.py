"""Page keys: what decides a page's output, as one digest, so that a page whose key the cache
knows is taken from there instead of being rendered again.

A page's output is a pure function of its template (or the function that makes it), its own
fields and context, and the site-wide values every page shares (site.yaml, the navigation, the
day, the glossary, layouts/, assets/ and minutebook's own code). Templates read nothing else
(site.py and linked.py put everything they show in the context), so the key is computed from
those values themselves, not from a list of files a page is believed to depend on: a new field,
relation or template cannot escape it.

Records are frozen and shared between pages, so each is digested once per build however many
pages show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .markdown import Resolver
from .model import PLAIN, Markdown
from .page import Page
from .references import references
from .relations import Relations

PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_version() -> str:
    """A digest of minutebook's own code: output made by other code is never reused."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every file's name and bytes in a folder (layouts/, assets/)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Digests:
    """Digests of values: records, their Markdown (with where each [[...]] link leads, as the
    page will show it), lists, mappings and plain values."""

    def __init__(self, resolve: Resolver) -> None:
        self._resolve = resolve
        self._memo: dict[int, bytes] = {}
        self._keep: list[Any] = []  # what the memo's ids belong to, alive while the memo is

    def key(self, page: Page, site_wide: str) -> str:
        """The page's key: everything its output is made from."""
        fields = (page.url, page.title, page.template, page.breadcrumbs, page.draft_notice, page.feeds, page.event)
        return hashlib.sha256(
            site_wide.encode() + self.of(fields) + self.of(page.context) + self.of(page.make)
        ).hexdigest()

    def of(self, value: Any) -> bytes:
        """A digest, or for a plain value its tagged text (hashed as part of what holds it)."""
        kind = type(value)
        if kind in PLAIN:
            return _plain_text(value)
        how = _HOW.get(kind)
        if how is None:
            how = _HOW[kind] = _how_to_digest(kind)
        if how in _UNREMEMBERED:
            return how(self, value)
        key = id(value)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._memo[key] = how(self, value)
            self._keep.append(value)
        return memo

    def _of_plain(self, value: Any) -> bytes:
        return _plain_text(value)

    def _of_markdown(self, value: Markdown) -> bytes:
        return self._hash(b"M", repr(str(value)).encode(), repr(self._links(value)).encode())

    def _parts(self, values: Iterable[Any]) -> list[bytes]:
        """Each value's digest or text; plain values (most of them) without a call to ``of``."""
        of = self.of
        return [_plain_text(value) if type(value) in PLAIN else of(value) for value in values]

    def _of_mapping(self, value: Mapping[Any, Any]) -> bytes:
        pairs = sorted(value.items(), key=_by_key)
        return self._hash(b"{", *self._parts(part for pair in pairs for part in pair))

    def _of_sequence(self, value: list[Any] | tuple[Any, ...]) -> bytes:
        return self._hash(b"[", *self._parts(value))

    def _of_set(self, value: set[Any] | frozenset[Any]) -> bytes:
        return self._hash(b"(", *sorted(self.of(item) for item in value))

    def _of_partial(self, value: functools.partial[Any]) -> bytes:
        return self._hash(b"P", self.of(value.func), self.of(value.args), self.of(value.keywords))

    def _of_relations(self, value: Relations) -> bytes:
        return self._hash(b"R", self.of(value.content), self.of(value.now))

    def _of_record(self, value: Any) -> bytes:
        kind = type(value)
        return self._hash(kind.__qualname__.encode(), *self._parts(getattr(value, name) for name in _fields(kind)))

    def _of_other(self, value: Any) -> bytes:
        if callable(value):
            return self._hash(b"F", _name_of(value).encode())
        state = getattr(value, "__dict__", None)
        if state is not None:  # e.g. Urls: made of plain values
            return self._hash(type(value).__qualname__.encode(), self.of(state))
        raise TypeError(f"cannot work out a page key from a {type(value).__name__}")

    def _links(self, text: Markdown) -> list[Any]:
        return [(ref.kind, ref.ident, self._resolve(ref.kind, ref.ident)) for ref in references(text)]

    @staticmethod
    def _hash(*parts: bytes) -> bytes:
        """No part holds a NUL byte (plain values and texts are repr()s, digests are hex), so
        parts joined by NUL never read as other parts."""
        return hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest().encode()


def _plain_text(value: Any) -> bytes:
    return type(value).__name__.encode() + b":" + repr(value).encode()


_HOW: dict[type, Callable[[Digests, Any], bytes]] = {}  # how each type is digested, worked out once per type


_UNREMEMBERED = (Digests._of_plain, Digests._of_markdown)  # cheap, or (Markdown) one object per text


def _how_to_digest(kind: type) -> Callable[[Digests, Any], bytes]:
    if kind in PLAIN:
        return Digests._of_plain
    if issubclass(kind, Markdown):
        return Digests._of_markdown
    if issubclass(kind, (str, int, float, dt.date)):  # Slug, Time, datetime ...
        return Digests._of_plain
    if issubclass(kind, Mapping):
        return Digests._of_mapping
    if issubclass(kind, (list, tuple)):
        return Digests._of_sequence
    if issubclass(kind, (set, frozenset)):
        return Digests._of_set
    if issubclass(kind, functools.partial):
        return Digests._of_partial
    if issubclass(kind, Relations):
        return Digests._of_relations
    if dataclasses.is_dataclass(kind):
        return Digests._of_record
    return Digests._of_other


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    """A record class's fields, but where it was written (which changes nothing it shows)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.name != "src")
    return _FIELDS[cls]


def _by_key(item: tuple[Any, Any]) -> str:
    return repr(item[0])


def _name_of(function: Callable[..., Any]) -> str:
    """A function by name; a lambda or closure would hide what it reads, so none may make a page."""
    name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    if "<lambda>" in name or "<locals>" in name:
        raise TypeError(f"{name} makes a page, but a page key cannot see what it reads: use a named function")
    return name
