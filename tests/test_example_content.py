"""The only test that reads content/: whatever council's records it holds, they pass `check`.
Nothing here asserts what those records are; the tests of whole sites build tests/sites/ instead."""

from __future__ import annotations

from tests.conftest import ROOT, run_cli


def test_example_content_passes_check():
    result = run_cli("check", "--content", str(ROOT / "content"))
    assert result.code == 0, result.stdout + result.stderr
