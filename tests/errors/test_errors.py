"""Each folder here is a broken edit of the minimal site; its expected.txt is the exact
message `python build.py check` must print. `pytest --update-golden` rewrites them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CASES = sorted(p for p in Path(__file__).parent.iterdir() if p.is_dir() and not p.name.startswith("__"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_errors_broken_content_gets_the_exact_friendly_message(case: Path, site, request):
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = site.content / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    result = site.run("check")
    expected_file = case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr == expected_file.read_text(encoding="utf-8")
