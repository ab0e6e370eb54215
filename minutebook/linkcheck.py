"""Every internal link and anchor of the built site resolves: checked by every build and by
`check`, before anything is written.

Each page's links and ids are read from its HTML once, when it is rendered, and kept with it in
the build cache, so a build checks every link of every page without reading unchanged pages
again. minutebook writes the HTML (autoescaped, attributes always in double quotes), so a
regular expression finds them exactly.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Problems
from .page import Made, OutputFile, Page
from .urls import Urls

# An id, href or src attribute, or a whole canonical link (the page's own published address,
# not a link to follow). minutebook's HTML escapes every quote in text, so `name="` appears in
# tags only; one pass over the page is several times faster than reading every tag's attributes.
WANTED = re.compile(rb'<link\s[^>]*\brel="canonical"[^>]*>|\s(id|href|src)="([^"]*)"')


def scan_html(data: bytes) -> tuple[tuple[str, ...], frozenset[str]]:
    """The links (href and src, in the page's order) and the ids of an HTML page."""
    links: list[str] = []
    ids: set[str] = set()
    for match in WANTED.finditer(data):
        name = match.group(1)
        if name is None:
            continue  # the canonical link
        value = html.unescape(match.group(2).decode())
        if name == b"id":
            ids.add(value)
        elif value:
            links.append(value)
    return tuple(links), frozenset(ids)


def check_links(pages: list[Page], made: list[Made], assets: list[OutputFile], urls: Urls, problems: Problems) -> None:
    """Report each link to a missing page or anchor, against the page's source file."""
    ids = {one.files[0].path: one.ids for one in made if one.files[0].path.suffix == ".html"}
    files = {file.path for one in made for file in one.files} | {asset.path for asset in assets}
    targets: dict[str, Target] = {}  # each distinct link worked out once per build, not once per page
    for page, made_one in zip(pages, made, strict=True):
        path = made_one.files[0].path
        for link in dict.fromkeys(made_one.links):  # each distinct link once
            target = targets.get(link)
            if target is None:
                target = targets[link] = _target(link, urls)
            problem = _problem(link, target, path, files, ids)
            if problem:
                source = page.sources[0] if page.sources else "layouts/" + (page.template or "")
                problems.error(
                    problems.root / source,
                    _line_of(problems.root / source, link, urls),
                    f"the page {page.url} {problem}",
                    "correct the link in the content (or in layouts/ if it comes from a template)",
                )


def _line_of(source: Path, link: str, urls: Urls) -> int:
    """The line of the source file where the author wrote the link, or 1."""
    written = {link, "/" + link[len(urls.base) :]} if link.startswith(urls.base) else {link}
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if any(w in line for w in written)), 1)


# Where a link leads: a file of the site and the anchor on it (None: the page it is on), None
# when it is not ours to check, or a string saying why it cannot lead anywhere.
Target = tuple[PurePosixPath | None, str] | str | None


def _target(link: str, urls: Urls) -> Target:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
        return None  # outside the site: not ours to check
    fragment = unquote(parts.fragment)
    if not parts.path:
        return None, fragment
    if not parts.path.startswith(urls.base):
        return f'links to "{link}", which is not an address on this site (start it with {urls.base})'
    if parts.path.startswith(urls.pagefind("")):
        return None  # written by Pagefind after rendering
    try:
        return urls.output_path(unquote(parts.path)), fragment
    except ValueError:
        return f'links to "{link}", which is outside the site'


def _problem(
    link: str,
    target: Target,
    page: PurePosixPath,
    files: set[PurePosixPath],
    ids: dict[PurePosixPath, frozenset[str]],
) -> str | None:
    if target is None or isinstance(target, str):
        return target
    path, fragment = target
    path = path or page
    if path not in files:
        return f'links to "{link}", but there is no such page'
    if fragment and path in ids and fragment not in ids[path]:
        return f'links to "{link}", but that page has no "#{urlsplit(link).fragment}" on it'
    return None
