"""Every internal link and anchor of the rendered site resolves, checked before writing."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .errors import Problems
from .render import Rendered
from .site import Page
from .urls import Urls


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            target = values.get(name)
            if target and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(target)


def check_links(pages: list[Page], rendered: list[Rendered], urls: Urls, problems: Problems) -> None:
    """Report each link to a missing page or anchor, against the page's source file."""
    files = {item.path: item for item in rendered}
    scans = {item.path: _scan(item) for item in rendered if item.path.suffix == ".html"}
    pages_at = {urls.output_path(page.url): page for page in pages}
    for path, scan in sorted(scans.items()):
        page = pages_at[path]
        for link in scan.links:
            problem = _problem(link, path, urls, files, scans)
            if problem:
                source = page.sources[0] if page.sources else "layouts/" + (page.template or "")
                problems.error(
                    source,
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


def _scan(item: Rendered) -> _Scan:
    scan = _Scan()
    scan.feed(item.data.decode("utf-8"))
    return scan


def _problem(link: str, page: PurePosixPath, urls: Urls, files: dict, scans: dict) -> str | None:  # type: ignore[type-arg]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
        return None  # outside the site: not ours to check
    if not parts.path:
        target = page
    elif parts.path.startswith(urls.base):
        if parts.path.startswith(urls.pagefind("")):
            return None  # written by Pagefind after rendering
        try:
            target = urls.output_path(unquote(parts.path))
        except ValueError:
            return f'links to "{link}", which is outside the site'
    else:
        return f'links to "{link}", which is not an address on this site (start it with {urls.base})'
    if target not in files:
        return f'links to "{link}", but there is no such page'
    if parts.fragment and target in scans and unquote(parts.fragment) not in scans[target].ids:
        return f'links to "{link}", but that page has no "#{parts.fragment}" on it'
    return None
