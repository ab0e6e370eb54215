"""Reading a council's files (documents.py) and what a link to one says (render.file_facts)."""

from __future__ import annotations

import io

import pytest

from minutebook.documents import read_file, refuse_name
from minutebook.model import DocumentPath, StoredFile
from minutebook.render import file_facts
from minutebook.urls import Urls
from tests.files import make_docx, make_pdf, make_xlsx


def read(name: str, data: bytes) -> StoredFile:
    return read_file(DocumentPath(name), data)


def test_documents_a_pdf_gives_its_pages_and_their_paragraphs():
    stored = read("pack.pdf", make_pdf([["Agenda.", "1. Apologies", "for absence."], ["Item 4: car parking."]]))
    assert stored.kind == "PDF" and stored.pages == 2
    assert [(part.page, part.paragraphs) for part in stored.text] == [
        (1, ("Agenda.", "1. Apologies for absence.")),
        (2, ("Item 4: car parking.",)),
    ]
    assert stored.unreadable is None


def test_documents_a_word_document_gives_its_paragraphs_and_table_rows_in_order():
    stored = read("notice.docx", make_docx(["Record of decision.", ""], [["Decision", "Adopted"], ["Reasons", "Cost"]]))
    assert stored.kind == "MS Word Document" and stored.pages is None
    assert stored.text[0].paragraphs == ("Record of decision.", "Decision; Adopted", "Reasons; Cost")


def test_documents_a_spreadsheet_gives_each_sheet_under_its_name():
    data = make_xlsx({"Charges": [["Car park", "All day"], ["Castle Street", 5.0]], "Notes": [["From 1 June"]]})
    stored = read("charges.xlsx", data)
    assert [(part.heading, part.paragraphs) for part in stored.text] == [
        ("Charges", ("Car park; All day", "Castle Street; 5")),
        ("Notes", ("From 1 June",)),
    ]


def test_documents_a_csv_file_in_excels_windows_encoding_is_read():
    stored = read("figures.csv", "Ward,Caf\xe9s\nMarlcombe,3\n".encode("cp1252"))
    assert stored.text[0].paragraphs == ("Ward; Caf\xe9s", "Marlcombe; 3")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a pdf at all", "it is damaged or not what its name says"),
        (make_pdf([[]]), "it has no text in it (it may be a scanned image)"),
    ],
    ids=["damaged", "scanned"],
)
def test_documents_a_file_whose_words_cannot_be_read_says_why(data, reason):
    stored = read("scan.pdf", data)
    assert stored.unreadable == reason and stored.text == ()
    assert stored.size == len(data)  # still published, with its size


def test_documents_a_pdf_protected_by_a_password_says_so():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret words."]]))))
    writer.encrypt(user_password="council", owner_password="council")
    out = io.BytesIO()
    writer.write(out)
    assert read("locked.pdf", out.getvalue()).unreadable == "it is protected by a password"


def test_documents_a_kind_without_a_reader_is_published_without_words():
    stored = read("plan.doc", b"\xd0\xcf\x11\xe0 old Word")
    assert stored.kind == "MS Word Document" and stored.text == () and stored.unreadable is None


@pytest.mark.parametrize(
    ("size", "pages", "facts"),
    [
        (900, None, "PDF, 900 bytes"),
        (1, None, "PDF, 1 byte"),
        (2_355, 1, "PDF, 2.3 KB, 1 page"),
        (250_880, 12, "PDF, 245 KB, 12 pages"),
        (1_300_000, 80, "PDF, 1.2 MB, 80 pages"),
    ],
)
def test_documents_a_link_says_the_type_size_and_pages_as_govuk_does(size, pages, facts):
    assert file_facts(StoredFile(DocumentPath("a.pdf"), "PDF", size, "", pages)) == facts


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("2025-03-11/agenda-pack.pdf", None),
        ("Agenda Pack.pdf", 'rename it "Agenda-Pack.pdf"'),
        ("pack.exe", "save it as one of these: .pdf, .docx"),
        ("README", "save it as one of these"),
    ],
)
def test_documents_a_files_name_must_be_one_a_web_address_carries(name, problem):
    wrong = refuse_name(name)
    assert (wrong is None) == (problem is None)
    if problem:
        assert problem in wrong[1]


def test_documents_a_files_words_are_a_page_beside_it():
    urls = Urls("https://example.org/minutes/")
    assert urls.document("2025/pack.v2.pdf") == "/minutes/documents/2025/pack.v2.pdf"
    assert urls.document_text("2025/pack.v2.pdf") == "/minutes/documents/2025/pack-v2-pdf/"
    assert urls.document_text("pack.pdf") == "/minutes/documents/pack-pdf/"
