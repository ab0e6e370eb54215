"""One configured Markdown renderer: CommonMark plus tables and [[kind:id]] links.

Raw HTML in content is shown as text (``html: False``), and markdown-it refuses
``javascript:`` and similar link targets, so content can never inject script.
"""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markupsafe import Markup

# (kind, "id" or "parent/child") -> (href, default link text), or None when unknown.
Resolver = Callable[[str, str], "tuple[str, str] | None"]


def _xref_rule(state: StateInline, silent: bool) -> bool:
    """Parse ``[[kind:id]]`` or ``[[kind:id|text]]`` into a link."""
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    end = src.find("]]", start + 2)
    if end < 0:
        return False
    inner = src[start + 2 : end]
    target, _, text = inner.partition("|")
    kind, sep, ident = target.strip().partition(":")
    if not sep or not kind.isalpha():
        return False
    resolved = state.env["resolve"](kind, ident.strip()) if "resolve" in state.env else None
    if not silent:
        if resolved is None:  # checks.py reports these before rendering; show the words only
            token = state.push("text", "", 0)
            token.content = text or ident
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
    """Headings inside a body sit below the page's own headings (h1 is the page title)."""

    def rule(state) -> None:  # type: ignore[no-untyped-def]
        offset = state.env.get("heading_offset", 1)
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + offset)
                token.tag = f"h{level}"

    md.core.ruler.push("shift_headings", rule)


def _site_relative_links(md: MarkdownIt) -> None:
    """A link written as /meetings/ means the site's own page, wherever the site is published."""

    def rule(state) -> None:  # type: ignore[no-untyped-def]
        base = state.env.get("base", "/")
        for block in state.tokens:
            for token in block.children or []:
                if token.type != "link_open" or token.meta.get("resolved"):
                    continue
                href = token.attrs.get("href")
                if isinstance(href, str) and href.startswith("/") and not href.startswith("//"):
                    token.attrs["href"] = base + href[1:]

    md.core.ruler.push("site_relative_links", rule)


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.inline.ruler.before("link", "xref", _xref_rule)
    _shift_headings(md)
    _site_relative_links(md)
    return md


class MarkdownRenderer:
    """Renders content Markdown to safe HTML, resolving cross-references."""

    def __init__(self, resolve: Resolver, base: str = "/") -> None:
        self._md = make_markdown()
        self._resolve = resolve
        self._base = base

    def render(self, text: str | None, heading_offset: int = 1) -> Markup:
        if not text:
            return Markup("")
        env = {"resolve": self._resolve, "heading_offset": heading_offset, "base": self._base}
        return Markup(self._md.render(text, env))

    def render_inline(self, text: str | None) -> Markup:
        """For one-line values such as a resolution: no surrounding <p>."""
        if not text:
            return Markup("")
        env = {"resolve": self._resolve, "heading_offset": 1, "base": self._base}
        return Markup(self._md.renderInline(text.strip(), env))
