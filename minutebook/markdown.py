"""One configured Markdown renderer: CommonMark plus tables and [[kind:id]] links.

Raw HTML in content is shown as text (``html: False``), and markdown-it refuses
``javascript:`` and similar link targets, so content can never inject script.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup

from .model import GlossaryTerm
from .references import XREF
from .withhold import WITHHELD_LINK_TEXT

# (kind, "id" or "parent/child") -> (href, default link text), or None when unknown.
Resolver = Callable[[str, str], "tuple[str, str] | None"]


def _xref_rule(state: StateInline, silent: bool) -> bool:
    """Parse ``[[kind:id]]`` or ``[[kind:id|text]]`` into a link."""
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    match = XREF.match(src, start)  # reads no further than the next "[[": linear in the text
    if match is None:
        return False
    target, text, end = match.group(1), match.group(2) or "", match.end() - 2
    kind, sep, ident = target.strip().partition(":")
    if not sep or not kind.isalpha():
        return False
    resolved = state.env["resolve"](kind, ident.strip()) if "resolve" in state.env else None
    if not silent:
        if resolved is None:  # checks.py reports these before rendering; show the words only
            token = state.push("text", "", 0)
            token.content = text.strip() or WITHHELD_LINK_TEXT  # never the id: it may say what is withheld
        else:
            href, default_text = resolved
            token = state.push("link_open", "a", 1)
            token.attrs = {"href": href}
            token.meta = {"resolved": True}  # already a full site URL
            token = state.push("text", "", 0)
            token.content = text.strip() or default_text
            state.push("link_close", "a", -1)
    state.pos = end + 2
    return True


def _shift_headings(md: MarkdownIt) -> None:
    """A body's headings sit just below the heading it is shown under, whatever level the
    author started at: with ``heading_offset`` 2, the body's top headings become h3."""

    def rule(state) -> None:
        headings = [t for t in state.tokens if t.type in ("heading_open", "heading_close")]
        if not headings:
            return
        top = min(int(t.tag[1]) for t in headings)
        shift = state.env.get("heading_offset", 1) + 1 - top
        for token in headings:
            token.tag = f"h{max(1, min(6, int(token.tag[1]) + shift))}"

    md.core.ruler.push("shift_headings", rule)


def _site_relative_links(md: MarkdownIt) -> None:
    """A link written as /meetings/ means the site's own page, wherever the site is published."""

    def rule(state) -> None:
        base = state.env.get("base", "/")
        for block in state.tokens:
            for token in block.children or []:
                if token.type != "link_open" or token.meta.get("resolved"):
                    continue
                href = token.attrs.get("href")
                if isinstance(href, str) and href.startswith("/") and not href.startswith("//"):
                    token.attrs["href"] = base + href[1:]

    md.core.ruler.push("site_relative_links", rule)


def _scrollable_tables(md: MarkdownIt) -> None:
    """Wide tables scroll inside their own box instead of widening a phone's page."""
    md.add_render_rule(
        "table_open",
        lambda *args: (
            '<div class="table-scroll" role="region" aria-label="Table (scrolls sideways)" tabindex="0">\n<table>\n'
        ),
    )
    md.add_render_rule("table_close", lambda *args: "</table>\n</div>\n")


NO_GLOSSARY_AFTER = frozenset({"heading_open", "th_open"})


def _glossary_links(md: MarkdownIt) -> None:
    """Link the first use on a page of each glossary term to its explanation."""

    def rule(state) -> None:
        glossary = state.env.get("glossary")
        if not glossary:
            return
        pattern, anchors, url, linked = glossary
        for before, block in zip([None, *state.tokens], state.tokens, strict=False):
            if block.type != "inline" or not block.children:
                continue
            if before is not None and before.type in NO_GLOSSARY_AFTER:
                continue  # a heading or a table header: the link waits for the term's first use in the text
            children, inside_link = [], 0
            for token in block.children:
                inside_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
                if token.type != "text" or inside_link:
                    children.append(token)
                    continue
                children.extend(_split_terms(token, pattern, anchors, url, linked, state))
            block.children = children

    md.core.ruler.push("glossary_links", rule)


def _split_terms(token, pattern, anchors, url, linked, state):
    """The text token, with the first use of each not-yet-linked term made a link."""
    pieces, position = [], 0
    for match in pattern.finditer(token.content):
        anchor = anchors[match.group(0).lower()]
        if anchor in linked or _inside_a_name(token.content, match):
            continue
        linked.add(anchor)
        pieces.append(_text(state, token.content[position : match.start()]))
        link = Token("link_open", "a", 1)
        link.attrs = {"href": f"{url}#{anchor}", "class": "glossary-term"}
        link.meta = {"resolved": True}
        pieces.extend([link, _text(state, match.group(0)), Token("link_close", "a", -1)])
        position = match.end()
    if not pieces:
        return [token]
    pieces.append(_text(state, token.content[position:]))
    return [piece for piece in pieces if piece.type != "text" or piece.content]


