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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .markdown import Resolver
from .model import Markdown
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
            return kind.__name__.encode() + b":" + repr(value).encode()
        if isinstance(value, Markdown):
            return self._hash(b"M", value.encode(), repr(self._links(value)).encode())
        if isinstance(value, (str, int, float, dt.date)):  # Slug, Time, datetime ...
            return kind.__name__.encode() + b":" + repr(value).encode()
        key = id(value)
        if key not in self._memo:
            self._memo[key] = self._of_object(value)
            self._keep.append(value)
        return self._memo[key]

    def _of_object(self, value: Any) -> bytes:
        if isinstance(value, Mapping):
            return self._hash(b"{", *(self.of(k) + self.of(v) for k, v in sorted(value.items(), key=_by_key)))
        if isinstance(value, (list, tuple)):
            return self._hash(b"[", *(self.of(item) for item in value))
        if isinstance(value, (set, frozenset)):
            return self._hash(b"(", *sorted(self.of(item) for item in value))
        if isinstance(value, functools.partial):
            return self._hash(b"P", self.of(value.func), self.of(value.args), self.of(value.keywords))
        if isinstance(value, Relations):
            return self._hash(b"R", self.of(value.content), self.of(value.now))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            of = self.of
            return self._hash(
                type(value).__qualname__.encode(), *(of(getattr(value, name)) for name in _fields(type(value)))
            )
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
        joined = b"".join(len(part).to_bytes(4, "little") + part for part in parts)
        return hashlib.blake2b(joined, digest_size=16).digest()


PLAIN = frozenset({str, int, float, bool, dt.date, dt.datetime, type(None)})


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    """A record class's fields, but where it was written (which changes nothing it shows)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "src")


def _by_key(item: tuple[Any, Any]) -> str:
    return repr(item[0])


def _name_of(function: Callable[..., Any]) -> str:
    """A function by name; a lambda or closure would hide what it reads, so none may make a page."""
    name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    if "<lambda>" in name or "<locals>" in name:
        raise TypeError(f"{name} makes a page, but a page key cannot see what it reads: use a named function")
    return name
