"""What git knows about each recommendation and review: when its file last changed, and each
dated change of its status. Read once per build; outside a git checkout, nothing (no error).
Only states that were published count: a version that was a draft, embargoed when committed or
not valid (no status minutebook knows) is passed over, as the public never saw it."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, get_args

import yaml

from .model import UK, ImplementationStatus, ReviewStatus

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


def read_history(root: Path, folder: Path, until: dt.datetime = dt.datetime.max) -> dict[str, FileHistory]:
    """History of every file under ``folder``, keyed by its path relative to ``root``, as it stood
    at ``until`` (the moment the site is built as of): a later commit had not happened then."""
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
        if moment > until:
            continue
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
        review = _review_of(name)
        # A recommendation is published only while its review is: its states count at the
        # commits of either file, each judged with the review as it then stood.
        moments = (
            sorted({*versions, *commits.get(review, [])}, key=lambda v: v[1], reverse=True) if review else versions
        )
        histories[key] = FileHistory(versions[0][1].date(), _status_changes(root, name, moments, review))
    return histories


def _review_of(name: str) -> str | None:
    """The review.md a recommendation file (reviews/<id>/recommendations/<n>.yaml) belongs to."""
    parts = PurePosixPath(name).parts
    return str(PurePosixPath(*parts[:-2], "review.md")) if len(parts) >= 3 and parts[-2] == "recommendations" else None


def _status_changes(
    root: Path, name: str, versions: list[tuple[str, dt.datetime]], review: str | None
) -> list[StatusChange]:
    """Each commit whose published version of the file changed its `status:`, oldest first, dated
    when it was published (an embargoed version when its embargo ended, if before the next
    commit); with ``review``, only while that review was published too."""
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
        if published and review:
            published = _while_review_published(root, sha, review, published, until)
        if published and published[1] != previous:
            changes.append(StatusChange(published[0].date(), previous, published[1]))
        previous = published[1] if published else previous
    return changes


def _while_review_published(
    root: Path, sha: str, review: str, published: tuple[dt.datetime, str], until: dt.datetime
) -> tuple[dt.datetime, str] | None:
    """A recommendation's published state, shown from when its review (at that commit) was too."""
    try:
        review_state = _published(_git(root, "show", f"{sha}:{review}"), published[0], until)
    except subprocess.CalledProcessError:
        return None  # no review yet
    return (review_state[0], published[1]) if review_state else None


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
