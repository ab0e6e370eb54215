"""Build progress for people: a bar on a terminal, plain lines in CI logs."""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30


class Progress:
    """Silent: the default, for tests and library use."""

    def stage(self, name: str, seconds: float) -> None:
        """A stage of the build finished."""

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` pages rendered."""


class TerminalProgress(Progress):
    """One line that redraws itself."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream

    def advance(self, done: int, total: int) -> None:
        if done != total and done % 25:
            return
        filled = BAR_WIDTH * done // max(total, 1)
        self.stream.write(f"\r  rendering [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} pages")
        self.stream.flush()

    def stage(self, name: str, seconds: float) -> None:
        self.stream.write("\r" + " " * (BAR_WIDTH + 40) + "\r")
        self.stream.flush()


class PlainProgress(Progress):
    """For logs that do not understand carriage returns: on a long build, a plain line at every
    tenth of the pages, so CI shows the build is alive; nothing on a short one."""

    LONG_BUILD = 1000

    def __init__(self, stream: TextIO = sys.stdout) -> None:
        self.stream = stream

    def advance(self, done: int, total: int) -> None:
        if total >= self.LONG_BUILD and done % (total // 10) == 0:
            print(f"minutebook: rendered {done} of {total} pages", file=self.stream, flush=True)


def for_terminal() -> Progress:
    """A bar when a person is watching, plain lines otherwise."""
    return TerminalProgress(sys.stderr) if sys.stderr.isatty() else PlainProgress(sys.stdout)
