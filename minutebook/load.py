"""Read the content tree into the validated model, collecting every problem on the way."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from collections.abc import Iterable
from typing import Any, TypeVar

import yaml

from . import documents
from .cache import ParsedFiles
from .errors import ContentError, Problems, did_you_mean
from .model import (
    Committee,
    Content,
    Glossary,
    Markdown,
    Decision,
    DocumentPath,
    Matter,
    Meeting,
    Notice,
    Person,
    PlanningApplication,
    Ward,
    Recommendation,
    Report,
    Review,
    SiteConfig,
    StaticPage,
    StoredFile,
    Unreadable,
)
from .schema import CONTROL, SLUG, Reporter, convert, name_of_character, written_references
from .source import LineDict, read_source

T = TypeVar("T")

# Each folder of content/: (folder, file extension, model class).
COLLECTIONS: dict[str, tuple[str, type]] = {
    "committees": (".yaml", Committee),
    "people": (".yaml", Person),
    "meetings": (".yaml", Meeting),
    "reports": (".md", Report),
    "pages": (".md", StaticPage),
    "matters": (".yaml", Matter),
    "decisions": (".yaml", Decision),
    "forward-plan": (".yaml", Notice),
    "wards": (".yaml", Ward),
    "planning": (".yaml", PlanningApplication),
}
# The kind of record each folder holds, as references name it.
KIND_OF_FOLDER = {
    "committees": "committee",
    "people": "person",
    "meetings": "meeting",
    "reports": "report",
    "pages": "page",
    "matters": "matter",
    "decisions": "decision",
    "forward-plan": "notice",
    "wards": "ward",
    "planning": "planning application",
}
# The Content field each folder fills, where the folder's name is not one.
FIELD_OF_FOLDER = {"forward-plan": "notices", "planning": "planning_applications"}
KNOWN_TOP_LEVEL = {"site.yaml", "glossary.yaml", "reviews", documents.FOLDER, *COLLECTIONS}
# How many values YAML aliases (*name) may add to a file. A clerk's few aliases add tens; a
# "billion laughs" file of 3 KB adds a billion, which would fill the memory when copied out.
ALIAS_LIMIT = 5_000
# Lines with control characters reported per file: a file full of them needs one look, not a page.
CONTROL_LINES_SHOWN = 10


def load_content(content_dir: Path, problems: Problems, parsed: ParsedFiles | None = None) -> Content | None:
    """The whole content tree as a model, or None when any file has a problem. ``parsed`` holds
    records parsed before: a file whose bytes have not changed is not parsed again."""
    content = read_content(content_dir, problems, parsed)
    return None if problems.errors else content


def read_content(content_dir: Path, problems: Problems, parsed: ParsedFiles | None = None) -> Content | None:
    """The content tree as a model, holding every record that could be read even when others
    could not (they are named in ``Content.unreadable``), so that ``check`` can report the
    problems between records together with those in the files; None without a site.yaml."""
    parsed = parsed if parsed is not None else ParsedFiles()
    if not content_dir.is_dir():
        problems.error(
            content_dir,
            1,
            f"there is no content folder {content_dir}/ in {Path.cwd()}",
            "run the command in the site's folder (the one that holds content/), name the folder with "
            "--content, or start a site with `new site FOLDER`",
        )
        return None
    if not _present(content_dir / "site.yaml"):
        problems.error(
            content_dir / "site.yaml",
            1,
            "there is no site.yaml",
            f"create {content_dir}/site.yaml with the council's name, title and base_url",
        )
        return None
    _report_unexpected_files(content_dir, problems)
    site = load_one(content_dir / "site.yaml", SiteConfig, problems, parsed, "site.yaml")
    collections: dict[str, dict[str, Any]] = {
        FIELD_OF_FOLDER.get(folder, folder): _load_collection(content_dir / folder, ext, cls, problems, parsed)
        for folder, (ext, cls) in COLLECTIONS.items()
    }
    reviews = _load_reviews(content_dir / "reviews", problems, parsed)
    glossary_file = content_dir / "glossary.yaml"
    glossary = load_one(glossary_file, Glossary, problems, parsed, "the glossary") if _present(glossary_file) else None
    files = _load_files(content_dir / documents.FOLDER, problems, parsed)
    if site is None:
        return None
    terms = tuple(sorted(glossary.terms, key=lambda t: t.term.lower())) if glossary else ()
    unreadable = _unreadable(content_dir, collections, reviews, problems) if problems.errors else ()
    return documents.attach_files(
        Content(site=site, reviews=reviews, glossary=terms, files=files, unreadable=unreadable, **collections),
        problems,
    )


def _unreadable(
    content_dir: Path, collections: dict[str, dict[str, Any]], reviews: dict[str, Review], problems: Problems
) -> tuple[Unreadable, ...]:
    """Each record whose file is there but could not be read, with the references it writes."""
    found = []
    for folder, (ext, cls) in COLLECTIONS.items():
        loaded = collections[FIELD_OF_FOLDER.get(folder, folder)]
        paths = (path for path in sorted((content_dir / folder).glob("*" + ext)) if path.stem not in loaded)
        found += [_unreadable_one(KIND_OF_FOLDER[folder], path.stem, path, cls, problems) for path in paths]
    for review_dir in sorted((content_dir / "reviews").glob("*/")):
        review = reviews.get(review_dir.name)
        if review is None:
            found.append(_unreadable_one("review", review_dir.name, review_dir / "review.md", Review, problems))
        made = {rec.id for rec in review.recommendations} if review else set()
        for path in sorted((review_dir / "recommendations").glob("*.yaml")):
            if path.stem not in made:
                ident = f"{review_dir.name}/{path.stem}"
                found.append(_unreadable_one("recommendation", ident, path, Recommendation, problems))
    return tuple(found)


def _unreadable_one(kind: str, ident: str, path: Path, cls: type, problems: Problems) -> Unreadable:
    try:
        source = read_source(path, Problems(root=problems.root))  # its problems are reported already
    except (OSError, RecursionError, yaml.YAMLError):  # as reported while loading it
        source = None
    written = written_references(cls, source.data, problems.relative(path)) if source else iter(())
    return Unreadable(kind, ident, tuple(written))


def load_one(path: Path, cls: type[T], problems: Problems, parsed: ParsedFiles, what: str, **derived: Any) -> T | None:
    """One file's record, with the fields worked out from where it is (its id from its name).
    An unchanged file gives back the very record object of the last build, which lets later
    stages remember what they worked out from it (memo.py)."""
    if not _inside(path, problems):
        return None
    data = _read(path, problems)
    if data is None:
        return None
    key = problems.relative(path)
    recalled = parsed.recall(key, data)
    record = recalled if recalled is not None else _parse(path, data, cls, problems, what)
    if record is None:
        return None
    if any(getattr(record, name) != value for name, value in derived.items()):
        record = dataclasses.replace(record, **derived)  # type: ignore[type-var]
    if record is not recalled:
        parsed.remember(key, data, record)
    return record


def _parse(path: Path, data: bytes, cls: type[T], problems: Problems, what: str) -> T | None:
    if _control_characters(path, data, problems):
        return None  # YAML refuses them: report them all, by line, rather than its first
    try:
        source = read_source(path, problems, data)
    except RecursionError:  # PyYAML builds nested values by recursion; content nests a few levels
        problems.error(
            path,
            1,
            "the file has lists or groups of fields nested too deeply to be read",
            "check the brackets [ ] and { } and the indentation: no field needs more than a few levels",
        )
        return None
    if source is None or _expands_too_far(path, data, source.data, problems):
        return None
    reporter = Reporter(problems.relative(path))
    record = convert(cls, source.data, source.data.line, reporter, what)
    for line, message, hint in reporter.problems:
        problems.error(path, line, message, hint)
    if record is None:
        return None
    if source.body is not None:
        return dataclasses.replace(record, body=Markdown.located(source.body, reporter.path, source.body_line))
    return record


def _load_collection(
    folder: Path, ext: str, cls: type[T], problems: Problems, parsed: ParsedFiles, **derived: Any
) -> dict[str, T]:
    loaded: dict[str, T] = {}
    for path in _files(folder, ext, problems):
        noun = (
            cls.__name__.lower()
            .replace("staticpage", "page")
            .replace("notice", "Forward Plan notice")
            .replace("planningapplication", "planning application")
        )
        record = load_one(path, cls, problems, parsed, f"this {noun}", id=path.stem, **derived)
        if record is not None:
            loaded[path.stem] = record
    return loaded


def _load_reviews(folder: Path, problems: Problems, parsed: ParsedFiles) -> dict[str, Review]:
    reviews: dict[str, Review] = {}
    if not folder.is_dir():
        return reviews
    for review_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not _valid_id(review_dir, problems):
            continue
        review = _load_review(review_dir, problems, parsed)
        if review is not None:
            reviews[review.id] = review
    return reviews


def _load_review(review_dir: Path, problems: Problems, parsed: ParsedFiles) -> Review | None:
    review_file = review_dir / "review.md"
    if not _present(review_file):
        problems.error(
            review_dir,
            1,
            f'the review folder "{review_dir.name}" has no review.md',
            "add review.md with the review's front matter (see docs/authoring.md)",
        )
        return None
    recommendations = _load_collection(
        review_dir / "recommendations", ".yaml", Recommendation, problems, parsed, review=review_dir.name
    )
    recs = tuple(sorted(recommendations.values(), key=lambda r: recommendation_order(r.id)))
    return load_one(review_file, Review, problems, parsed, "this review", id=review_dir.name, recommendations=recs)


def reload_files(
    content: Content, content_dir: Path, paths: Iterable[Path], problems: Problems, parsed: ParsedFiles
) -> tuple[Content, list[Any]] | None:
    """``content`` with the records of these edited files read again, and those records; None
    unless each path is an existing record's file, still there and still valid on its own (a new
    or deleted file, site.yaml or the glossary needs ``load_content``). For the preview's quick
    look, which trusts that no other file changed."""
    collections: dict[str, Any] = {}
    records: list[Any] = []
    for path in sorted(set(paths)):
        parts = path.relative_to(content_dir).parts if path.is_relative_to(content_dir) else ()
        folder = parts[0] if parts else ""
        name = FIELD_OF_FOLDER.get(folder, folder)
        current = getattr(content, name, None) if folder in COLLECTIONS or folder == "reviews" else None
        if not path.is_file() or not isinstance(current, dict):
            return None
        changed = collections.setdefault(name, dict(current))
        if folder == "reviews":
            review = content.reviews.get(parts[1]) if len(parts) > 2 else None
            recs = [rec.src.path for rec in review.recommendations] if review else []
            if review is None or (parts[2:] != ("review.md",) and problems.relative(path) not in recs):
                return None
            record = _load_review(content_dir / folder / parts[1], problems, parsed)
            records += [record, *record.recommendations] if record else []
        else:
            ext, cls = COLLECTIONS[folder]
            if len(parts) != 2 or path.suffix != ext or path.stem not in current:
                return None
            record = load_one(path, cls, problems, parsed, "this file", id=path.stem)
            records.append(record)
        if record is None:
            return None
        changed[record.id] = record
    if problems.errors or not records:
        return None
    attached = documents.attach_files(dataclasses.replace(content, **collections), problems)
    if problems.errors:
        return None
    return attached, [_as_attached(record, attached) for record in records]


def _as_attached(record: Any, content: Content) -> Any:
    """The record as ``content`` holds it, its documents' files attached."""
    for kind in documents.holders(content).values():
        same = kind.get(getattr(record, "id", ""))
        if same is not None and type(same) is type(record):
            return same
    return record


