"""Local preview: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

Invalid content never stops the server: while the content has problems, every page shows
them (file:line: message, with the fix), and the site comes back when the files are fixed.
"""

from __future__ import annotations

import dataclasses
import html
import threading
import time
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .errors import ContentErrors, summary_line
from .incremental import IncrementalBuilder, RebuildResult
from .pipeline import BuildOptions
from .render import TemplateProblem

VERSION_PATH = "/__minutebook__/version"
DEBOUNCE_SECONDS = 0.05  # editors save in several steps within a few milliseconds
QUICK_LOOK_AFTER = 1.0  # seconds: when a rebuild takes longer, an edited meeting's page is shown first
# Injected into every page the preview serves (never into the built files): it knows the
# build the page came from, and reloads as soon as the server has a newer one.
RELOAD_SCRIPT = """<script>
(() => { const built = "%s";
  setInterval(async () => {
    try { const v = await (await fetch("%s", {cache: "no-store"})).text();
      if (v !== built) location.reload(); } catch (e) {}
  }, 500); })();
</script>"""


def reload_script(version: int) -> bytes:
    return (RELOAD_SCRIPT % (version, VERSION_PATH)).encode()


@dataclasses.dataclass
class PreviewState:
    """What the server shows: the build's version number, and its problems if it failed."""

    version: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def rebuild(self, builder: IncrementalBuilder, edited: frozenset[Path] = frozenset()) -> None:
        if builder.last_seconds > QUICK_LOOK_AFTER and any(builder.write_edited_meeting(p) for p in sorted(edited)):
            with self.lock:
                self.version += 1  # the browser reloads now, and again when the rebuild is done
        try:
            result = builder.rebuild()
            problems: list[str] = []
            message = describe(result)
        except ContentErrors as exc:
            problems = [error.format() for error in exc.errors] + [summary_line(exc.errors)]
            message = "\n".join(problems)
        except TemplateProblem as exc:
            problems = [f"template error: {exc}"]
            message = problems[0]
        with self.lock:
            self.problems = problems
            self.version += 1
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class PreviewHandler(SimpleHTTPRequestHandler):
    state: PreviewState

    def __init__(self, *args: Any, state: PreviewState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == VERSION_PATH:
            return self._send(HTTPStatus.OK, str(self.state.version).encode(), "text/plain")
        with self.state.lock:
            version, problems = self.state.version, list(self.state.problems)
        if problems:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(problems, version), "text/html")
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if not _inside(target, Path(self.directory)) or not target.is_file():
            target = Path(self.directory) / "404.html"
            status = HTTPStatus.NOT_FOUND
        else:
            status = HTTPStatus.OK
        if target.suffix == ".html" and target.is_file():
            body = target.read_bytes().replace(b"</body>", reload_script(version) + b"</body>")
            return self._send(status, body, "text/html; charset=utf-8")
        if status == HTTPStatus.NOT_FOUND:
            return self._send(status, b"Not found", "text/plain")
        return super().do_GET()

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet terminal
        pass


def describe(result: RebuildResult) -> str:
    if result.complete:
        what = f"built all {result.rendered} pages"
    else:
        what = f"re-rendered {result.rendered} page{'s' if result.rendered != 1 else ''}, wrote {result.written}"
        what += f", removed {result.removed}" if result.removed else ""
    warnings = f"; {result.warnings} warning{'s' if result.warnings != 1 else ''}" if result.warnings else ""
    return f"{what} in {result.seconds:.2f}s{warnings}"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def error_page(problems: list[str], version: int) -> bytes:
    items = "\n".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed - minutebook preview</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c}}h1{{color:#942514}}
pre{{white-space:pre-wrap;font-size:1rem;margin:0}}li{{margin:0 0 1rem;padding:.5rem;border-left:5px solid #942514;background:#f3f2f1;list-style:none}}ul{{padding:0}}</style>
</head><body><main><h1>The site could not be built</h1>
<p>Fix these problems and save: this page reloads by itself.</p><ul>{items}</ul></main></body></html>""".encode().replace(
        b"</body>", reload_script(version) + b"</body>"
    )


class RebuildOnChange(FileSystemEventHandler):
    """Debounces bursts of file events (editors save in several steps) into one rebuild."""

    def __init__(self, rebuild: Any, ignore: Path) -> None:
        self._rebuild = rebuild
        self._ignore = ignore.resolve()
        self._timer: threading.Timer | None = None
        self._edited: set[Path] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        path = Path(str(event.src_path)).resolve()
        if self._ignore in path.parents or path.name.startswith(".") or path.name.endswith("~"):
            return
        if self._timer:
            self._timer.cancel()
        self._edited.add(path)
        self._timer = threading.Timer(DEBOUNCE_SECONDS, self._fire)
        self._timer.start()

    def _fire(self) -> None:
        edited, self._edited = frozenset(self._edited), set()
        self._rebuild(edited)


def serve(options: BuildOptions, port: int) -> int:
    options = dataclasses.replace(options, base_url=f"http://127.0.0.1:{port}/")
    builder = IncrementalBuilder(options)
    state = PreviewState()
    state.rebuild(builder)
    rebuild_lock = threading.Lock()

    def rebuild(edited: frozenset[Path]) -> None:
        with rebuild_lock:
            state.rebuild(builder, edited)

    observer = Observer()
    handler = RebuildOnChange(rebuild, options.at(options.output))
    for folder in (options.content, options.layouts, options.assets):
        if options.at(folder).is_dir():
            observer.schedule(handler, str(options.at(folder)), recursive=True)
    observer.start()
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), partial(PreviewHandler, state=state, directory=str(options.at(options.output)))
    )
    print(
        f"Serving the site at http://127.0.0.1:{port}/ (Ctrl+C to stop); watching "
        f"{options.content}/, {options.layouts}/ and {options.assets}/ for changes.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        observer.stop()
        server.server_close()
    return 0
