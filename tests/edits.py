"""One-line edits of a content tree, generated from the schema (model.py's type hints), not listed by
hand: for every record of every file, each field the author may write is changed, or added where
it is absent; and a file of each type is added, deleted and renamed. A new field or record type is
covered without touching this file."""

from __future__ import annotations

import datetime as dt
import shutil
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, is_dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import yaml

from minutebook.load import COLLECTIONS
from minutebook.model import (
    ActionBy,
    Glossary,
    Markdown,
    Recommendation,
    Review,
    SiteConfig,
    Language,
    PostalAddress,
    SiteAddress,
    Slug,
    Time,
    Url,
)
from minutebook.schema import author_fields


@dataclass(frozen=True)
class Edit:
    what: str  # e.g. "meetings/x.yaml:4: change venue"
    apply: Callable[[Path], None]  # given the content folder

    def __str__(self) -> str:
        return self.what


def record_type(relative: str) -> type | None:
    """The model class a content file holds, from where it is."""
    parts = relative.split("/")
    if relative == "site.yaml":
        return SiteConfig
    if relative == "glossary.yaml":
        return Glossary
    if parts[0] == "reviews":
        return Review if parts[-1] == "review.md" else Recommendation
    return COLLECTIONS[parts[0]][1] if parts[0] in COLLECTIONS and len(parts) == 2 else None


def content_files(content: Path) -> list[str]:
    return sorted(
        p.relative_to(content).as_posix()
        for p in content.rglob("*")
        if p.is_file() and record_type(p.relative_to(content).as_posix())
    )


def ids_of(content: Path) -> dict[str, list[str]]:
    """Every id of each kind a reference may name, for edits that point a reference elsewhere."""
    ids = {
        kind: sorted(p.stem for p in (content / folder).glob("*.*"))
        for kind, folder in (
            ("committee", "committees"),
            ("person", "people"),
            ("meeting", "meetings"),
            ("report", "reports"),
            ("matter", "matters"),
        )
    }
    ids["review"] = sorted(p.name for p in (content / "reviews").iterdir()) if (content / "reviews").is_dir() else []
    return ids


def records_of(content: Path) -> Iterator[tuple[str, type, yaml.Node, int]]:
    """Each content file's relative path, record class, YAML node and the line its YAML starts on."""
    for relative in content_files(content):
        cls = record_type(relative)
        assert cls is not None
        text = (content / relative).read_text(encoding="utf-8")
        yaml_text, offset = _front_matter(text) if relative.endswith(".md") else (text, 0)
        node = yaml.compose(yaml_text)
        if node is not None:
            yield relative, cls, node, offset


def field_edits(content: Path) -> list[Edit]:
    ids = ids_of(content)
    edits: list[Edit] = []
    for relative, cls, node, offset in records_of(content):
        for line, where, change in _edits_of_mapping(node, cls, ids, offset, cls.__name__):
            edits.append(Edit(f"{relative}:{line + 1}: {where}", _line_change(relative, change)))
        if relative.endswith(".md") and "body" in {f for f in typing.get_type_hints(cls)}:
            edits.append(
                Edit(
                    f"{relative}: change the text below the front matter",
                    _line_change(relative, lambda lines: lines.__setitem__(-1, lines[-1] + " Edited.")),
                )
            )
    return edits


def value_edits(content: Path, wanted: tuple[Any, ...], value: Callable[[str], str]) -> list[Edit]:
    """For every field of a type in ``wanted`` that the content's files hold on one line, an edit
    setting it to ``value(what it was)`` (equal values stay equal, as references need); each
    edit's ``what`` is its file:line and the field, as Class.field."""
    edits: list[Edit] = []
    for relative, cls, node, offset in records_of(content):
        for owner, name, hint, scalar in _scalars(node, cls):
            if hint in wanted and scalar.start_mark.line == scalar.end_mark.line and scalar.style not in ("|", ">"):
                line = offset + scalar.start_mark.line
                new = value(scalar.value)
                quoted = '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
                change = partial(_set_value, line, scalar.start_mark.column, scalar.end_mark.column, quoted)
                edits.append(Edit(f"{relative}:{line + 1}: {owner.__name__}.{name}", _line_change(relative, change)))
    return edits


