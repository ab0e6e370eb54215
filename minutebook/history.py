"""What git knows about each recommendation and review: when its file last changed, and each
dated change of its status. Read once per build; outside a git checkout, nothing (no error).
Only states that were published count: a version that was a draft, embargoed when committed or
not valid (no status minutebook knows) is passed over, as the public never saw it."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args
from zoneinfo import ZoneInfo

import yaml

from .model import ImplementationStatus, ReviewStatus

UK = ZoneInfo("Europe/London")
STATUSES = frozenset(get_args(ImplementationStatus) + get_args(ReviewStatus))


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
        log = _git(root, "log", "--format=%x00%H %ct", "--name-only", "--no-renames", "--", str(folder.resolve()))
    except (OSError, subprocess.CalledProcessError):
        return {}
    commits: dict[str, list[tuple[str, dt.datetime]]] = defaultdict(list)  # repo path -> newest first
    for entry in log.decode().split("\0")[1:]:
        header, *names = entry.strip().split("\n")
        sha, seconds = header.split()
        moment = dt.datetime.fromtimestamp(int(seconds), UK).replace(tzinfo=None)  # UK time, as the content's
        for name in filter(None, (n.strip() for n in names)):
            commits[name].append((sha, moment))
    relative = Path(top).resolve()
    histories = {}
    for name, versions in commits.items():
        path = relative / name
        try:
            key = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        histories[key] = FileHistory(versions[0][1].date(), _status_changes(root, name, versions))
    return histories


def _status_changes(root: Path, name: str, versions: list[tuple[str, dt.datetime]]) -> list[StatusChange]:
    """Each commit whose published version of the file changed its `status:`, oldest first, dated
    when it was published (an embargoed version when its embargo ended, if before the next commit)."""
    changes: list[StatusChange] = []
    previous: str | None = None
    oldest_first = list(reversed(versions))
    for index, (sha, moment) in enumerate(oldest_first):
        try:
            text = _git(root, "show", f"{sha}:{name}")
        except subprocess.CalledProcessError:
            continue  # deleted in this commit
        until = oldest_first[index + 1][1] if index + 1 < len(oldest_first) else dt.datetime.max
        published = _published(text, moment, until)
        if published and published[1] != previous:
            changes.append(StatusChange(published[0].date(), previous, published[1]))
        previous = published[1] if published else previous
    return changes


def _published(text: bytes, committed: dt.datetime, until: dt.datetime) -> tuple[dt.datetime, str] | None:
    """When a version of a record, in force from ``committed`` to ``until``, was published and the
    status it gave; None if it never was (a draft, embargoed throughout, or not valid)."""
    data = _fields(text)
    if data is None or data.get("draft") is True:
        return None
    status = data.get("status")
    if not (isinstance(status, str) and status in STATUSES):
        return None
    after = _moment(data.get("publish_after"))
    shown = max(committed, after) if after else committed
    return (shown, status) if shown < until else None


def _moment(value: Any) -> dt.datetime | None:
    """A publish_after value as written (YAML reads 2015-01-16T09:00 as text), in UK time."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value.astimezone(UK).replace(tzinfo=None) if value.tzinfo else value
    return dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else None


def _fields(text: bytes) -> dict[str, Any] | None:
    """A YAML record's fields, or a Markdown record's front matter; None if not readable."""
    source = text.decode("utf-8", errors="replace")
    if source.startswith("---"):
        source = source[3:].partition("\n---")[0]
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True).stdout
