"""Typed values as JSON and back, driven by type hints: the build cache's format (cache.py).

``encode(tp, value)`` gives JSON data for a value of type ``tp``; ``decode(tp, data)`` gives the
value back. The type, never the data, decides what is built: dataclasses (by their fields and
hints, so a new model field needs nothing here), str and its subclasses (with the attributes
their class annotates, as Markdown has), int, float, bool, None, dates, datetimes, enums,
Literal choices, PurePosixPath, lists, tuples, frozensets, dicts, ``X | None``, and unions of
dataclasses (tagged with the class's name, which only picks one of the union's own members).
Each value comes back of the very type it had, since page keys (reuse.py) digest types too.
Anything that does not fit its type exactly raises Unfit, in either direction: a value this
cannot store exactly is not stored, and data that is not what the type says is not read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import Any, Literal, get_args, get_origin

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


class Unfit(ValueError):
    """A value, or data read back, that does not fit its type."""


def encode(tp: Any, value: Any) -> Any:
    return codec(tp)[0](value)


def decode(tp: Any, data: Any) -> Any:
    return codec(tp)[1](data)


@functools.cache
def codec(tp: Any) -> tuple[Encode, Decode]:
    """The pair of functions for one type, worked out once per type."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _union(args)
    if origin is Literal:
        return _literal(args)
    if origin in (list, tuple, frozenset):
        return _sequence(origin, args)
    if origin in (dict, Mapping):
        return _mapping(*args)
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp)  # type: ignore[arg-type]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if isinstance(tp, type) and issubclass(tp, str) and tp is not str:
        return _text(tp)
    return SCALARS.get(tp) or _unstorable(tp)


def _exactly(kind: type, value: Any) -> Any:
    """The value if it is of this very type (a subclass could carry what would be lost)."""
    if type(value) is not kind:
        raise Unfit(f"{kind.__name__} expected, not {type(value).__name__}")
    return value


def _plain(kind: type) -> tuple[Encode, Decode]:
    same = functools.partial(_exactly, kind)
    return same, same


def _iso(kind: type[dt.date]) -> tuple[Encode, Decode]:
    def encode(value: Any) -> str:
        if isinstance(_exactly(kind, value), dt.datetime) and not isinstance(value.tzinfo, (dt.timezone, type(None))):
            raise Unfit("only a fixed UTC offset survives as text")
        return value.isoformat()

    def decode(data: Any) -> Any:
        try:
            return kind.fromisoformat(_exactly(str, data))
        except ValueError as exc:
            raise Unfit(str(exc)) from exc

    return encode, decode


def _path() -> tuple[Encode, Decode]:
    return (lambda value: str(_exactly(PurePosixPath, value))), (lambda data: PurePosixPath(_exactly(str, data)))


SCALARS: dict[Any, tuple[Encode, Decode]] = {
    str: _plain(str),
    int: _plain(int),
    float: _plain(float),
    bool: _plain(bool),
    type(None): _plain(type(None)),
    dt.date: _iso(dt.date),
    dt.datetime: _iso(dt.datetime),
    PurePosixPath: _path(),
}


def _unstorable(tp: Any) -> tuple[Encode, Decode]:
    """A type with no rule (bytes, Any, a function ...): only a value ``X | None`` leaves out fits."""

    def refuse(value: Any) -> Any:
        raise Unfit(f"no rule to store {tp!r}")

    return refuse, refuse


