"""The command line: argparse, exit codes and messages. No build logic lives here."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import progress
from .errors import ContentErrors, Refused, plural, summary_line
from .model import UK
from .pipeline import DRAFTS_PREVIEW, PUBLISHED, BuildOptions, build, check
from .render import TemplateProblem
from .schema import Invalid, site_address
from .search import SearchIndexFailed

DESCRIPTION = "minutebook: publish council meetings, minutes and scrutiny recommendations as a static site."


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date like 2015-01-23 or 2015-01-23T09:00') from exc
    if moment.tzinfo is not None:  # 10:00+01:00 or 09:00Z: the build reads UK clock time
        moment = moment.astimezone(UK).replace(tzinfo=None)
    return moment


def _base_url(text: str) -> str:
    try:
        return site_address(text)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(f"{exc.message}; {exc.hint}") from exc


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=folder, default=Path("content"), help="content folder (default: content)")
    # The defaults may be absent (the built-in theme is used); a folder named on the command line may not.
    parser.add_argument("--layouts", type=folder, default=Path("layouts"), help="templates folder (default: layouts)")
    parser.add_argument("--assets", type=folder, default=Path("assets"), help="CSS and JS folder (default: assets)")
    parser.add_argument(
        "--as-of",
        type=_moment,
        default=None,
        metavar="YYYY-MM-DD[THH:MM]",
        help="build the site as it stands at this UK date and time: embargoes, upcoming "
        "and overdue items are judged against it (default: SOURCE_DATE_EPOCH if "
        "set, else now); fix it for reproducible builds",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback for internal errors")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minutebook", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_cmd = commands.add_parser(
        "build",
        help="build the site into the output folder",
        description="Validate content/ and build the whole site, with its search "
        "index, into the output folder. The folder is replaced only "
        "when the build succeeds.",
    )
    _common(build_cmd)
    build_cmd.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"output folder (default: {PUBLISHED}; with --drafts, {DRAFTS_PREVIEW}, never {PUBLISHED})",
    )
    build_cmd.add_argument(
        "--base-url", type=_base_url, default=None, help="publish at this URL instead of site.yaml's base_url"
    )
    build_cmd.add_argument("--no-search", action="store_true", help="skip the Pagefind search index (faster)")
    build_cmd.add_argument(
        "--drafts",
        action="store_true",
        help="include drafts and embargoed content, marked as drafts (never for publishing)",
    )
    _cache_options(build_cmd)

    check_cmd = commands.add_parser(
        "check",
        help="validate the content and every link, without writing",
        description="Report every problem in content/ as file:line: message, "
        "with a fix; render the site in memory and check that every "
        "internal link and anchor resolves; warn about records that "
        "look out of date. Writes nothing.",
    )
    _common(check_cmd)
    check_cmd.add_argument("--drafts", action="store_true", help="check as a --drafts preview would show the site")
    _cache_options(check_cmd)

    serve_cmd = commands.add_parser(
        "serve",
        help="build, serve on 127.0.0.1 and rebuild on every change",
        description="Build the site into a temporary folder of its own (never the output folder a "
        "build publishes), serve it at http://127.0.0.1:PORT/ and build again whenever a file in "
        "content/, layouts/ or assets/ changes; the folder is removed when the server stops.",
    )
    _common(serve_cmd)
    serve_cmd.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--drafts", action="store_true", help="show drafts and embargoed content, marked as drafts")

    from .scaffold import add_new_command  # the `new` command documents its own kinds

    add_new_command(commands)
    return parser


def folder(text: str) -> Path:
    """A folder named on the command line, which must exist (argparse leaves defaults alone)."""
    path = Path(text)
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise argparse.ArgumentTypeError(
            f"{text} {what} (looked for in {Path.cwd()}): check its spelling, or run the command in the site's folder"
        )
    return path


def port_number(text: str) -> int:
    """A --port value, refused in plain words (from a ValueError argparse says "invalid port_number value")."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a port number from 1 to 65535, such as 8000")
    return port


def _cache_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--cache",
        type=Path,
        default=Path(".cache/minutebook"),
        metavar="FOLDER",
        help="keep what this build works out here, so the next renders only what changed "
        "(default: .cache/minutebook; CI may keep it between runs)",
    )
    command.add_argument("--no-cache", action="store_true", help="build everything from scratch, keeping nothing")


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    try:
        return handler(args)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error.format(), file=sys.stderr)
        print(summary_line(exc.errors), file=sys.stderr)
        return 1
    except Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    except TemplateProblem as exc:
        print(f"template error: {exc}", file=sys.stderr)
        print("The templates in layouts/ have a problem; nothing was built.", file=sys.stderr)
        return 1
    except SearchIndexFailed as exc:
        print(f"the search index could not be built: {exc}\nNothing was published.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped to a command that stopped reading, such as head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush is quiet too
        return 1
    except Exception as exc:  # anything else is a bug in minutebook, not in the content
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(
            f"minutebook hit an internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in minutebook, not in your content. Run again with --debug "
            "and report the output.",
            file=sys.stderr,
        )
        return 1


def options_from(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        content=args.content,
        layouts=args.layouts,
        assets=args.assets,
        output=getattr(args, "output", None) or (DRAFTS_PREVIEW if getattr(args, "drafts", False) else PUBLISHED),
        as_of=args.as_of,
        base_url=getattr(args, "base_url", None),
        search=not getattr(args, "no_search", False),
        drafts=getattr(args, "drafts", False),
        cache=None if getattr(args, "no_cache", False) else getattr(args, "cache", Path(".cache/minutebook")),
    )


def run_build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    options = options_from(args)
    report = build(options, progress.for_terminal())
    print_warnings(report.warnings)
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.timings.items())
    written = "" if report.written else f"; {options.output}/ already held exactly this build"
    print(
        f"Built {report.counts()}{written} into {options.output}/ in "
        f"{time.perf_counter() - start:.1f}s; {plural(len(report.warnings), 'warning')}. [{stages}]"
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    report = check(options_from(args), progress.for_terminal())
    print_warnings(report.warnings)
    print(
        f"No problems found in {args.content}/: {report.pages} pages checked, every internal link "
        f"resolves; {plural(len(report.warnings), 'warning')}."
    )
    return 0


def print_warnings(warnings: list) -> None:
    for warning in sorted(warnings):
        print("warning: " + warning.format(), file=sys.stderr)


def run_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(options_from(args), args.port)


def run_new(args: argparse.Namespace) -> int:
    from .scaffold import create

    return create(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": run_build,
    "check": run_check,
    "serve": run_serve,
    "new": run_new,
}
