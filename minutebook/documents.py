"""The files kept in content/documents/ (agenda packs, reports, appendices, decision notices):
each read once for what a link to it says (type, size, pages) and for its words, which a page
of their own gives to search and to readers who cannot open the file; then attached to the
records that list them. Only files a published record lists are published (withhold.py)."""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import re
import warnings
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

from .errors import Problems, did_you_mean
from .i18n import N_
from .page import digest_of
from .model import Content, Decision, Document, DocumentPath, Meeting, Notice, Report, StoredFile, TextPart

FOLDER = "documents"

# What a reader calls each kind of file, as GOV.UK's attachment links do; a kind without a
# reader is published with its type and size, but its words are not searched.
KINDS: dict[str, str] = {
    "pdf": N_("PDF"),
    "docx": N_("MS Word Document"),
    "doc": N_("MS Word Document"),
    "odt": N_("OpenDocument Text"),
    "rtf": N_("Rich Text Format"),
    "xlsx": N_("MS Excel Spreadsheet"),
    "xls": N_("MS Excel Spreadsheet"),
    "ods": N_("OpenDocument Spreadsheet"),
    "csv": N_("CSV"),
    "txt": N_("Plain text"),
    "pptx": N_("MS PowerPoint Presentation"),
    "ppt": N_("MS PowerPoint Presentation"),
    "png": N_("PNG image"),
    "jpg": N_("JPEG image"),
    "jpeg": N_("JPEG image"),
}
# Each kind's media type (IANA), for the open data.
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "txt": "text/plain",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ppt": "application/vnd.ms-powerpoint",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
# A name a web address carries as it is: no spaces, no characters a link must escape.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CELLS = "; "  # between the cells of a table row or spreadsheet row, as a sentence reads them


class Unreadable(Exception):
    """The file's words cannot be read: why, as the warning says it."""


def read_file(path: DocumentPath, data: bytes) -> StoredFile:
    """A file's type, size, pages and words. A file that cannot be read is still published;
    the warning says why its words are not searched."""
    kind = KINDS[path.rsplit(".", 1)[-1].lower()]
    stored = StoredFile(path, kind, len(data), digest_of(data))
    reader = READERS.get(stored.extension)
    if reader is None:
        return stored
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the readers warn of oddities they read past
            parts, pages = reader(data)
    except Unreadable as reason:
        return dataclasses.replace(stored, unreadable=str(reason))
    except Exception:  # noqa: BLE001 - a damaged file is the council's to mend, never a crash
        return dataclasses.replace(stored, unreadable="it is damaged or not what its name says")
    kept = tuple(part for part in parts if part.paragraphs)
    if not kept:
        return dataclasses.replace(stored, pages=pages, unreadable="it has no text in it (it may be a scanned image)")
    return dataclasses.replace(stored, pages=pages, text=kept)


def _pdf(data: bytes) -> tuple[list[TextPart], int]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it logs each oddity it reads past
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("it is protected by a password")
    parts = [TextPart(None, _paragraphs(page.extract_text()), number) for number, page in enumerate(reader.pages, 1)]
    return parts, len(reader.pages)


def _docx(data: bytes) -> tuple[list[TextPart], None]:
    import docx
    from docx.table import Table

    paragraphs: list[str] = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            paragraphs += [CELLS.join(_cells(cell.text for cell in row.cells)) for row in block.rows]
        else:
            paragraphs.append(block.text)
    return [TextPart(None, _kept(paragraphs))], None


def _xlsx(data: bytes) -> tuple[list[TextPart], None]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [
            TextPart(
                sheet.title, _kept(CELLS.join(_cells(map(_cell, row))) for row in sheet.iter_rows(values_only=True))
            )
            for sheet in book.worksheets
        ], None
    finally:
        book.close()


def _csv(data: bytes) -> tuple[list[TextPart], None]:
    rows = csv.reader(io.StringIO(_decoded(data)))
    return [TextPart(None, _kept(CELLS.join(_cells(row)) for row in rows))], None


def _txt(data: bytes) -> tuple[list[TextPart], None]:
    return [TextPart(None, _paragraphs(_decoded(data)))], None


READERS: dict[str, Callable[[bytes], tuple[list[TextPart], int | None]]] = {
    "pdf": _pdf,
    "docx": _docx,
    "xlsx": _xlsx,
    "csv": _csv,
    "txt": _txt,
}


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat()).removesuffix("T00:00:00")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cells(values: Iterator[str] | Any) -> list[str]:
    return [" ".join(str(value).split()) for value in values if str(value).strip()]


def _kept(paragraphs: Any) -> tuple[str, ...]:
    return tuple(text for text in (" ".join(str(p).split()) for p in paragraphs) if text)


