"""The published site's words in the site's language, all from one message catalogue.

Templates mark their words with Jinja's i18n extension (``_("...")`` and ``ngettext(...)``,
newstyle). Python marks the words it puts on pages (titles, breadcrumbs, timeline events, feed
entries) with ``N_("...", name=value)``, which makes a Message: a str holding the English words,
so that everything reading it as text (checks, CSV, tests) sees English, that also carries its
msgid and values, so that it is translated wherever a page prints it: MarkupSafe escapes it
through ``Message.__html__``, in the language of the page being made (``speaking``, which
render.py sets around each page).
Values shown as words (a status such as "in progress") are translated through ``word``.

So a page's context is the same in every language, and its key (reuse.py) covers the words
through it; what the translation adds is covered by the digest of the catalogue files, part of
what every page shares (pipeline.plan_site).

The catalogue for ``site.language`` is the council's own ``locale/<lang>/LC_MESSAGES/messages.po``
in its repository, read as it is (nothing to compile), over minutebook's own
``minutebook/locale/<lang>/LC_MESSAGES/messages.po`` if there is one; what neither translates
stays English. ``minutebook/locale/messages.pot`` lists every word (docs/translating.md).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import gettext
import hashlib
import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from markupsafe import Markup, escape

from .errors import Problems

BUILT_IN = Path(__file__).resolve().parent / "locale"  # minutebook's own catalogues
CATALOGUE = Path("LC_MESSAGES") / "messages.po"  # under locale/<lang>/, as gettext lays them out
ENGLISH_LOCALE = Locale("en", "GB")

# Dates as CLDR patterns, which Babel writes in each language.
LONG_DATE = "EEEE d MMMM y"  # Friday 12 December 2014; Dydd Gwener 12 Rhagfyr 2014
SHORT_DATE = "d MMMM y"  # 12 December 2014
MONTH = "LLLL y"  # December 2014: the month's name as it stands alone


@dataclass(frozen=True)
class Date:
    """A date in a Message, written in the page's language; by default as 12 December 2014."""

    day: dt.date
    pattern: str = SHORT_DATE


class Message(str):
    """Words made in Python for a page: the English text, which the page shows translated.

    Its msgid and values are kept, and its repr shows them, so that a page key (reuse.py)
    tells apart two Messages whose English happens to be the same. Anything that changes
    the text (``lower()``, ``+``) gives plain English: translate first (render.py's ``tr``)."""

    msgid: str
    params: tuple[tuple[str, Any], ...]

    def __new__(cls, msgid: str, params: Mapping[str, Any]) -> Self:
        items = tuple(sorted(params.items()))
        self = super().__new__(cls, _fill(msgid, items, ENGLISH))
        self.msgid, self.params = msgid, items
        return self

    def __repr__(self) -> str:
        return f"N_({self.msgid!r}{''.join(f', {name}={value!r}' for name, value in self.params)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Message, (self.msgid, dict(self.params))

    def __html__(self) -> Markup:
        """As a page shows it: translated into the language of the page being made (``speaking``)
        and escaped. MarkupSafe asks for this wherever a template prints the Message."""
        return escape(translated(self))


def N_(msgid: str, /, **params: Any) -> Message:  # the name gettext tools look for
    """Words for a page, with named placeholders: ``N_("Minute %(number)s", number=3)``. A
    literal % is written %%. pybabel finds every N_("...") for messages.pot."""
    return Message(msgid, params)


class Catalogue:
    """The translations for one site's language, and how it writes dates."""

    def __init__(self, locale: Locale, translations: gettext.NullTranslations, digest: str) -> None:
        self.locale = locale
        self._translations = translations
        self.digest = digest  # of the catalogue files read, for page keys
        self.english = locale.language == "en"
        self._locale_name = str(locale)

    @classmethod
    def english_only(cls) -> Catalogue:
        return cls(ENGLISH_LOCALE, gettext.NullTranslations(), hashlib.sha256(b"en_GB").hexdigest())

    def gettext(self, msgid: str) -> str:
        return self._translations.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, msgid: str) -> str:
        return self._translations.pgettext(context, msgid)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._translations.npgettext(context, singular, plural, n)

    def text(self, value: Any) -> Any:
        """A Message (or Date) in this language; anything else as it is."""
        if isinstance(value, Message):
            return _fill(self.gettext(value.msgid), value.params, self)
        if isinstance(value, Date):
            return self.date(value.day, value.pattern)
        return value

    def date(self, day: dt.date, pattern: str = SHORT_DATE) -> str:
        return _format_date(day, pattern, self._locale_name)

    def time(self, hours: int, minutes: int) -> str:
        """A time of day as this language writes it (English keeps GOV.UK's 9am, 1:30pm: render.clock)."""
        return _format_time(hours, minutes, self._locale_name)


