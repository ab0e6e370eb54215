"""Problems a content author can cause, and how they are reported.

Every message has the shape ``path:line: what is wrong`` followed by an indented
``fix:`` line, so an officer can correct the file from the message alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of the content tree."""

    path: str
    line: int
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.hint:
            text += f"\n  fix: {self.hint}"
        return text


class ContentErrors(Exception):
    """Raised when a stage finishes with problems; carries all of them."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = sorted(set(errors))


class Refused(Exception):
    """An ordinary failure the user can put right (a folder, a port): one plain message, not a
    problem in the content and not a bug."""


@dataclass
class Problems:
    """Collects errors and warnings from every file before anything stops the build."""

    root: Path = field(default_factory=Path.cwd)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)

    def relative(self, path: Path | str) -> str:
        return relative_to_root(Path(path), self.root)

    def error(self, path: Path | str, line: int, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(self.relative(path), line, message, hint))

    def warn(self, path: Path | str, line: int, message: str, hint: str = "") -> None:
        self.warnings.append(ContentError(self.relative(path), line, message, hint))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' suffix for an unknown word, or nothing when no choice is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def one_of(choices: list[str] | tuple[str, ...]) -> str:
    return "use one of " + ", ".join(choices)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def summary_line(errors: list[ContentError]) -> str:
    files = len({e.path for e in errors})
    noun = "problem" if len(errors) == 1 else "problems"
    file_noun = "file" if files == 1 else "files"
    return f"{len(errors)} {noun} in {files} {file_noun}; nothing was built."


def relative_to_root(path: Path, root: Path) -> str:
    """A file as the content's records and messages name it: relative to the root where it can
    be, else its full path. The build cache's keys are these names too."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
