"""Turn YAML values into model dataclasses, reporting every mismatch with its line.

The model's type hints are the schema: this module reads them, so a field is declared
once (in ``model.py``) and validated, documented and rendered from that one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from functools import cache
from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

from .errors import did_you_mean, one_of
from .model import MONTHS, ActionBy, DayOfYear, Language, Markdown, PostalAddress, SiteAddress, Slug, Src, Time, Url
from .model import DocumentPath, MinuteNumber, WrittenReference
from .source import LineDict, LineList

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
# A minute number as councils print it: 80, P24, C.15, 24/25-12, 12 (2024/25).
MINUTE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./()\- ]{0,19}$")
MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
# Characters YAML refuses in a file, and pages, feeds and calendars cannot carry: control
# characters other than tab and line breaks, and U+FFFE/U+FFFF. "\0" or "\x0c" in double quotes
# writes them all the same.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
CONTROL_NAMES = {
    "\x00": "NUL character",
    "\x07": "bell character",
    "\x08": "backspace character",
    "\x0b": "vertical tab character",
    "\x0c": "form feed character",
    "\x1b": "escape character",
    "\x7f": "delete character",
    "\ufffe": "non-character",
    "\uffff": "non-character",
}
SHORT_ESCAPES = {"\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e"}
# Any of these ends a line (YAML reads U+0085, U+2028 and U+2029 as line breaks too).
LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")


class Invalid(Exception):
    """A value does not fit its field; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


@dataclasses.dataclass
class Reporter:
    """Where conversion problems go: (path, line, message, hint) tuples."""

    path: str
    problems: list[tuple[int, str, str]] = dataclasses.field(default_factory=list)

    def add(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append((line, message, hint))


@cache
def author_fields(cls: type) -> dict[str, tuple[Any, dataclasses.Field]]:
    """The fields an author may write for ``cls``: name -> (type, field)."""
    hints = typing.get_type_hints(cls)
    return {fld.name: (hints[fld.name], fld) for fld in dataclasses.fields(cls) if not fld.metadata.get("derived")}


def written_references(cls: type, data: Any, path: str) -> Iterator[WrittenReference]:
    """The references a file's raw fields make, however wrong the rest of it is (an id that is
    not an id at all is reported by conversion)."""
    if not isinstance(data, LineDict):
        return
    for name, (tp, fld) in author_fields(cls).items():
        value = data.get(name)
        entries = value if isinstance(value, LineList) else [value]
        kind = fld.metadata.get("ref")
        if kind:
            targets = (entry for entry in entries if isinstance(entry, str) and SLUG.fullmatch(entry))
            yield from (WrittenReference(kind, target, name, path, data.line_of(name)) for target in targets)
        elif (inner := _record_type(tp)) is not None:
            for entry in entries:
                yield from written_references(inner, entry, path)


def _record_type(tp: Any) -> type | None:
    """The record type a field holds, alone, in a list or optional; None for plain values."""
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return tp
    inner = [_record_type(arg) for arg in get_args(tp) if arg is not type(None)]
    return next((found for found in inner if found is not None), None)


def required(fld: dataclasses.Field) -> bool:
    return fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING


def convert(cls: type, data: Any, line: int, report: Reporter, what: str) -> Any:
    """Build ``cls`` from a YAML mapping; returns None if anything in it was wrong."""
    if not isinstance(data, LineDict):
        report.add(
            line,
            f"{what} should be a set of `key: value` lines, not {describe(data)}",
            "see the example in docs/authoring.md",
        )
        return None
    fields = author_fields(cls)
    before = len(report.problems)
    for key in data:
        if key not in fields:
            report.add(
                data.line_of(key),
                f'unknown field "{_visible(key)}" in {what}{did_you_mean(key, fields)}',
                f"remove it, or use one of: {', '.join(fields)}",
            )
    values: dict[str, Any] = {}
    for name, (tp, fld) in fields.items():
        if name not in data or data[name] is None:
            if required(fld) and not _optional(tp):
                report.add(
                    data.line,
                    f'{what} is missing the required field "{name}" ({fld.metadata["doc"]})',
                    f"add a line `{name}: ...`",
                )
            continue
        key_line = data.line_of(name)
        try:
            values[name] = coerce(tp, data[name], data.value_line(name), report, f'"{name}"')
        except _Reported:
            continue
        except Invalid as exc:
            report.add(exc.line or key_line, f'"{name}": {exc.message}', exc.hint)
    if len(report.problems) > before:
        return None
    if "src" in {fld.name for fld in dataclasses.fields(cls)}:
        values["src"] = Src(report.path, data.line, dict(data.key_lines))
    return cls(**values)


def coerce(tp: Any, value: Any, line: int, report: Reporter, what: str) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        if value is None:
            return None
        return coerce(options[0], value, line, report, what)
    if isinstance(value, str):
        _printable(value)
    if origin is Literal:
        return _choice(value, get_args(tp))
    if origin is list:
        return _list(get_args(tp)[0], value, line, report, what)
    if dataclasses.is_dataclass(tp) and tp is not ActionBy:
        result = convert(tp, value, line, report, what)  # type: ignore[arg-type]
        if result is None:
            raise _Reported()
        return result
    return _scalar(tp, value, report.path, line)


class _Reported(Invalid):
    """A nested record already reported its own problems."""

    def __init__(self) -> None:
        super().__init__("")


def _list(item_type: Any, value: Any, line: int, report: Reporter, what: str) -> list[Any]:
    if not isinstance(value, LineList):
        if isinstance(value, str) and item_type in (str, Slug, Markdown):
            value = _as_list(value, line)  # a single entry written without "- "
        else:
            raise Invalid(
                f"should be a list, not {describe(value)}", "write each entry on its own line starting with '- '"
            )
    items, failed = [], False
    for index, entry in enumerate(value):
        entry_line = value.line_of(index)
        try:
            items.append(coerce(item_type, entry, entry_line, report, f"entry {index + 1} of {what}"))
        except _Reported:
            failed = True
        except Invalid as exc:
            report.add(entry_line, f"entry {index + 1} of {what}: {exc.message}", exc.hint)
            failed = True
    if failed:
        raise _Reported()
    return items


def _as_list(value: str, line: int) -> LineList:
    result = LineList([value])
    result.line, result.item_lines = line, [line]
    return result


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    text = str(value).strip().lower() if not isinstance(value, bool) else str(value).lower()
    if text in choices:
        return text
    raise Invalid(f'"{value}" is not allowed here{did_you_mean(text, choices)}', one_of(choices))


def _scalar(tp: Any, value: Any, path: str, line: int) -> Any:
    if isinstance(value, (LineDict, LineList)):
        raise Invalid(
            f"should be a single value, not {describe(value)}", "write the value on the same line as the field name"
        )
    if tp is Markdown:
        return Markdown.located(_text(value), path, line)
    if tp is Slug:
        return _slug(value)
    if tp is Time:
        return _time(value)
    if tp is MinuteNumber:
        return _minute_number(value)
    if tp is Url:
        return _url(value)
    if tp is DocumentPath:
        return _document_path(value)
    if tp is Language:
        return _language(value)
    if tp is DayOfYear:
        return _day_of_year(value)
    if tp is SiteAddress:
        return site_address(value)
    if tp is PostalAddress:
        return PostalAddress(", ".join(line.strip() for line in LINE_BREAK.split(_text(value)) if line.strip()))
    if tp is str:
        return _one_line(_text(value))
    if tp is int:
        return _int(value)
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise Invalid(f'"{value}" is not true or false', "write true or false")
    if tp is dt.date:
        return _date(value)
    if tp is dt.datetime:
        return _datetime(value)
    if tp is ActionBy:
        return _action_by(value)
    raise TypeError(f"no rule to read {tp}")  # a bug in the model, not in the content


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise Invalid(
            f"{str(value).lower()} was read as yes/no, not as text", f'put it in quotes: "{str(value).lower()}"'
        )
    if isinstance(value, (dt.date, int)):
        return str(value)
    return str(value)


def _printable(text: str) -> None:
    r"""Refuse control characters, which an escape in double quotes ("\0", "\x00") may write."""
    found = CONTROL.search(text)
    if found:
        raise Invalid(
            f"contains {name_of_character(found.group())}, which is not allowed",
            f"remove the escape that writes it ({_escapes(found.group())}) from the text in quotes",
        )


def name_of_character(char: str) -> str:
    """A control character as a message names it: 'a form feed character (U+000C)'."""
    name = CONTROL_NAMES.get(char, "control character")
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name} (U+{ord(char):04X})"