def _load_files(folder: Path, problems: Problems, parsed: ParsedFiles) -> dict[str, StoredFile]:
    """Every file of content/documents/, read (see documents.py); a file read before, byte for
    byte the same, is not read again."""
    if not folder.is_dir():
        return {}
    files: dict[str, StoredFile] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in relative.split("/")) or path.is_dir():
            continue  # .DS_Store, a .git folder: never the council's documents
        wrong = documents.refuse_name(relative)
        if wrong is not None:
            problems.error(path, 1, *wrong)
            continue
        if not _inside(path, problems) or (data := _read(path, problems)) is None:
            continue
        key = problems.relative(path)
        stored = parsed.recall(key, data)
        if stored is None:
            stored = documents.read_file(DocumentPath(relative), data)
            parsed.remember(key, data, stored)
        files[relative] = stored if stored.source == str(path) else dataclasses.replace(stored, source=str(path))
    return files


def recommendation_order(rec_id: str) -> tuple[int, str]:
    """Sort "2", "2a", "10" as a council numbers them, not as text."""
    number, rest = re.match(r"([0-9]*)(.*)", rec_id).groups()  # type: ignore[union-attr]
    return (int(number) if number else 0, rest)


def _files(folder: Path, ext: str, problems: Problems) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() or path.suffix != ext:
            problems.error(
                path,
                1,
                f'"{path.name}" is not a {ext} file, so it is not read',
                f"files in {folder.name}/ must be named <id>{ext}; move or rename it",
            )
            continue
        if _valid_id(path, problems):
            found.append(path)
    _report_clashing_ids(found, problems)
    return found