ENGLISH = Catalogue.english_only()


def _fill(pattern: str, params: tuple[tuple[str, Any], ...], catalogue: Catalogue) -> str:
    values = {}
    for name, value in params:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = Date(value)
        values[name] = catalogue.text(value)
    return pattern % values


@functools.lru_cache(maxsize=8192)
def _format_date(day: dt.date, pattern: str, locale: str) -> str:
    return format_date(day, pattern, locale=locale)


@functools.lru_cache(maxsize=2048)
def _format_time(hours: int, minutes: int, locale: str) -> str:
    return format_time(dt.time(hours, minutes), "short", locale=locale)


# Values that pages show as words: statuses, decisions, kinds and roles (tag() in
# layouts/_partials/macros.html). Each is its own msgid; tests/unit/test_i18n.py checks that
# every value model.py allows is here.
WORDS = frozenset(
    (
        # committees (CommitteeKind)
        N_("full council"),
        N_("executive"),
        N_("overview and scrutiny"),
        N_("planning"),
        N_("licensing"),
        N_("regulatory"),
        N_("audit"),
        N_("standards"),
        N_("health and wellbeing board"),
        N_("joint committee"),
        N_("area committee"),
        N_("committee"),
        # members and people (MemberRole, PersonKind) and how they attended
        N_("chair"),
        N_("vice-chair"),
        N_("member"),
        N_("co-opted member"),
        N_("councillor"),
        N_("officer"),
        N_("witness"),
        N_("other"),
        N_("present"),
        N_("apologies"),
        N_("absent"),
        N_("also in attendance"),
        # meetings, work programmes and interests
        N_("scheduled"),
        N_("held"),
        N_("cancelled"),
        N_("postponed"),
        N_("awaiting minutes"),  # a past meeting still "scheduled" in its file (Relations.meeting_status)
        N_("planned"),
        N_("completed"),
        N_("deferred"),
        N_("withdrawn"),
        N_("personal"),
        N_("disclosable pecuniary"),
        N_("prejudicial"),
        # reviews (ReviewStatus)
        N_("in progress"),
        N_("reported"),
        N_("responded"),
        N_("monitoring"),
        # decisions (ResponseDecision), and a recommendation not yet answered
        N_("accepted"),
        N_("partially accepted"),
        N_("agreed"),
        N_("partially agreed"),
        N_("rejected"),
        N_("noted"),
        N_("not stated"),
        N_("awaiting response"),
        # progress (ImplementationStatus) and flags
        N_("not started"),
        N_("not progressed"),
        N_("superseded"),
        N_("overdue"),
        N_("draft"),
        N_("exempt"),
        # action-by dates that are not dates
        N_("ongoing"),
        N_("to be agreed"),
        # votes, motions and amendments (Outcome, VoteChoice)
        N_("carried"),
        N_("lost"),
        N_("in favour"),
        N_("against"),
        N_("abstained"),
        # decisions: where they stand (decisions.STATUSES), call-in and urgency
        N_("not yet published"),
        N_("open to call-in"),
        N_("called in"),
        N_("referred back"),
        N_("referred to full council"),
        N_("can be implemented"),
        N_("revoked"),
        N_("no further action"),
        N_("request withdrawn"),
        N_("request not valid"),
        N_("confirmed"),
        N_("amended"),
        N_("key decision"),
        N_("private in part"),
        # councillors' terms (TermStart, TermEnd) and wards (WardKind)
        N_("elected"),
        N_("by-election"),
        N_("re-elected"),
        N_("co-opted"),
        N_("appointed"),
        N_("stood down"),
        N_("not re-elected"),
        N_("resigned"),
        N_("disqualified"),
        N_("died"),
        N_("removed"),
        N_("former councillor"),
        N_("urgent item"),
        N_("ward"),
        N_("division"),
        N_("electoral division"),
        N_("community"),
        N_("parish ward"),
        N_("general exception"),
        N_("special urgency"),
        # planning applications: the officer's recommendation (PlanningRecommendation), the decision
        # (PlanningDecision; "deferred" and "withdrawn" are above) and who spoke (SpeakerSide, SpeakerRole)
        N_("approve"),
        N_("approve with conditions"),
        N_("refuse"),
        N_("defer"),
        N_("granted"),
        N_("granted with conditions"),
        N_("refused"),
        N_("minded to grant subject to a legal agreement"),
        N_("for"),
        N_("applicant"),
        N_("agent"),
        N_("objector"),
        N_("supporter"),
        N_("ward councillor"),
        N_("parish or town council"),
    )
)


