"""Local preview: build, serve on 127.0.0.1, build again on every change, reload the browser.

The preview is the build itself (pipeline.build) with its cache in memory, writing into a
temporary folder of its own that is deleted when the server stops: never into public/ or any
folder a build publishes, so nothing a preview shows (drafts, embargoed text, 127.0.0.1 links)
can be published by mistake. It answers only requests for 127.0.0.1:PORT or localhost:PORT (a
hostile page cannot read it by DNS rebinding), and only with files inside that folder. After an
edit only pages whose key changed are rendered and only files whose bytes changed are written.

Nothing stops the server: while the content, a template, the search index or minutebook itself
has a problem, every page shows it (and the terminal prints it), and the next good save brings
the site back.
"""

from __future__ import annotations

import dataclasses
import html
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import search
from .cache import MemoryCache
from .errors import ContentErrors, plural, summary_line
from .pipeline import BuildOptions, BuildReport, build, quick_look
from .render import TemplateProblem, compile_templates
from .search import SearchIndexFailed

VERSION_PATH = "/__minutebook__/version"
DEBOUNCE_SECONDS = 0.05  # editors save in several steps within a few milliseconds
# Injected into every page the preview serves (never into the built files): it knows the
# build the page came from, and reloads as soon as the server has a newer one.
RELOAD_SCRIPT = """<script>
(() => { const built = "%s";
  setInterval(async () => {
    try { const v = await (await fetch("%s", {cache: "no-store"})).text();
      if (v !== built) location.reload(); } catch (e) {}
  }, 500); })();
</script>"""


class PreviewServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-answer (a reload, a closed tab): nothing went wrong
        super().handle_error(request, client_address)


def reload_script(version: int) -> bytes:
    return (RELOAD_SCRIPT % (version, VERSION_PATH)).encode()


@dataclasses.dataclass
class Preview:
    """The preview's builds and what the server shows: the latest build's version number, and
    its problems if it failed."""

    options: BuildOptions
    cache: MemoryCache = dataclasses.field(default_factory=MemoryCache)
    version: int = 0
    build_problems: list[str] = dataclasses.field(default_factory=list)
    search_problem: str | None = None  # from the index made in the background after the last build
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    _building: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def rebuild(self, edited: frozenset[Path] = frozenset()) -> None:
        """Build again, after a quick look at the edited files' own pages; whatever goes wrong is
        shown, never raised (this runs in the watcher's thread)."""
        with self._building:
            with self.lock:
                self.search_problem = None
            start = time.perf_counter()
            self.look_quickly(edited, start)
            try:
                # Only the first build uses other processes: later ones run beside the server's threads.
                options = dataclasses.replace(self.options, parallel=self.options.parallel and self.version == 0)
                message = describe(build(options, cache=self.cache), time.perf_counter() - start)
                problems: list[str] = []
            except ContentErrors as exc:
                problems = [error.format() for error in exc.errors] + [summary_line(exc.errors)]
            except TemplateProblem as exc:
                problems = [f"template error: {exc}"]
            except SearchIndexFailed as exc:
                problems = [f"the search index could not be built: {exc}"]
            except Exception as exc:  # noqa: BLE001 - the preview must survive a bug too, and say what it was
                problems = [f"minutebook hit an internal error: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"]
            self.show(problems, "\n".join(problems) if problems else message)

    def look_quickly(self, edited: frozenset[Path], start: float) -> None:
        """Write the edited records' own pages before the build (pipeline.quick_look). Anything it
        cannot do, or any error, is left to the build that follows, which reports it."""
        try:
            written = quick_look(self.options, self.cache, edited)
        except Exception:  # noqa: BLE001 - the build that follows shows what is wrong
            return
        if written and not self.build_problems:
            self.show(
                [],
                f"quick look: wrote the edited page{'s' if written > 1 else ''} in {time.perf_counter() - start:.2f}s",
            )

    @property
    def problems(self) -> list[str]:
        return self.build_problems + ([self.search_problem] if self.search_problem else [])

    def show(self, problems: list[str], message: str) -> None:
        with self.lock:
            self.build_problems = problems
            self.version += 1
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    def search_failed(self, reason: str) -> None:
        problem = f"the search index could not be built: {reason}"
        with self.lock:
            self.search_problem = problem
            self.version += 1
        print(f"[{time.strftime('%H:%M:%S')}] {problem}", flush=True)


def describe(report: BuildReport, seconds: float) -> str:
    warnings = f"; {plural(len(report.warnings), 'warning')}" if report.warnings else ""
    return f"built {report.counts()} in {seconds:.2f}s, writing {plural(report.written, 'file')}{warnings}"


