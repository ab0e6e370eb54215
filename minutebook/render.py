"""Turn pages into HTML with Jinja: autoescaped, and an undefined variable is an error."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from . import i18n, search
from .charts import stacked_bars
from .exports import csv_files
from .i18n import LONG_DATE, MONTH, N_, SHORT_DATE, Catalogue
from .linkcheck import scan_html
from .markdown import MarkdownRenderer, Resolver
from .model import ActionBy, Meeting, StoredFile
from .page import Made, OutputFile, Page, digest_of
from .relations import Relations, meeting_title
from .site import SiteWide
from .timeline import action_by_words
from .urls import Urls


class TemplateProblem(Exception):
    """A template is broken: a bug in layouts/, reported with file and line."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the process and keyed by their source (Jinja
    checks it), as Python keeps .pyc files: the preview and tests build many times, and
    compiling costs more than rendering a small site."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name  # wherever layouts/ is: the bucket is used only when the source's checksum matches

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def compile_templates(layouts: list[Path]) -> None:
    """Compile every template into this process's COMPILED, as the preview does before the first
    edit (its first build renders on other processes, whose compiled templates it never sees)."""
    env = _environment(layouts)  # the same settings as every build's: they shape the compiled code
    for name in env.list_templates(extensions=["html", "xml", "txt"]):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass  # the build reports it


def _environment(layouts: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in layouts]),  # the first that has a file wins
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
        extensions=["jinja2.ext.i18n"],  # _("..."), ngettext(...): the words of the templates (i18n.py)
    )
    _speak(env, i18n.ENGLISH)
    env.filters.update(
        token=css_token,
        capitalize_first=lambda text: text[:1].upper() + text[1:],  # "the Cabinet" -> "The Cabinet", not "The cabinet"
        lower_first=lambda text: text[:1].lower() + text[1:],
        zip=lambda left, right: list(zip(left, right, strict=True)),
    )
    # Filters whose values each build sets (make_environment): a template naming a filter
    # compiles only where the filter exists, so compile_templates needs them named too.
    env.filters.update(dict.fromkeys(SITE_FILTERS, _set_by_each_build))
    return env


SITE_FILTERS = ("md", "md_inline", "url", "href", "role")


def _set_by_each_build(value: object) -> str:
    raise RuntimeError("this filter is set by make_environment")


def _speak(env: jinja2.Environment, catalogue: Catalogue) -> None:
    """The templates' words, dates and numbers in the catalogue's language. A Message made in
    Python is translated where a template prints it (Message.__html__, in the language
    _render_one speaks), passes it to ``_()`` or filters it through ``tr``; a value such as
    "in progress" through ``word``."""
    env.newstyle_gettext = True  # type: ignore[attr-defined] # named placeholders, values escaped: _("On %(day)s", day=...)
    env.globals.update(_newstyle(catalogue))
    env.globals["catalogue"] = catalogue
    env.filters.update(
        long_date=partial(long_date, catalogue=catalogue),
        short_date=partial(short_date, catalogue=catalogue),
        month_year=partial(month_year, catalogue=catalogue),
        clock=partial(clock, catalogue=catalogue),
        action_by=partial(action_by, catalogue=catalogue),
        tr=catalogue.text,  # a Message in the page's language, before a filter changes its text
        word=lambda value: catalogue.text(i18n.word(value)),  # "in progress" in the page's language
        number=partial(number, catalogue=catalogue),
        percent=partial(percent, catalogue=catalogue),
        file_facts=partial(file_facts, catalogue=catalogue),
    )


def _newstyle(catalogue: Catalogue) -> dict[str, Callable[..., Any]]:
    """Jinja's newstyle gettext functions (as jinja2.ext.i18n makes them: the translation is
    Markup, the values are escaped into it), with each Message among the values translated."""
    text = catalogue.text
    plain: dict[str, Markup] = {}  # words without values, most of them: translated once per build

    @jinja2.pass_context
    def gettext(context: Any, string: str, /, **values: Any) -> str:
        if not values and context.eval_ctx.autoescape:
            words = plain.get(string)
            if words is None:
                words = plain[string] = Markup(catalogue.gettext(string)) % {}
            return words
        return _filled(context, catalogue.gettext(string), values, text)

    @jinja2.pass_context
    def ngettext(context: Any, singular: str, plural: str, num: int, /, **values: Any) -> str:
        values.setdefault("num", num)
        return _filled(context, catalogue.ngettext(singular, plural, num), values, text)

    @jinja2.pass_context
    def pgettext(context: Any, where: str, string: str, /, **values: Any) -> str:
        values.setdefault("context", where)
        return _filled(context, catalogue.pgettext(where, string), values, text)

    @jinja2.pass_context
    def npgettext(context: Any, where: str, singular: str, plural: str, num: int, /, **values: Any) -> str:
        values.setdefault("context", where)
        values.setdefault("num", num)
        return _filled(context, catalogue.npgettext(where, singular, plural, num), values, text)

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


