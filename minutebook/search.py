"""Build the Pagefind search index over the written site, offline, from pagefind-bin."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind_bin import get_executable


class SearchIndexFailed(Exception):
    pass


def index_site(site_dir: Path) -> str:
    """Run Pagefind over ``site_dir``; returns its summary line, raises on failure."""
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexFailed((result.stderr or result.stdout).strip())
    return result.stdout.strip()
