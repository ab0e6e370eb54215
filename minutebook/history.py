"""What git knows about each recommendation and review: when its file last changed, and each
dated change of its status. Read once per build; outside a git checkout, nothing (no error)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

STATUS_LINE = re.compile(rb"^status:\s*([^#\n]+?)\s*(#.*)?$", re.M)


@dataclass(frozen=True)
class StatusChange:
    date: dt.date
    before: str | None  # None when the file was created
    after: str


@dataclass(frozen=True)
class FileHistory:
    last_changed: dt.date
    status_changes: list[StatusChange] = field(default_factory=list)


def read_history(root: Path, folder: Path) -> dict[str, FileHistory]:
    """History of every file under ``folder``, keyed by its path relative to ``root``."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
        log = _git(root, "log", "--format=%x00%H %cs", "--name-only", "--no-renames", "--", str(folder.resolve()))
    except (OSError, subprocess.CalledProcessError):
        return {}
    commits: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)  # repo path -> newest first
    for entry in log.decode().split("\0")[1:]:
        header, *names = entry.strip().split("\n")
        sha, day = header.split()
        for name in filter(None, (n.strip() for n in names)):
            commits[name].append((sha, dt.date.fromisoformat(day)))
    relative = Path(top).resolve()
    histories = {}
    for name, versions in commits.items():
        path = relative / name
        try:
            key = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        histories[key] = FileHistory(versions[0][1], _status_changes(root, name, versions))
    return histories


def _status_changes(root: Path, name: str, versions: list[tuple[str, dt.date]]) -> list[StatusChange]:
    """Each commit whose version of the file changed its `status:`, oldest first."""
    changes: list[StatusChange] = []
    previous: str | None = None
    for sha, day in reversed(versions):
        try:
            text = _git(root, "show", f"{sha}:{name}")
        except subprocess.CalledProcessError:
            continue  # deleted in this commit
        match = STATUS_LINE.search(text)
        status = match.group(1).decode().strip().strip("\"'") if match else None
        if status and status != previous:
            changes.append(StatusChange(day, previous, status))
        previous = status or previous
    return changes


def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True).stdout