def _valid_id(path: Path, problems: Problems) -> bool:
    stem = path.name if path.is_dir() else path.stem  # a link to nothing is still a file's name
    if SLUG.match(stem):
        return True
    suggestion = "".join(ch if ch.isalnum() else "-" for ch in stem.lower()).strip("-")
    problems.error(
        path,
        1,
        f'"{path.name}" is not a valid id: ids use lower-case letters, digits and hyphens only',
        f'rename it to "{suggestion}{path.suffix}"',
    )
    return False


def _report_clashing_ids(paths: list[Path], problems: Problems) -> None:
    seen: dict[str, Path] = {}
    for path in paths:
        key = path.stem.lower()
        if key in seen:
            problems.error(
                path, 1, f'duplicate id "{path.stem}": {seen[key].name} has it too', "rename one of the two files"
            )
        seen[key] = path


def _inside(path: Path, problems: Problems) -> bool:
    """Refuse symlinks that lead outside the content folder."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # links that lead round in a circle (RuntimeError before 3.13)
            _cannot_read(path, problems, "it is a link that leads back to itself", LINK_FIX)
            return False
        root = problems.root.resolve()
        if root not in target.parents:
            problems.error(
                path,
                1,
                "this file is a link to a file outside the site",
                "copy the file into content/ instead of linking to it",
            )
            return False
    return True


def _report_unexpected_files(content_dir: Path, problems: Problems) -> None:
    for path in sorted(content_dir.iterdir()):
        if path.name.startswith(".") or path.name in KNOWN_TOP_LEVEL:
            continue
        problems.error(
            path,
            1,
            f'"{path.name}" is not part of a minutebook site{did_you_mean(path.name, KNOWN_TOP_LEVEL)}',
            "content/ holds site.yaml and the folders " + ", ".join(sorted(KNOWN_TOP_LEVEL - {"site.yaml"})),
        )


LINK_FIX = "copy the file itself into content/ instead of linking to it"
UNREADABLE_FIX = (
    "check that you can open the file in your editor; if not, ask whoever manages the folder "
    "to let you read it, or save a new copy of it"
)


def _present(path: Path) -> bool:
    """Whether something is there under this name, even a folder or a broken link: reading it
    then says what is wrong, where asking ``is_file`` would pass over it in silence."""
    return path.exists() or path.is_symlink()


def _read(path: Path, problems: Problems) -> bytes | None:
    """The file's bytes; None, with the reason reported, when it cannot be read."""
    try:
        if path.is_file():
            return path.read_bytes()
        reason, fix = _not_a_file(path)
    except OSError as exc:  # no permission, a disk or network error, ...
        reason, fix = (exc.strerror or type(exc).__name__).lower(), UNREADABLE_FIX
    _cannot_read(path, problems, reason, fix)
    return None