def _paragraphs(text: str) -> tuple[str, ...]:
    """Text laid out in lines, as paragraphs: a paragraph ends at a blank line or at a line
    ending a sentence (a PDF's text has no blank lines between its paragraphs)."""
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            lines.append(line)
        if lines and (not line or line.endswith((".", ":", "?", "!"))):
            paragraphs.append(" ".join(lines))
            lines = []
    if lines:
        paragraphs.append(" ".join(lines))
    return tuple(paragraphs)


def copy_of(source: str, digest: str) -> bytes:
    """The file's bytes, to publish; ``digest`` (of the bytes it was read with) is part of the
    page's key, so that a changed file is copied again."""
    return Path(source).read_bytes()


# --- which files are published, and the records that list them ------------------------------


def refuse_name(relative: str) -> tuple[str, str] | None:
    """What is wrong with a file's name under content/documents/, and the fix; None if nothing."""
    parts = relative.split("/")
    for part in parts:
        if not NAME.match(part):
            better = re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-.") or "document"
            return (
                f'"{part}" has characters a web address cannot carry as they are',
                f'rename it "{better}": letters, digits, hyphens, underscores and dots only',
            )
    extension = parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
    if extension not in KINDS:
        return (
            f'"{parts[-1]}" is not a kind of document minutebook publishes',
            "save it as one of these: " + ", ".join(f".{ext}" for ext in KINDS),
        )
    return None


def attach_files(content: Content, problems: Problems) -> Content:
    """Each listed document with its file as read; a document naming a file that is not in
    content/documents/ is an error, with the nearest name there."""
    files = content.files

    def attach(document: Document) -> Document:
        if document.file is None:
            return document
        stored = files.get(document.file)
        if stored is None:
            problems.error(
                document.src.path,
                document.src.line_of("file"),
                f'there is no file "{document.file}" in content/{FOLDER}/{did_you_mean(document.file, files)}',
                f"copy the file into content/{FOLDER}/ and write its path from there, or correct the name",
            )
            return document
        return document if document.stored == stored else dataclasses.replace(document, stored=stored)

    return dataclasses.replace(
        content,
        meetings={key: with_documents(m, attach) for key, m in content.meetings.items()},
        reports={key: with_documents(r, attach) for key, r in content.reports.items()},
        decisions={key: with_documents(d, attach) for key, d in content.decisions.items()},
        notices={key: with_documents(n, attach) for key, n in content.notices.items()},
    )


Record = Meeting | Report | Decision | Notice


def with_documents(record: Any, change: Callable[[Document], Document | None]) -> Any:
    """The record with each of its documents changed (None drops one); the very same record
    when none change, so that what later stages remember of it still holds (memo.py)."""
    if not any(True for _ in documents_of(record)):
        return record

    def each(listed: list[Document]) -> list[Document]:
        return [changed for d in listed if (changed := change(d)) is not None]

    def one(holder: Any, name: str) -> Any:
        document = getattr(holder, name)
        return holder if document is None else dataclasses.replace(holder, **{name: change(document)})

    if isinstance(record, Meeting):
        changed = dataclasses.replace(
            record,
            documents=each(record.documents),
            supplements=[one(s, "document") for s in record.supplements],
            agenda=[
                dataclasses.replace(section, items=[one(item, "document") for item in section.items])
                for section in record.agenda
            ],
        )
    elif isinstance(record, Report):
        changed = dataclasses.replace(one(record, "original"), appendices=each(record.appendices))
    else:
        changed = dataclasses.replace(record, documents=each(record.documents))
    return record if list(documents_of(changed)) == list(documents_of(record)) else changed


def documents_of(record: Any) -> Iterator[Document]:
    """Every document a meeting, report, decision or notice lists."""
    if isinstance(record, Meeting):
        yield from record.documents
        yield from (s.document for s in record.supplements if s.document is not None)
        yield from (item.document for item in record.agenda_items if item.document is not None)
    elif isinstance(record, Report):
        if record.original is not None:
            yield record.original
        yield from record.appendices
    elif isinstance(record, (Decision, Notice)):
        yield from record.documents


def holders(content: Content) -> dict[str, dict[str, Any]]:
    """The kinds of record that list documents, by the name the open data gives each."""
    return {
        "meeting": content.meetings,
        "report": content.reports,
        "decision": content.decisions,
        "notice": content.notices,
    }


def listing(content: Content) -> dict[str, list[tuple[Record, Document]]]:
    """For each file a record lists, those records and their documents, in record order."""
    found: dict[str, list[tuple[Record, Document]]] = {}
    for records in holders(content).values():
        for record in records.values():
            for document in documents_of(record):
                if document.stored is not None:
                    found.setdefault(document.stored.path, []).append((record, document))
    return found


def unlisted(content: Content) -> list[str]:
    """Files in content/documents/ that no record lists, by name."""
    listed = set(listing(content))
    return sorted(path for path in content.files if path not in listed)