def _escapes(char: str) -> str:
    r"""How double quotes in YAML write ``char``: "\0 or \x00"."""
    code = ord(char)
    forms = [SHORT_ESCAPES.get(char), f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"]
    return " or ".join(form for form in forms if form)


def _visible(text: str) -> str:
    """Text for a message, with any control character shown as its escape."""
    return CONTROL.sub(lambda match: _escapes(match.group()).split(" or ")[-1], text)


def _one_line(text: str) -> str:
    """Plain text fields (names, titles, places) are one line: they are shown in lists, page
    titles, feeds and calendar entries, where a line break would cut them. Text that may run
    over several lines is Markdown."""
    text = text.rstrip("\n\r")  # the line break a | or > block ends with
    if not LINE_BREAK.search(text):
        return text
    raise Invalid(
        "must be one line, but it has a line break in it",
        "write the text on the same line as the field name; for a long text, write >- after "
        "the field name and the text on the indented lines below",
    )


def _slug(value: Any) -> Slug:
    text = _text(value).strip()
    if not SLUG.match(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        raise Invalid(
            f'"{text}" is not a valid id', f'ids use lower-case letters, digits and hyphens only, e.g. "{suggestion}"'
        )
    return Slug(text)


SAFE_SCHEMES = ("https", "http", "mailto", "tel")


def _url(value: Any) -> Url:
    """Only addresses that lead somewhere: a browser runs javascript: and data: links as script."""
    text = _text(value).strip()
    fix = "write a full address starting https:// (or mailto: or tel:), or a path on this site starting with /"
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise Invalid(f"the address {describe(text)} has a control character (a tab or line break) in it", fix)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", text)
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        raise Invalid(
            f'the address "{text}" starts with "{scheme.group(1)}:", which is not a web, email or phone link', fix
        )
    if not scheme and not text.startswith(("/", "#")) or text.startswith("//"):
        raise Invalid(f'"{text}" is not a full address nor a path on this site', fix)
    return Url(text)


def _document_path(value: Any) -> DocumentPath:
    """A path inside content/documents/: never one that climbs out of it."""
    text = _text(value).strip()
    parts = text.split("/")
    if not text or text.startswith("/") or "\\" in text or any(part in ("", ".", "..") for part in parts):
        raise Invalid(
            f'"{text}" is not the name of a file in content/documents/',
            "write the file's path from content/documents/, with / between folders, e.g. 2025-03-11/agenda-pack.pdf",
        )
    return DocumentPath(text)


def site_address(value: Any) -> SiteAddress:
    """The web address a site is published at, as site.yaml's base_url or --base-url gives it."""
    text = _text(value).strip()
    if not re.match(r"^https?://[^/\s?#]+(/[^\s?#]*)?$", text):
        raise Invalid(
            f'"{text}" is not the web address of a site',
            "write the address the site is published at, e.g. https://democracy.example.gov.uk/ "
            "or https://example.org/meetings/",
        )
    return SiteAddress(text)


def _language(value: Any) -> Language:
    text = _text(value).strip()
    if not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", text):
        raise Invalid(
            f'"{text}" is not a language tag', "write a tag such as en-GB (English), cy (Welsh) or gd (Gaelic)"
        )
    return Language(text)


def _day_of_year(value: Any) -> DayOfYear:
    words = _text(value).split()
    month = words[1].capitalize() if len(words) == 2 else ""
    if month not in MONTHS or not words[0].isdigit():
        raise Invalid(f'"{_text(value)}" is not a day and month', "write the day then the month, e.g. 1 May")
    day = int(words[0])
    if (
        not 1
        <= day
        <= (29 if month == "February" else 30 if month in ("April", "June", "September", "November") else 31)
    ):
        raise Invalid(f"{month} has no day {day}", "write a day that every year has, e.g. 1 May")
    return DayOfYear(f"{day} {month}")


def _time(value: Any) -> Time:
    text = _text(value).strip()
    if re.match(r"^[0-9]:[0-5][0-9]$", text):
        text = "0" + text  # 9:30 means 09:30
    if not TIME.match(text):
        raise Invalid(f'"{text}" is not a time', 'write a 24-hour time in quotes, e.g. "09:30" or "13:30"')
    return Time(text)


def _minute_number(value: Any) -> MinuteNumber:
    """80 or "P24", as the minutes print it; 80 is read as "80"."""
    fix = 'write the number as the minutes print it, e.g. 80 or "P24"'
    if isinstance(value, bool) or not isinstance(value, (int, str)):  # true, or a date such as 2024-09-19
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        raise Invalid(f'"{shown}" is not a minute number', f"{fix}, in quotes")
    text = str(value).strip()
    if not MINUTE_NUMBER.match(text):
        raise Invalid(
            f"{describe(text)} is not a minute number",
            f"{fix}: letters, digits, spaces and . / - ( ) only, starting with a letter or digit, "
            "at most 20 characters",
        )
    return MinuteNumber(text)


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise Invalid(f'"{value}" is not a whole number', "write a number such as 7, without quotes")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise Invalid(f'"{value}" has a time; a date is needed', "write only the day, e.g. 2014-12-12")
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text):
        raise Invalid(f'"{text}" is not a real date', "check the day and month (YYYY-MM-DD)")
    raise Invalid(f'"{text}" is not a date', "write the date as YYYY-MM-DD, e.g. 2014-12-12")


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    raise Invalid(f'"{value}" is not a date and time', "write it as YYYY-MM-DDTHH:MM, e.g. 2015-01-16T09:00")


def _action_by(value: Any) -> ActionBy:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return ActionBy("date", value)
    text = str(value).strip().lower()
    if text in ("ongoing", "to be agreed"):
        return ActionBy(text)  # type: ignore[arg-type]
    month = MONTH.match(text)
    if month and 1 <= int(month.group(2)) <= 12:
        year, number = int(month.group(1)), int(month.group(2))
        next_month = dt.date(year + number // 12, number % 12 + 1, 1)
        return ActionBy("month", next_month - dt.timedelta(days=1))
    if re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text):
        raise Invalid(f'"{value}" is not a real date', "check the day and month (YYYY-MM-DD)")
    raise Invalid(
        f'"{value}" is not a date, a month, "ongoing" or "to be agreed"',
        'write a date (2015-03-31), a month (2015-03), "ongoing" or "to be agreed"',
    )


def _optional(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType) and type(None) in get_args(tp)


def describe(value: Any) -> str:
    if isinstance(value, LineDict):
        return "a group of fields"
    if isinstance(value, LineList):
        return "a list"
    return f'"{value}"'