class PreviewHandler(SimpleHTTPRequestHandler):
    preview: Preview
    error_content_type = "text/plain; charset=utf-8"  # refusals are short, for a script as much as a person
    error_message_format = "%(code)d %(message)s\n"

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        """Refuse, whatever the method, a request without exactly one Host header naming this
        server: a hostile page whose name now points at 127.0.0.1 (DNS rebinding) sends its own
        name, and must not read drafts."""
        if not super().parse_request():
            return False
        port: int = self.connection.getsockname()[1]  # the server's own: where the request came in
        hosts = [host.lower() for host in self.headers.get_all("Host", [])]
        if hosts not in ([f"127.0.0.1:{port}"], [f"localhost:{port}"]):
            self.send_error(HTTPStatus.BAD_REQUEST, f"This preview answers only http://127.0.0.1:{port}/")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == VERSION_PATH:
            return self._send(HTTPStatus.OK, str(self.preview.version).encode(), "text/plain")
        with self.preview.lock:
            version, problems = self.preview.version, list(self.preview.problems)
        if problems:
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(problems, version), "text/html")
        target = self._file()
        page = target or Path(self.directory) / "404.html"
        status = HTTPStatus.OK if target else HTTPStatus.NOT_FOUND
        if page.suffix == ".html" and page.is_file():
            body = page.read_bytes().replace(b"</body>", reload_script(version) + b"</body>")
            return self._send(status, body, "text/html; charset=utf-8")
        if target is None:
            return self._send(status, b"Not found", "text/plain")
        return super().do_HEAD() if self.command == "HEAD" else super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server API
        self.do_GET()  # the same checks, status and headers; the body is left out where it is sent

    def _file(self) -> Path | None:
        """The file the request names, or None: outside the folder (by .. or a symlink), missing,
        or a path the system refuses (a NUL byte, a name or a path too long)."""
        try:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            return target if _inside(target, Path(self.directory)) and target.is_file() else None
        except (OSError, ValueError):
            return None

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet terminal
        pass


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
    """Debounces bursts of file events (editors save in several steps) into one rebuild, told
    every path that changed since the last one."""

    def __init__(self, rebuild: Callable[[frozenset[Path]], None]) -> None:
        self._rebuild = rebuild
        self._timer: threading.Timer | None = None
        self._edited: set[Path] = set()
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        paths = [Path(str(event.src_path))] + ([Path(str(event.dest_path))] if getattr(event, "dest_path", "") else [])
        paths = [path for path in paths if not (path.name.startswith(".") or path.name.endswith("~"))]
        if not paths:
            return  # an editor's temporary or backup file
        with self._lock:
            if not event.is_directory:  # a folder "changes" when a file in it does
                self._edited.update(paths)
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(DEBOUNCE_SECONDS, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            edited, self._edited = frozenset(self._edited), set()
        self._rebuild(edited)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _wait_for_writers(preview: Preview, folder: Path) -> None:
    """Let the build and the search index in progress finish (a few seconds at most), so that
    nothing writes into the preview's folder, or beside it, once it is removed."""
    preview._building.acquire(timeout=60)  # kept: no rebuild starts after this
    search.background(folder).wait(timeout=60)


def serve(options: BuildOptions, port: int) -> int:
    try:
        holder = Path(tempfile.mkdtemp(prefix="minutebook-preview-"))
    except OSError as exc:
        print(f"could not make a folder for the preview: {exc}", file=sys.stderr)
        return 1
    folder = holder / "site"  # in a folder of its own: the search index is made beside it
    preview = Preview(
        dataclasses.replace(options, base_url=f"http://127.0.0.1:{port}/", output=folder, swap=False, cache=None)
    )
    try:
        server = PreviewServer(("127.0.0.1", port), partial(PreviewHandler, preview=preview, directory=str(folder)))
    except OSError as exc:
        shutil.rmtree(holder, ignore_errors=True)
        print(
            f"cannot serve on port {port}: {exc.strerror or exc}. Is another preview running? "
            f"Stop it, or choose another port with --port.",
            file=sys.stderr,
        )
        return 1
    search.background(folder).on_failure = preview.search_failed
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl+C does: the preview's folder is removed
    observer = Observer()
    try:
        preview.rebuild()
        compile_templates(options.template_folders())  # so that the first quick look need not
        handler = RebuildOnChange(preview.rebuild)
        watched = [
            f"{name}/" for name in (options.content, options.layouts, options.assets) if options.path(name).is_dir()
        ]
        for name in watched:
            observer.schedule(handler, str(options.path(Path(name))), recursive=True)
        observer.start()
        print(
            f"Serving the site at http://127.0.0.1:{port}/ (Ctrl+C to stop), built into {folder}, which is removed "
            f"when it stops; watching {', '.join(watched)} for changes."
            + (" Drafts and embargoed content are shown: this preview is never published." if options.drafts else ""),
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl+C or SIGTERM, even during the first build
        print("\nStopped.")
    finally:
        if observer.is_alive():
            observer.stop()
        server.server_close()
        try:
            _wait_for_writers(preview, folder)
        finally:  # even when a second Ctrl+C cuts the wait short
            shutil.rmtree(holder, ignore_errors=True)
    return 0