def _union(args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    options = [arg for arg in args if arg is not type(None)]
    if len(options) == 1:
        return _optional(*codec(options[0]))
    if len(options) == len(args) and all(dataclasses.is_dataclass(arg) for arg in args):
        return _tagged(options)
    return _unstorable(args)


def _optional(encode: Encode, decode: Decode) -> tuple[Encode, Decode]:
    return (lambda value: None if value is None else encode(value)), (
        lambda data: None if data is None else decode(data)
    )


def _tagged(classes: list[type]) -> tuple[Encode, Decode]:
    """A union of dataclasses as [class name, fields]: the name picks one of these classes only."""
    by_name = {cls.__name__: cls for cls in classes}
    codecs = {name: codec(cls) for name, cls in by_name.items()}

    def encode(value: Any) -> list[Any]:
        name = type(value).__name__
        if by_name.get(name) is not type(value):
            raise Unfit(f"{name} is not one of {', '.join(by_name)}")
        return [name, codecs[name][0](value)]

    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != 2 or type(data[0]) is not str or data[0] not in codecs:
            raise Unfit("a [class name, fields] pair of this union expected")
        return codecs[data[0]][1](data[1])

    return encode, decode


def _literal(choices: tuple[Any, ...]) -> tuple[Encode, Decode]:
    allowed = {(type(choice), choice) for choice in choices}  # by type too: True is not 1

    def check(value: Any) -> Any:
        if (type(value), value) not in allowed:
            raise Unfit(f"{value!r} is not one of {choices}")
        return value

    return check, check


def _sequence(kind: type, args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    if kind is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        return _fixed_tuple(args)
    encode_item, decode_item = codec(args[0])
    as_is = _as_is(args[0])

    def encode(value: Any) -> list[Any]:
        items = [item if type(item) in as_is else encode_item(item) for item in _exactly(kind, value)]
        if kind is frozenset:
            items.sort(key=repr)  # the same set gives the same file
        return items

    def decode(data: Any) -> Any:
        items = [item if type(item) in as_is else decode_item(item) for item in _exactly(list, data)]
        return items if kind is list else kind(items)

    return encode, decode


def _fixed_tuple(args: tuple[Any, ...]) -> tuple[Encode, Decode]:
    parts = [codec(arg) for arg in args]

    def encode(value: Any) -> list[Any]:
        if len(_exactly(tuple, value)) != len(parts):
            raise Unfit(f"a tuple of {len(parts)} expected")
        return [part[0](item) for part, item in zip(parts, value)]

    def decode(data: Any) -> tuple[Any, ...]:
        if len(_exactly(list, data)) != len(parts):
            raise Unfit(f"a list of {len(parts)} expected")
        return tuple(part[1](item) for part, item in zip(parts, data))

    return encode, decode


def _mapping(key: Any, value: Any) -> tuple[Encode, Decode]:
    """A dict as a JSON object: its keys must be stored as text."""
    encode_key, decode_key = codec(key)
    encode_value, decode_value = codec(value)
    key_as_is, as_is = _as_is(key) & {str}, _as_is(value)

    def encode(mapping: Any) -> dict[str, Any]:
        return {
            k if type(k) in key_as_is else _exactly(str, encode_key(k)): v if type(v) in as_is else encode_value(v)
            for k, v in _exactly(dict, mapping).items()
        }

    def decode(data: Any) -> dict[Any, Any]:
        return {
            k if type(k) in key_as_is else decode_key(k): v if type(v) in as_is else decode_value(v)
            for k, v in _exactly(dict, data).items()
        }

    return encode, decode


def _dataclass(cls: type) -> tuple[Encode, Decode]:
    """A dataclass as an object of exactly its fields, each by its own hint. The fields' codecs
    are worked out at first use, so that a class may refer to itself."""
    known: list[tuple[str, Encode, Decode, frozenset[type]]] = []

    def fields() -> list[tuple[str, Encode, Decode, frozenset[type]]]:
        if not known:
            hints = typing.get_type_hints(cls)
            known.extend((f.name, *codec(hints[f.name]), _as_is(hints[f.name])) for f in dataclasses.fields(cls))
        return known

    def encode(value: Any) -> dict[str, Any]:
        _exactly(cls, value)
        values = {}
        for name, encode_field, _, as_is in fields():
            field = getattr(value, name)
            values[name] = field if type(field) in as_is else encode_field(field)
        return values

    def decode(data: Any) -> Any:
        if type(data) is not dict or len(data) != len(fields()):
            raise Unfit(f"the fields of {cls.__name__} expected")
        values = {}
        try:
            for name, _, decode_field, as_is in known:
                field = data[name]
                values[name] = field if type(field) in as_is else decode_field(field)
            return cls(**values)
        except KeyError as exc:
            raise Unfit(f"{cls.__name__} has no field {exc}") from exc
        except (TypeError, ValueError) as exc:  # a class that checks its own values refused these
            raise Unfit(str(exc)) from exc

    return encode, decode


@functools.cache
def _as_is(tp: Any) -> frozenset[type]:
    """The types of value that are their own JSON where ``tp`` is expected: passed through
    untouched, without a call per value (the cache holds hundreds of thousands)."""
    if tp in (str, int, float, bool, type(None)):
        return frozenset({tp})
    if get_origin(tp) in (typing.Union, types.UnionType) and type(None) in get_args(tp):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        return _as_is(options[0]) | {type(None)} if len(options) == 1 else frozenset()
    return frozenset()


def _enum(cls: type[enum.Enum]) -> tuple[Encode, Decode]:
    def decode(data: Any) -> enum.Enum:
        if type(data) is not str or data not in cls.__members__:
            raise Unfit(f"{data!r} is not a {cls.__name__}")
        return cls[data]

    return (lambda value: _exactly(cls, value).name), decode


def _text(cls: type[str]) -> tuple[Encode, Decode]:
    """A str subclass: its text, or [text, *attributes] when its class annotates attributes
    (Markdown remembers its file and line). An attribute set on the value but not annotated
    could not come back, so such a value is Unfit. A plain str where the hint names a subclass
    (a default written as a literal) is {"str": text}, and comes back a plain str."""
    attributes = [(name, *codec(hint)) for name, hint in typing.get_type_hints(cls).items()]
    names = {name for name, _, _ in attributes}

    def encode(value: Any) -> Any:
        if type(value) is str:
            return {"str": value}
        if not vars(_exactly(cls, value)).keys() <= names:
            raise Unfit(f"{cls.__name__} has attributes its class does not annotate")
        if not attributes:
            return str.__str__(value)
        return [str.__str__(value), *(encode_one(getattr(value, name)) for name, encode_one, _ in attributes)]

    def decode(data: Any) -> Any:
        if type(data) is dict:
            if data.keys() != {"str"}:
                raise Unfit('{"str": text} expected')
            return _exactly(str, data["str"])
        if not attributes:
            return cls(_exactly(str, data))
        if type(data) is not list or len(data) != 1 + len(attributes):
            raise Unfit(f"[text, {', '.join(names)}] expected")
        value = cls(_exactly(str, data[0]))
        for (name, _, decode_one), item in zip(attributes, data[1:]):
            setattr(value, name, decode_one(item))
        return value

    return encode, decode