def _filled(context: Any, translation: str, values: dict[str, Any], text: Callable[[Any], Any]) -> str:
    words = Markup(translation) if context.eval_ctx.autoescape else translation
    return words % {name: text(value) for name, value in values.items()}  # always: %% is a per cent sign


def catalogue_of(env: jinja2.Environment) -> Catalogue:
    """The catalogue a build's environment speaks (its digest is part of every page key)."""
    catalogue = env.globals["catalogue"]
    assert isinstance(catalogue, Catalogue)
    return catalogue


def make_resolver(relations: Relations, urls: Urls, catalogue: Catalogue = i18n.ENGLISH) -> Resolver:
    """Resolve [[kind:id]] to (href, default text) using the validated content; the text in the
    site's language, as Markdown shows it (and as its cache and page keys see it)."""
    content = relations.content

    def resolve(kind: str, ident: str) -> tuple[str, str] | None:
        found = target(kind, ident)
        return None if found is None else (found[0], catalogue.text(found[1]))

    def target(kind: str, ident: str) -> tuple[str, str] | None:
        parent, _, child = ident.partition("/")
        if kind == "minute" and parent in content.meetings and _has_minute(relations.meeting(parent), child):
            meeting = meeting_title(relations.meeting(parent), relations)
            return urls.minute_anchor(parent, child), N_(
                "Minute %(number)s (%(meeting)s)", number=child, meeting=meeting
            )
        if kind == "recommendation" and ident in relations.recommendation_by_key:
            review = relations.review(parent).title
            return urls.recommendation(parent, child), N_(
                "Recommendation %(number)s of %(review)s", number=child, review=review
            )
        if kind == "meeting" and ident in content.meetings:
            return urls.meeting(ident), meeting_title(relations.meeting(ident), relations)
        if kind == "committee" and ident in content.committees:
            return urls.committee(ident), relations.committee(ident).name
        if kind == "report" and ident in content.reports:
            return urls.report(ident), relations.report(ident).title
        if kind == "review" and ident in content.reviews:
            return urls.review(ident), relations.review(ident).title
        if kind == "person" and ident in content.people:
            return urls.person(ident), relations.person(ident).display_name
        return None

    return resolve


def _has_minute(meeting: Meeting, number: str) -> bool:
    return any(str(minute.number) == number for minute in meeting.minutes)