def _not_a_file(path: Path) -> tuple[str, str]:
    """Why a name that is not an ordinary file cannot be read (reading a pipe would never end)."""
    if path.is_dir():
        return "it is a folder", f'move the folder\'s contents out and delete it; "{path.name}" must be a file'
    if path.is_symlink():
        return "it is a link to a file that is not there", LINK_FIX
    return "it is not an ordinary file", "replace it with a file saved from your editor"


def _cannot_read(path: Path, problems: Problems, reason: str, fix: str) -> None:
    """Report under the name the author sees: resolving a link would name (or loop on) its target."""
    name = (Path(problems.relative(path.parent)) / path.name).as_posix()
    problems.errors.append(ContentError(name, 1, f"this file cannot be read ({reason})", fix))


def _control_characters(path: Path, data: bytes, problems: Problems) -> bool:
    """Report each line with a character that YAML refuses and a page or feed cannot carry,
    such as a form feed pasted from a PDF; whether there was any."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # read_source reports that the file is not UTF-8
    if CONTROL.search(text) is None:
        return False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # not splitlines: \f ends a line there
    found = [(number, match.group()) for number, line in enumerate(lines, 1) if (match := CONTROL.search(line))]
    for number, char in found[:CONTROL_LINES_SHOWN]:
        problems.error(
            path,
            number,
            f"this line contains {name_of_character(char)}, which is not allowed",
            "delete it or replace it with a space (it often comes with text copied from a PDF)",
        )
    if len(found) > CONTROL_LINES_SHOWN:
        number = found[CONTROL_LINES_SHOWN][0]
        problems.error(
            path,
            number,
            f"{len(found) - CONTROL_LINES_SHOWN} more lines from here on contain such characters",
            "delete them, or retype the text, then check again",
        )
    return True


def _expands_too_far(path: Path, data: bytes, fields: LineDict, problems: Problems) -> bool:
    """Refuse a file whose YAML aliases would add more than ALIAS_LIMIT values once copied out,
    reporting the field that grows most; cheap because the parser shares an anchor's value
    among its aliases, and only files with both & and * can have any."""
    if b"&" not in data or b"*" not in data:
        return False
    sizes = {key: _expanded(value) for key, value in fields.items()}
    if sum(extra for extra, _ in sizes.values()) <= ALIAS_LIMIT:
        return False
    key = max(sizes, key=lambda k: sizes[k][0])
    problems.error(
        path,
        fields.line_of(key),
        f'"{key}" uses YAML aliases (&/*) that expand too far',
        "write the values out in full instead of repeating them with & and *",
    )
    return True


def _expanded(value: Any) -> tuple[int, int]:
    """(values that aliases add, values as written) for one parsed value. Walks each shared list
    or mapping once, without recursion: a size is known once its children's are."""
    sizes: dict[int, int] = {}  # id of a list or mapping -> its values with every alias copied out
    started: set[int] = set()
    written, stack = 1, [(value, False)]
    while stack:
        node, children_sized = stack.pop()
        children = _children(node)
        if children_sized:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in children)
        elif id(node) not in sizes:
            if id(node) in started:
                return ALIAS_LIMIT + 1, written  # met again inside itself: copying it out never ends
            started.add(id(node))
            written += len(children)
            stack.append((node, True))
            stack.extend((child, False) for child in children if isinstance(child, (dict, list)))
    return sizes.get(id(value), 1) - written, written


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node.values())
    return node if isinstance(node, list) else []
