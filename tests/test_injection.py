"""Hostile values in every field, found from the schema (model.py's type hints), not listed by
hand: a link address that would run script is refused by `check` at its line, and text with
markup in it is shown as text on every page and feed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from minutebook.errors import ContentErrors
from minutebook.model import Markdown, SiteAddress, Url
from minutebook.pipeline import BuildOptions, build, check
from tests.conftest import MINIMAL, ROOT
from tests.edits import schema_fields, value_edits

UNSAFE_ADDRESSES = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
]
MARKUP = '<script>alert("INJECTED")</script><img src=x onerror=alert(1)>'


def options(root: Path) -> BuildOptions:
    return BuildOptions(
        root=root, layouts=ROOT / "layouts", assets=ROOT / "assets", cache=None, as_of=dt.datetime(2015, 6, 1)
    )


def test_injection_the_fixture_holds_every_kind_of_link_address_the_schema_has():
    held = {edit.what.split(": ", 1)[1] for edit in value_edits(MINIMAL, (Url, SiteAddress), lambda was: was)}
    assert held == schema_fields((Url, SiteAddress))


@pytest.mark.parametrize("address", UNSAFE_ADDRESSES)
def test_injection_check_refuses_a_link_address_that_would_run_script_at_its_line(tmp_path, address):
    shutil.copytree(MINIMAL, tmp_path / "content")
    edits = value_edits(tmp_path / "content", (Url, SiteAddress), lambda was: address)
    for edit in edits:
        edit.apply(tmp_path / "content")
    with pytest.raises(ContentErrors) as raised:
        check(options(tmp_path))
    places = {f"{error.path.removeprefix('content/')}:{error.line}" for error in raised.value.errors}
    assert {edit.what.split(": ", 1)[0] for edit in edits} <= places
    assert all(error.hint for error in raised.value.errors)


def test_injection_markup_in_any_text_field_is_published_as_text(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "content")
    for edit in value_edits(tmp_path / "content", (str, Markdown), lambda was: f"{MARKUP} {was}"):
        edit.apply(tmp_path / "content")
    build(options(tmp_path))
    public = tmp_path / "public"
    assert "&lt;script&gt;alert(" in (public / "index.html").read_text()  # the edits took effect
    for path in public.rglob("*"):
        if path.suffix in (".html", ".xml", ".svg", ".js"):
            text = path.read_text(encoding="utf-8")
            assert "<script>alert(" not in text and "<img src=x" not in text, path
