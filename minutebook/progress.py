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
    """A line per stage, for logs that do not understand carriage returns."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream

    def stage(self, name: str, seconds: float) -> None:
        print(f"minutebook: {name} done in {seconds:.2f}s", file=self.stream, flush=True)


def for_stream(stream: TextIO = sys.stderr) -> Progress:
    return TerminalProgress(stream) if stream.isatty() else PlainProgress(stream)