def schema_fields(wanted: tuple[Any, ...]) -> set[str]:
    """Every field of a type in ``wanted`` that any content file may hold, as Class.field."""
    found: set[str] = set()
    todo, seen = [SiteConfig, Glossary, Review, Recommendation, *(cls for _, cls in COLLECTIONS.values())], set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, (hint, _) in author_fields(cls).items():
            inner = _innermost(hint)
            if inner in wanted:
                found.add(f"{cls.__name__}.{name}")
            elif is_dataclass(inner):
                todo.append(inner)
    return found


def _scalars(node: yaml.Node, cls: type) -> Iterator[tuple[type, str, Any, yaml.ScalarNode]]:
    """Each scalar of a record's YAML with the class and field it belongs to and its type."""
    if not isinstance(node, yaml.MappingNode):
        return
    fields = author_fields(cls)
    for key, value in node.value:
        if key.value not in fields:
            continue
        inner = _innermost(fields[key.value][0])
        for item in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            if isinstance(item, yaml.ScalarNode):
                yield cls, key.value, inner, item
            elif is_dataclass(inner):
                yield from _scalars(item, inner)  # type: ignore[arg-type]


def _innermost(hint: Any) -> Any:
    """The type of one value of a field: list[X] | None gives X."""
    hint = _unoptional(hint)
    return _unoptional(get_args(hint)[0]) if get_origin(hint) in (list, tuple) else hint


def _set_value(line: int, start: int, end: int, new: str, lines: list[str]) -> None:
    lines[line] = lines[line][:start] + new + lines[line][end:]


def file_edits(content: Path) -> list[Edit]:
    """For each type of file: add a copy under a new id, delete one, rename one."""
    edits: list[Edit] = []
    seen: set[type] = set()
    for relative in content_files(content):
        cls = record_type(relative)
        if cls in seen or cls in (SiteConfig, Glossary):
            continue
        seen.add(cls)  # type: ignore[arg-type]
        target = Path(relative).parent / "review.md" if cls is Review else Path(relative)
        item = target.parent if cls is Review else target  # a review is its folder
        renamed = (
            item.with_name(item.stem + "-renamed" + item.suffix)
            if cls is not Recommendation
            else item.with_name("99" + item.suffix)
        )
        copied = (
            item.with_name(item.stem + "-copy" + item.suffix)
            if cls is not Recommendation
            else item.with_name("98" + item.suffix)
        )
        edits += [
            Edit(f"add {copied} (a copy of {item})", lambda c, a=item, b=copied: _copy(c / a, c / b)),
            Edit(f"delete {item}", lambda c, a=item: _delete(c / a)),
            Edit(f"rename {item} to {renamed}", lambda c, a=item, b=renamed: (c / a).rename(c / b)),
        ]
    return edits


def _copy(source: Path, target: Path) -> None:
    shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)


def _delete(path: Path) -> None:
    shutil.rmtree(path) if path.is_dir() else path.unlink()


# --- edits inside one file ---------------------------------------------------------------

LineChange = Callable[[list[str]], None]  # changes the file's lines in place


def _line_change(relative: str, change: LineChange) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / relative
        lines = path.read_text(encoding="utf-8").split("\n")
        change(lines)
        path.write_text("\n".join(lines), encoding="utf-8")

    return apply


def _front_matter(text: str) -> tuple[str, int]:
    end = text.index("\n---", 3)
    return text[4 : end + 1], 1


def _edits_of_mapping(
    node: yaml.MappingNode, cls: type, ids: dict[str, list[str]], offset: int, where: str
) -> Iterator[tuple[int, str, LineChange]]:
    present = {key.value: value for key, value in node.value}
    for name, (hint, fld) in author_fields(cls).items():
        kind, inner = fld.metadata.get("ref"), _unoptional(hint)
        path = f"{where}.{name}"
        if name in present:
            yield from _edits_of_value(present[name], inner, kind, ids, offset, path)
            continue
        sample = _sample(inner, kind, ids)
        if sample is None:
            continue
        last = node.value[-1][1].end_mark
        at = offset + (last.line if last.column == 0 else last.line + 1)
        indent = " " * node.start_mark.column
        yield at, f"add {path}", lambda lines, at=at, line=f"{indent}{name}: {sample}": lines.insert(at, line)