def _inside_a_name(text: str, match: re.Match[str]) -> bool:
    """ "Scrutiny Panel" in "Housing Scrutiny Panel" is part of a name, not the glossary term."""
    after, before = text[match.end() :], text[: match.start()]
    return bool(re.match(r" [A-Z]", after)) or (
        match.group(0)[0].isupper() and bool(re.search(r"[A-Z][\w']* $", before))
    )


def _text(state, content: str):
    token = Token("text", "", 0)
    token.content = content
    return token


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    _scrollable_tables(md)
    md.inline.ruler.before("link", "xref", _xref_rule)
    _shift_headings(md)
    _glossary_links(md)
    _site_relative_links(md)
    return md


# A rendered text, and the glossary terms it linked: cached by a digest of everything it depends on.
CachedHtml = tuple[str, frozenset[str]]


class MarkdownRenderer:
    """Renders content Markdown to safe HTML, resolving cross-references and linking the
    first use on each page of each glossary term.

    Each result is kept in ``cache`` under a digest of all it depends on: the text, how it is
    shown, where each of its [[...]] links leads, and which of its glossary terms the page has
    linked already. The build cache keeps these between builds, so a page rendered again (after
    a template change, say) does not parse its Markdown again unless the Markdown changed."""

    def __init__(
        self,
        resolve: Resolver,
        base: str = "/",
        glossary: tuple[GlossaryTerm, ...] = (),
        glossary_url: str = "",
        cache: dict[str, CachedHtml] | None = None,
    ) -> None:
        self._md = make_markdown()
        self._resolve = resolve
        self._base = base
        self._glossary_url = glossary_url
        self._anchors = {form.lower(): term.anchor for term in glossary for form in (term.term, *term.also)}
        forms = sorted(self._anchors, key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in forms) + r")\b", re.I) if forms else None
        self._linked: set[str] = set()
        self._setup = repr((base, glossary_url, sorted(self._anchors.items())))
        self.cache: dict[str, CachedHtml] = cache if cache is not None else {}
        self.used: set[str] = set()  # the cache entries this build used or made
        self.made: dict[str, CachedHtml] = {}  # the entries this process made (a worker hands them back)

    def begin_page(self) -> None:
        """Each page links each term once, at its first use."""
        self._linked = set()

    def _env(self, heading_offset: int, glossary: bool) -> dict:
        env = {"resolve": self._resolve, "heading_offset": heading_offset, "base": self._base}
        if self._pattern is not None and glossary:
            env["glossary"] = (self._pattern, self._anchors, self._glossary_url, self._linked)
        return env

    def render(self, text: str | None, heading_offset: int = 1, glossary: bool = True) -> Markup:
        """With ``glossary=False``, no glossary links: for words such as the home page's
        introduction, where a link to the glossary is not what a reader wants."""
        if not text:
            return Markup("")
        return Markup(self._cached(text, heading_offset, inline=False, glossary=glossary))

    def render_inline(self, text: str | None) -> Markup:
        """For one-line values such as a resolution: no surrounding <p>."""
        if not text:
            return Markup("")
        return Markup(self._cached(text.strip(), 1, inline=True))

    def _cached(self, text: str, heading_offset: int, inline: bool, glossary: bool = True) -> str:
        key = self._key(text, heading_offset, inline, glossary)
        self.used.add(key)
        if key in self.cache:
            html, linked = self.cache[key]
            self._linked |= linked
            return html
        before = set(self._linked)
        env = self._env(heading_offset, glossary)
        html = self._md.renderInline(text, env) if inline else self._md.render(text, env)
        self.cache[key] = self.made[key] = (html, frozenset(self._linked - before))
        return html

    def _key(self, text: str, heading_offset: int, inline: bool, glossary: bool = True) -> str:
        terms = set()
        if self._pattern and glossary:
            terms = {self._anchors[m.group(0).lower()] for m in self._pattern.finditer(text)}
        links = [(m.group(0), self._resolve_text(m.group(1))) for m in XREF.finditer(text)]
        depends_on = (self._setup, text, heading_offset, inline, glossary, sorted(terms & self._linked), links)
        return hashlib.sha256(repr(depends_on).encode()).hexdigest()

    def _resolve_text(self, target: str) -> tuple[str, str] | None:
        kind, sep, ident = target.strip().partition(":")
        return self._resolve(kind, ident.strip()) if sep and kind.isalpha() else None