def word(value: str) -> str:
    """A value such as "in progress", as a Message the page translates; other text as it is."""
    return Message(value, {}) if value in WORDS else value


# --- the catalogue of the page being made --------------------------------------------------

_SPEAKING: contextvars.ContextVar[Catalogue] = contextvars.ContextVar("catalogue", default=ENGLISH)


@contextmanager
def speaking(catalogue: Catalogue) -> Iterator[None]:
    """Make a page in this catalogue's language (render.py, around each page and file): the
    Messages its template prints, and the words feeds.py and ical.py write."""
    token = _SPEAKING.set(catalogue)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def translated(value: Any) -> Any:
    """A Message in the language of the page being made (see ``speaking``); else as it is."""
    return _SPEAKING.get().text(value)


# --- loading --------------------------------------------------------------------------------


def load_catalogue(root: Path, language: str) -> Catalogue:
    """The catalogue for ``language`` (a tag such as cy, cy-GB or en-GB): the site's own
    ``root/locale/<lang>/LC_MESSAGES/messages.po`` over minutebook's built-in one, falling back to
    English. A file with a problem is a ContentError naming its line; nothing is built."""
    locale = locale_of(language)
    digest = hashlib.sha256(str(locale).encode())
    problems = Problems(root=root)
    compiled: list[bytes | None] = []
    for label, folder in (("site", root / "locale"), ("minutebook", BUILT_IN)):
        path = _catalogue_file(folder, language)
        if path is None:
            continue
        data = path.read_bytes()
        name = path.relative_to(folder).as_posix()
        digest.update(b"\0".join((label.encode(), name.encode(), hashlib.sha256(data).hexdigest().encode())) + b"\0")
        compiled.append(_compiled(path, data, str(locale), problems))
    problems.raise_if_any()
    translations: gettext.NullTranslations = gettext.NullTranslations()
    for mo in reversed(compiled):  # the built-in one first, so that the site's is asked first
        assert mo is not None
        layer = gettext.GNUTranslations(io.BytesIO(mo))
        layer.add_fallback(translations)
        translations = layer
    return Catalogue(locale, translations, digest.hexdigest())


def locale_of(language: str) -> Locale:
    """Babel's locale for a language tag: cy-GB, else cy, else English (for dates and plurals)."""
    for tag in (language, language.split("-")[0]):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return ENGLISH_LOCALE


def _catalogue_file(folder: Path, language: str) -> Path | None:
    for name in dict.fromkeys((language, language.replace("-", "_"), language.split("-")[0])):
        path = folder / name / CATALOGUE
        if path.is_file():
            return path
    return None


def _compiled(path: Path, data: bytes, locale: str, problems: Problems) -> bytes | None:
    """The catalogue in .mo form, which gettext reads; None (and problems) when it is broken.
    Kept by the bytes, so that the preview parses a catalogue again only when it changed."""
    try:
        return _compile(data, locale)
    except _Broken as broken:
        for line, message, hint in broken.problems:
            problems.error(path, line, message, hint)
        return None


class _Broken(Exception):
    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


# A POT file's placeholder header, which a copy of messages.pot keeps until it is filled in.
_TEMPLATE_PLURALS = re.compile(r'^"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n', re.MULTILINE)


@functools.lru_cache(maxsize=16)
def _compile(data: bytes, locale: str) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Broken([(line, "this line is not UTF-8 text", "save the file as UTF-8 (every PO editor can)")]) from None
    text = _TEMPLATE_PLURALS.sub("", text)
    lines = text.splitlines(keepends=True)
    problems = _line_problems(lines)
    if problems:
        raise _Broken(problems)
    try:
        catalog = read_po(lines, locale=locale, abort_invalid=True)
    except PoFileError as exc:
        what = str(exc).rsplit(" on ", 1)[0]
        raise _Broken([(exc.lineno + 1, f"{what}: {exc.line.strip()}", _PO_HINT)]) from None
    except ValueError as exc:  # a header Babel cannot read, such as Plural-Forms
        raise _Broken([(_header_line(lines), f"the header is not readable: {exc}", _plural_hint(locale))]) from None
    problems = [
        problem for message in catalog if message.id and not message.fuzzy for problem in _checked(message, catalog)
    ]
    if problems:
        raise _Broken(problems)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    try:
        gettext.GNUTranslations(io.BytesIO(mo.getvalue()))
    except (ValueError, SyntaxError) as exc:  # the Plural-Forms expression
        raise _Broken(
            [(_header_line(lines), f"the Plural-Forms line is not usable: {exc}", _plural_hint(locale))]
        ) from None
    return mo.getvalue()