def _edits_of_value(
    node: yaml.Node, hint: Any, kind: str | None, ids: dict[str, list[str]], offset: int, path: str
) -> Iterator[tuple[int, str, LineChange]]:
    if is_dataclass(hint) and isinstance(node, yaml.MappingNode):
        yield from _edits_of_mapping(node, hint, ids, offset, path)  # type: ignore[arg-type]
    elif get_origin(hint) in (list, tuple) and isinstance(node, yaml.SequenceNode) and node.value:
        yield from _edits_of_value(node.value[0], _unoptional(get_args(hint)[0]), kind, ids, offset, path + "[0]")
    elif isinstance(node, yaml.ScalarNode):
        change = _scalar_change(node, hint, kind, ids, offset)
        if change is not None:
            yield offset + node.start_mark.line, f"change {path}", change


def _scalar_change(
    node: yaml.ScalarNode, hint: Any, kind: str | None, ids: dict[str, list[str]], offset: int
) -> LineChange | None:
    start, end = node.start_mark, node.end_mark
    if node.style in ("|", ">"):  # a block of text: change its first line
        return lambda lines, n=offset + start.line + 1: lines.__setitem__(n, lines[n] + " Edited.")
    if start.line != end.line:
        return None
    new = _changed(node.value, hint, kind, ids)
    if new is None:
        return None
    if node.style in ('"', "'"):
        new = node.style + new + node.style
    line = offset + start.line

    def change(lines: list[str]) -> None:
        lines[line] = lines[line][: start.column] + new + lines[line][end.column :]

    return change


def _changed(value: str, hint: Any, kind: str | None, ids: dict[str, list[str]]) -> str | None:
    """Another valid value of the same type (a different one where one exists)."""
    if hint is bool:
        return "false" if value.lower() == "true" else "true"
    if hint is int:
        return str(int(value) + 1) if value.isdigit() else None
    if hint is dt.datetime:
        return (dt.datetime.fromisoformat(value) + dt.timedelta(hours=1)).isoformat(timespec="minutes")
    if hint is dt.date:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
    if hint is ActionBy:
        return "ongoing" if value[:1].isdigit() else "2015-12-31"
    if hint is Time:
        hours, minutes = value.split(":")
        return f"{(int(hours) + 1) % 24:02d}:{minutes}"
    if get_origin(hint) is Literal:
        choices = [str(c) for c in get_args(hint)]
        return choices[(choices.index(value) + 1) % len(choices)] if value in choices else choices[0]
    if kind:
        others = [ident for ident in ids.get(kind, []) if ident != value]
        return others[0] if others else value + "-edited"
    if hint is Slug:
        return value + "-edited"
    if hint is Url:
        return value + "#edited"
    if hint is SiteAddress:
        return value.rstrip("/") + "/edited/"
    if hint is Language:
        return "cy" if value != "cy" else "en-GB"
    if hint in (str, Markdown, PostalAddress):
        return value + " edited"
    return None


def _sample(hint: Any, kind: str | None, ids: dict[str, list[str]]) -> str | None:
    """A valid value for a field the file leaves out, written on one line."""
    if get_origin(hint) in (list, tuple):
        item = _sample(_unoptional(get_args(hint)[0]), kind, ids)
        return f"[{item}]" if item is not None else None
    if kind:
        return ids[kind][0] if ids.get(kind) else None
    samples: dict[Any, str] = {
        bool: "true",
        int: "1",
        dt.date: "2015-02-02",
        dt.datetime: "2015-02-02T09:00",
        ActionBy: "2015-12-31",
        Time: '"09:30"',
        Slug: "added",
        Url: "https://example.org/added",
        str: "Added in a test",
        Markdown: "Added in a test",
    }
    if get_origin(hint) is Literal:
        return str(get_args(hint)[0])
    return samples.get(hint)


def _unoptional(hint: Any) -> Any:
    args = [arg for arg in get_args(hint) if arg is not type(None)]
    return (
        args[0]
        if get_origin(hint) in (typing.Union, getattr(__import__("types"), "UnionType")) and len(args) == 1
        else hint
    )