def long_date(day: dt.date, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """Friday 12 December 2014; in Welsh, Dydd Gwener 12 Rhagfyr 2014 (Babel, whatever the system's locale)."""
    return catalogue.date(day, LONG_DATE)


def short_date(day: dt.date, catalogue: Catalogue = i18n.ENGLISH) -> str:
    return catalogue.date(day, SHORT_DATE)


def month_year(day: dt.date, catalogue: Catalogue = i18n.ENGLISH) -> str:
    return catalogue.date(day, MONTH)


def clock(time: str | None, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """'09:00' -> '9am', '13:30' -> '1:30pm' (GOV.UK style) in English; else as the language
    writes a time (Babel: 13:30 in Welsh)."""
    if not time:
        return ""
    hours, minutes = (int(part) for part in time.split(":"))
    if not catalogue.english:
        return catalogue.time(hours, minutes)
    suffix = "am" if hours < 12 else "pm"
    hours = hours % 12 or 12
    return f"{hours}{suffix}" if minutes == 0 else f"{hours}:{minutes:02d}{suffix}"


def action_by(due: ActionBy | None, catalogue: Catalogue = i18n.ENGLISH) -> str:
    words = str(catalogue.text(action_by_words(due)))
    return words[:1].upper() + words[1:]


def number(value: float, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """12, 12.5: as the language writes a number (no thousands separator, as the figures always had)."""
    return format_decimal(value, locale=catalogue.locale, group_separator=False)


def percent(share: float, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """0.625 -> 63%: a whole per cent, half rounded up, as the language writes it."""
    return format_percent(Decimal(int(share * 100 + 0.5)) / 100, locale=catalogue.locale, group_separator=False)


def file_facts(file: StoredFile, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """ "PDF, 245 KB, 12 pages": what a link to a file says of it, as GOV.UK's attachments do."""
    facts = [catalogue.gettext(file.kind), file_size(file.size, catalogue)]
    if file.pages:
        facts.append(catalogue.ngettext("%(num)s page", "%(num)s pages", file.pages) % {"num": file.pages})
    return ", ".join(facts)


def file_size(size: int, catalogue: Catalogue = i18n.ENGLISH) -> str:
    """245 KB, 1.2 MB (in 1,024s, as GOV.UK counts), in the language's numbers."""
    if size < 1024:
        return catalogue.ngettext("%(num)s byte", "%(num)s bytes", size) % {"num": size}
    kilobytes, megabytes = size / 1024, size / 1024 / 1024
    if megabytes >= 1:
        return catalogue.gettext("%(size)s MB") % {"size": format_decimal(round(megabytes, 1), locale=catalogue.locale)}
    shown = round(kilobytes, 1) if kilobytes < 10 else round(kilobytes)
    return catalogue.gettext("%(size)s KB") % {"size": format_decimal(shown, locale=catalogue.locale)}


def css_token(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")


def make_environment(
    layouts: list[Path],
    site_wide: SiteWide,
    urls: Urls,
    assets: dict[str, str],
    markdown: MarkdownRenderer,
    catalogue: Catalogue = i18n.ENGLISH,
) -> jinja2.Environment:
    """Templates see their page's context and these site-wide values, which every page's key
    covers (reuse.py), in the catalogue's language (whose digest the keys cover too); nothing
    here reads a record."""
    env = _environment(layouts)
    _speak(env, catalogue)
    env.globals["markdown"] = markdown
    anchors = {term.term.lower(): term.anchor for term in site_wide.glossary}

    def term(words: str, key: str | None = None) -> Markup:
        """Words linked to their glossary entry, where the glossary has it."""
        anchor = anchors.get((key or words).lower())
        if anchor is None:
            return Markup.escape(words)
        return Markup('<a href="{}#{}" class="glossary-term">{}</a>').format(urls.glossary(), anchor, words)

    env.globals["term"] = term
    wording = site_wide.site.wording

    def role(value: str) -> str:
        """A membership role or a way of attending, in the council's words: "chair" -> "Convener"."""
        own = {"chair": wording.chair, "vice-chair": wording.vice_chair}.get(value)
        if own is not None:
            return own
        words = str(catalogue.text(i18n.word(value)))  # "member", in the site's language
        return words[:1].upper() + words[1:]

    env.filters.update(role=role)
    env.globals["structured_data"] = lambda page: structured_data(page, urls, catalogue)
    env.globals.update(
        site=site_wide.site,
        nav=site_wide.nav,
        as_of=site_wide.as_of,
        drafts_preview=site_wide.drafts_preview,
        urls=urls,
        asset=lambda name: urls.asset(assets[name]),
        stacked_bars=partial(stacked_bars, word=lambda key: str(catalogue.text(i18n.word(key)))),
    )
    env.filters.update(md=markdown.render, md_inline=markdown.render_inline, url=urls.of, href=urls.link)
    return env


PARALLEL_FROM = 400  # pages; below this, starting processes costs more than it saves
CHUNK = 100
_shared: tuple[list[Page], jinja2.Environment, Urls] | None = None  # inherited by forked workers


def render_pages(
    pages: list[Page],
    env: jinja2.Environment,
    urls: Urls,
    advance: Callable[[int, int], None] | None = None,
    parallel: bool = True,
) -> list[Made]:
    """Render every page, on every core for a big site; the result is in page order either way."""
    workers = os.cpu_count() or 1
    if (
        not parallel
        or workers < 2
        or len(pages) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        rendered = []
        for done, page in enumerate(pages, 1):
            rendered.append(_make(page, env, urls))
            if advance:
                advance(done, len(pages))
        return rendered
    global _shared
    _shared = (pages, env, urls)
    try:
        chunks = [(start, min(start + CHUNK, len(pages))) for start in range(0, len(pages), CHUNK)]
        rendered = []
        markdown = markdown_of(env)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for part, made, used in pool.imap(_render_chunk, chunks):
                rendered.extend(part)
                markdown.cache.update(made)  # the workers' Markdown, kept for the next build
                markdown.used |= used
                if advance:
                    advance(len(rendered), len(pages))
        return rendered
    finally:
        _shared = None


def _render_chunk(bounds: tuple[int, int]) -> tuple[list[Made], dict[str, Any], set[str]]:
    """Render some pages in a worker; hand back the Markdown this worker rendered or reused."""
    assert _shared is not None
    pages, env, urls = _shared
    markdown = markdown_of(env)
    markdown.made, markdown.used = {}, set()
    rendered = [_make(page, env, urls) for page in pages[bounds[0] : bounds[1]]]
    return rendered, markdown.made, markdown.used


def markdown_of(env: jinja2.Environment) -> MarkdownRenderer:
    markdown = env.globals["markdown"]
    assert isinstance(markdown, MarkdownRenderer)
    return markdown


def _make(page: Page, env: jinja2.Environment, urls: Urls) -> Made:
    """A page's file, the CSV downloads of its tables, and the links and ids of its HTML."""
    path = urls.output_path(page.url)
    data = _render_one(page, env)
    files = [OutputFile(path, digest_of(data), data)]
    files += [OutputFile(csv.path, digest_of(csv.data), csv.data) for csv in csv_files(path, data)]
    if path.suffix != ".html":
        return Made(tuple(files))
    links, ids = scan_html(data)
    return Made(tuple(files), links, ids, search.year_of(data))


def _render_one(page: Page, env: jinja2.Environment) -> bytes:
    with i18n.speaking(catalogue_of(env)):  # the page's Messages, and feeds.py's and ical.py's, in its language
        if page.make is not None:
            return page.make()
        return _render_template(page, env)


def _render_template(page: Page, env: jinja2.Environment) -> bytes:
    assert page.template is not None
    markdown_of(env).begin_page()
    try:
        template = env.get_template(page.template)
        html = template.render(page=page, **page.context)
        if page.template.endswith(".html"):
            html = readable_html(html)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"layouts/{exc.name or page.template}:{exc.lineno}: {exc.message}") from exc
    except Exception as exc:  # noqa: BLE001 - any failure while rendering is a template bug
        raise TemplateProblem(f"{_template_location(exc, page.template)}: {exc} (while building {page.url})") from exc
    return html.encode("utf-8")


# A glossary link as term() and the Markdown renderer write it.
GLOSSARY_LINK = re.compile(r'<a href="([^"]*)" class="glossary-term">(.*?)</a>', re.DOTALL)
# Where a glossary link only gets in the way: a heading, a table header, a button, a summary.
NO_GLOSSARY_IN = re.compile(r"<(/?)(h[1-6]|th|button|summary)\b", re.IGNORECASE)
LABEL_THEN_VALUE = re.compile(r"</dt><dd\b")


def readable_html(html: str) -> str:
    """A rendered page, read as a resident (and the search index) reads it: each glossary term
    linked once, at its first use outside headings, table headers, buttons and summaries; and a
    summary list's label and value apart ("Status Responded", not "StatusResponded"), as the
    search index and its excerpts see them."""
    if 'class="glossary-term"' in html:
        html = _glossary_once(html)
    return LABEL_THEN_VALUE.sub("</dt> <dd", html)


def _glossary_once(html: str) -> str:
    """Every page template may link a term wherever it says it (term(), and Markdown at each
    text's first use): here the page keeps only the link a reader needs."""
    linked: set[str] = set()
    closed = 0  # how far the heading/table-header scan has read
    inside = 0
    pieces, position = [], 0
    for link in GLOSSARY_LINK.finditer(html):
        for tag in NO_GLOSSARY_IN.finditer(html, closed, link.start()):
            inside = max(0, inside - 1) if tag.group(1) else inside + 1
        closed = link.start()
        href = link.group(1)
        if inside or href in linked:
            pieces += [html[position : link.start()], link.group(2)]
            position = link.end()
        else:
            linked.add(href)
    pieces.append(html[position:])
    return "".join(pieces)


def _template_location(exc: Exception, fallback: str) -> str:
    """The layouts/ file and line from a Jinja traceback, as a template author needs it."""
    tb = exc.__traceback__
    location = f"layouts/{fallback}"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html") or "/layouts/" in filename:
            location = f"layouts/{Path(filename).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return location


def structured_data(page: Page, urls: Urls, catalogue: Catalogue = i18n.ENGLISH) -> dict[str, Any]:
    """schema.org JSON-LD: the breadcrumb trail of every page, and the event of a meeting page,
    in the site's language."""
    trail = [*page.breadcrumbs, (page.title, page.url)]
    items: list[dict[str, Any]] = [
        {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": catalogue.text(name), "item": urls.absolute(url)}
                for n, (name, url) in enumerate(trail, 1)
            ],
        }
    ]
    if page.event:
        items.append({key: catalogue.text(value) for key, value in page.event.items()})
    return {"@context": "https://schema.org", "@graph": items}
