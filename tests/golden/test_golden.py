"""The minimal site's whole output, compared file by file with the committed expectation.
After an intended change to templates or CSS, refresh with `pytest --update-golden`."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from tests.conftest import MINIMAL, run_cli

EXPECTED = Path(__file__).parent / "minimal" / "expected"
STAND_IN_ASSETS = Path(__file__).parent / "minimal" / "assets"  # so CSS edits do not churn the goldens


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_golden_minimal_site_matches_the_expected_output(tmp_path, request):
    out = tmp_path / "out"
    result = run_cli(
        "build",
        "--content",
        str(MINIMAL),
        "--assets",
        str(STAND_IN_ASSETS),
        "--output",
        str(out),
        "--as-of",
        "2015-06-01",
        "--no-search",
    )
    assert result.code == 0, result.stderr
    if request.config.getoption("--update-golden"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(out, EXPECTED)
    actual, expected = files(out), files(EXPECTED)
    assert sorted(actual) == sorted(expected), "the set of output files changed"
    for name, data in expected.items():
        if actual[name] != data:
            diff = difflib.unified_diff(
                data.decode(errors="replace").splitlines(),
                actual[name].decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"built/{name}",
                lineterm="",
                n=2,
            )
            raise AssertionError("\n".join(list(diff)[:60]))
