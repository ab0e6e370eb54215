"""Read content files into plain values that remember where they came from.

YAML is read strictly, with the meanings a non-programmer expects: only ``true`` and
``false`` are booleans, ``18:30`` stays the text "18:30" (YAML 1.1 would read 1110),
``NO`` stays "NO", ``03`` stays "03", and a repeated key is an error.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is many times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from .errors import Problems


class LineDict(dict):
    """A YAML mapping that knows the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]
    value_lines: dict[str, int]  # where a value's text starts (the line after `key: |`)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def value_line(self, key: str) -> int:
        return self.value_lines.get(key, self.line_of(key))


class LineList(list):
    """A YAML sequence that knows the line of each entry (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class DuplicateKey(yaml.MarkedYAMLError):
    pass


_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$")


class StrictLoader(_BaseLoader):
    """SafeLoader with a small, unsurprising set of implicit types."""

    yaml_implicit_resolvers: dict[Any, Any] = {}
    line_offset = 0  # lines above the YAML text (front matter starts on line 2)


StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
# Dates are resolved by the timestamp constructor; validation checks they are real days.
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:timestamp", _DATE, list("0123456789"))


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines, result.value_lines = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise DuplicateKey(
                None,
                None,
                f'the key "{key}" appears twice (first on line {result.key_lines[key]})',
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + loader.line_offset
        result.value_lines[key] = _text_line(value_node) + loader.line_offset
    return result


def _construct_sequence(loader: StrictLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.item_lines = [_text_line(child) + loader.line_offset for child in node.value]
    return result


def _text_line(node: yaml.Node) -> int:
    """The 1-based line a value's text starts on: block scalars start below their `|`."""
    block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    return node.start_mark.line + 1 + (1 if block else 0)


def _construct_timestamp(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
    text = loader.construct_scalar(node)
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        # "2015-02-30": keep the text so validation can say which day is impossible.
        return loader.construct_scalar(node)


StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class SourceFile:
    """One content file: its fields, and for Markdown files the body below the front matter."""

    path: Path
    data: LineDict
    body: str | None = None
    body_line: int = 0


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def parse_yaml(text: str, path: Path, problems: Problems, first_line: int = 1) -> LineDict | None:
    """Parse a YAML mapping; report syntax errors with the file's own line numbers."""
    loader = StrictLoader(text)
    loader.line_offset = first_line - 1
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        reason = exc.problem or str(exc)
        lines = text.splitlines()
        reason, hint = _explain(reason, lines[mark.line] if mark and mark.line < len(lines) else "")
        problems.error(path, line, f"this is not valid YAML: {reason}", hint)
        return None
    finally:
        loader.dispose()
    if data is None:
        data = LineDict()
        data.line, data.key_lines, data.value_lines = first_line, {}, {}
    if not isinstance(data, LineDict):
        problems.error(
            path,
            first_line,
            "the file should be a list of `key: value` lines",
            "start each line with a field name followed by a colon, as in docs/authoring.md",
        )
        return None
    return data


# A line `key: text`, perhaps a list entry, whose text has a colon of its own.
FIELD_LINE = re.compile(r"^(\s*(?:- )?[\w-]+):\s+(.*\S)\s*$")


def _explain(reason: str, line: str) -> tuple[str, str]:
    """YAML's reason for refusing a line, in words an author knows, and the fix."""
    if "mapping values are not allowed" in reason:
        why = "a colon followed by a space, or at the end of a line, starts a field in YAML"
        field = FIELD_LINE.match(line)
        if field and '"' not in field.group(2):
            quoted = f'{field.group(1).strip()}: "{field.group(2)}"'
            return f"{why}, and this text has one", f"put the whole text in quotes: {quoted}"
        return f"{why}, and this text has one", "put the text in quotes, or write `key: |` and the text indented below"
    return reason, _yaml_hint(reason)


def _yaml_hint(reason: str) -> str:
    if "appears twice" in reason:
        return "remove one of the two, or merge them"
    if "found character '\\t'" in reason:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in reason or "expected <block end>" in reason:
        return "check the indentation of this line and the one above; items of a list start with '- '"
    return "compare this line with the examples in docs/authoring.md (indentation, colons, quotes)"


def read_source(path: Path, problems: Problems, data: bytes | None = None) -> SourceFile | None:
    """Read a .yaml file, or a .md file with YAML front matter between --- lines (``data``: its
    bytes, when the caller has read them already)."""
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode would
    except UnicodeDecodeError:
        problems.error(path, 1, "the file is not UTF-8 text", "save it as UTF-8 in your editor")
        return None
    text = text.lstrip("\ufeff")
    if path.suffix == ".md":
        match = FRONT_MATTER.match(text)
        if not match:
            problems.error(
                path,
                1,
                "the Markdown file has no front matter",
                "start the file with a line '---', the fields, then another '---' line",
            )
            return None
        front = parse_yaml(match.group(1), path, problems, first_line=2)
        body_line = text[: match.end()].count("\n") + 1
        return SourceFile(path, front, text[match.end() :], body_line) if front is not None else None
    fields = parse_yaml(text, path, problems)
    return SourceFile(path, fields) if fields is not None else None
