"""Shared fixtures: throwaway sites built from a dict of files, and the CLI run as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "golden" / "minimal" / "content"
# A fictional Scottish council with a committee system (its own wording, municipal year and bank
# holidays): the fixture that the whole-site, open-data and browser tests build, so that no test
# depends on the example council in content/.
STRATHBRAE = ROOT / "tests" / "sites" / "strathbrae" / "content"
STRATHBRAE_AS_OF = "2025-03-01"  # one meeting is after it, one recommendation overdue at it
# A fictional English district council with Leader and Cabinet: decisions, the Forward Plan,
# call-in, votes and motions. As of its day one Cabinet decision is still open to call-in.
BORSETSHIRE = ROOT / "tests" / "sites" / "borsetshire" / "content"
BORSETSHIRE_AS_OF = "2025-03-14"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*/expected from the build")


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path = ROOT) -> CliResult:
    """Run `python build.py ...` in a subprocess, exactly as an author would; a build or check
    gets a build cache of its own in a temporary folder, never the checkout's .cache/."""
    with tempfile.TemporaryDirectory(prefix="minutebook-test-cache-") as cache:
        own_cache = ["--cache", cache] if args[:1] in (("build",), ("check",)) and "--help" not in args else []
        if any(arg in ("--cache", "--no-cache") for arg in args):
            own_cache = []
        proc = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *args, *own_cache],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def build_fixture_council(out: Path, *options: str) -> CliResult:
    """The Strathbrae fixture council built into ``out`` as of midday on STRATHBRAE_AS_OF."""
    return run_cli(
        "build", "--content", str(STRATHBRAE), "--output", str(out), "--as-of", STRATHBRAE_AS_OF + "T12:00", *options
    )


def build_borsetshire(out: Path, *options: str) -> CliResult:
    """The Borsetshire fixture council built into ``out`` as of midday on BORSETSHIRE_AS_OF."""
    return run_cli(
        "build", "--content", str(BORSETSHIRE), "--output", str(out), "--as-of", BORSETSHIRE_AS_OF + "T12:00", *options
    )


@pytest.fixture
def site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A copy of the minimal fixture site, with the layouts and assets, that a test may change."""
    shutil.copytree(MINIMAL, tmp_path / "content")
    shutil.copytree(ROOT / "layouts", tmp_path / "layouts")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")

    class Site:
        root = tmp_path
        content = tmp_path / "content"

        def write(self, relative: str, text: str) -> Path:
            path = self.content / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return path

        def run(self, *args: str) -> CliResult:
            return run_cli(*args, cwd=tmp_path)

    return Site()