_PO_HINT = "compare it with minutebook/locale/messages.pot, or open the file in a PO editor such as Poedit"
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_LINE = re.compile(r'(?:(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"((?:[^"\\]|\\.)*)"')


def _line_problems(lines: list[str]) -> list[tuple[int, str, str]]:
    """What Babel's reader would pass over or mend without a word: unfinished quotations,
    misspelt keywords and translations in the wrong form; one problem per entry at most."""
    problems: list[tuple[int, str, str]] = []
    has_msgid = has_plural = reported = after_context = False
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        keyword = match.group(1) if match else None
        if keyword == "msgctxt" or (keyword == "msgid" and not after_context):  # an entry begins
            has_msgid = has_plural = reported = False
        if keyword is not None:
            after_context = keyword == "msgctxt"
        problem = _line_problem(line, match, keyword, has_msgid, has_plural)
        has_msgid = has_msgid or keyword == "msgid"
        has_plural = has_plural or keyword == "msgid_plural"
        if problem and not reported:
            problems.append((number, *problem))
            reported = True
    return problems


def _line_problem(
    line: str, match: re.Match[str] | None, keyword: str | None, has_msgid: bool, has_plural: bool
) -> tuple[str, str] | None:
    if match is None:
        first = line.split()[0]
        if not first.startswith('"') and first.split("[")[0] not in _KEYWORDS:
            return (
                f'"{first}" is not a word a PO file knows',
                "begin the line with msgid, msgid_plural, msgstr or msgctxt",
            )
        return (
            f"the text on this line is not quoted properly: {line}",
            'write it in straight double quotes, "like this", with \\" for a quote inside it',
        )
    if keyword is None or keyword in ("msgctxt", "msgid"):
        return None
    if not has_msgid:
        return f"{keyword} has no msgid before it", "each translation follows the msgid of the English it translates"
    if keyword == "msgid_plural" or keyword.startswith("msgstr[") == has_plural:
        return None
    if has_plural:
        return "a message with a plural (msgid_plural) is translated as msgstr[0], msgstr[1] ...", _PO_HINT
    return f"{keyword} is for a message with a plural (msgid_plural), and this one has none", 'write msgstr "..."'


def _checked(message: Any, catalog: Catalog) -> Iterator[tuple[int, str, str]]:
    """A translation's placeholders and plural forms, which would otherwise break pages."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    if not any(strings):
        return  # not translated yet: the English is shown
    english = set().union(*(_placeholders(msgid) for msgid in ids))
    if isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
        yield (
            message.lineno,
            f'"{ids[0]}" has {len(strings)} plural forms, but {catalog.locale_identifier} has {catalog.num_plurals}',
            f"give msgstr[0] to msgstr[{catalog.num_plurals - 1}], as the Plural-Forms line of the header says",
        )
    for text in strings:
        try:
            text % _Probe(english)
        except KeyError as exc:
            names = ", ".join(f"%({name})s" for name in sorted(english)) or "none"
            yield (
                message.lineno,
                f'the translation of "{ids[0]}" has %({exc.args[0]})s, which the English does not',
                f"use the English's placeholders as they are (here: {names})",
            )
            return
        except (ValueError, TypeError):
            yield (
                message.lineno,
                f'the translation of "{ids[0]}" has a % that is not a placeholder such as %(name)s',
                "write %% for a per cent sign",
            )
            return


class _Probe(dict[str, int]):
    """Stands in for a Message's values: any name the English has, and no other."""

    def __init__(self, names: set[str]) -> None:
        super().__init__(dict.fromkeys(names, 0))

    def __missing__(self, key: str) -> Any:
        raise KeyError(key)


_PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _header_line(lines: list[str]) -> int:
    return next((n for n, line in enumerate(lines, 1) if "Plural-Forms" in line), 1)


def _plural_hint(locale: str) -> str:
    return f'for {locale}, write "Plural-Forms: {Catalog(locale=locale).plural_forms}\\n" (or leave the line out)'
