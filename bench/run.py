"""`make bench`: minutebook against Hugo + Pagefind on the same synthetic councils, in one run.

Prints, for each size, every figure the performance targets name, and beside each target
whether each size meets it. Sizes: small, medium, large (40 committees x 20 years x 10
meetings, 400 reviews x 12 recommendations) and county (twice the large: 80 committees, 800
reviews), to show how cost grows; `--sizes small,medium` runs fewer. Every stage is timed for
the cold build, the rebuild after one meeting edit and the rebuild with nothing changed.
"""

from __future__ import annotations

import argparse
import http.server
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pagefind_bin import get_executable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
import hugo_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# committees, years, reviews
SIZES = {"small": (2, 2, 5), "medium": (10, 5, 50), "large": (40, 20, 400), "county": (80, 20, 800)}
AS_OF = "2026-01-01T12:00"


def run(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the command (and what it waits for), and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout}\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024, proc.stdout + proc.stderr


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def pagefind(site: Path) -> tuple[float, int]:
    seconds, peak, _ = run(
        [str(get_executable()), "--site", str(site), "--output-subdir", "pagefind", "--silent"], site
    )
    return seconds, peak


def _stages(output: str) -> dict[str, float]:
    """The stage timings a build prints at the end of its summary line: [load 1.2s, ...]."""
    return {name: float(value) for name, value in re.findall(r"(\w+) ([0-9.]+)s", output.split("[")[-1])}


def edited_meeting(site: Path) -> Path:
    """The first committee's latest meeting, which an officer is the likeliest to edit (its page
    is in the search index's main part, the biggest: the recent years and every undated page)."""
    first = sorted((site / "content/meetings").glob("*.yaml"))[0].name.rsplit("-", 3)[0]
    return sorted((site / "content/meetings").glob(f"{first}-*.yaml"))[-1]


def edit_meeting(site: Path, old: str, new: str) -> Path:
    """Change the venue of that meeting, as an officer would."""
    meeting = edited_meeting(site)
    meeting.write_text(meeting.read_text().replace(f"venue: {old}", f"venue: {new}"))
    return meeting


def edit_to_disk_ms(site: Path) -> float:
    """Save an edit to one meeting in `serve` and time until its page on disk has changed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--as-of", AS_OF],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        folder = None
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("Serving"):
                folder = Path(re.search(r"built into (.+?), which is removed", line).group(1))  # type: ignore[union-attr]
                break
        assert folder is not None, "serve did not start"
        time.sleep(0.5)
        page = folder / "meetings" / edited_meeting(site).stem / "index.html"
        start = time.perf_counter()
        edit_meeting(site, "Council Chamber", "Civic Centre")
        while "Civic Centre" not in page.read_text(errors="ignore"):
            if time.perf_counter() - start > 120:
                return float("nan")
            time.sleep(0.005)
        return (time.perf_counter() - start) * 1000
    finally:
        proc.terminate()  # a large site's rebuild after the edit may still be running: give it time
        try:
            proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def first_query_bytes(site: Path, word: str) -> int | None:
    """Bytes a browser downloads from /pagefind/ for one query and its first 20 results, through
    Pagefind's own JavaScript API, as the search page does (and as any site using Pagefind would)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    if not chromium:
        return None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            sizes: list[int] = []
            page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/404.html")
            page.evaluate(
                """async (word) => {
                const pagefind = await import("/pagefind/pagefind.js");
                const search = await pagefind.search(word);
                await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
            }""",
                word,
            )
            page.wait_for_timeout(500)
            browser.close()
            return sum(sizes)
    finally:
        server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def meeting_page_bytes(site: Path) -> int:
    """A meeting page's HTML without its minutes text, plus the stylesheet."""
    page = sorted((site / "public/meetings").glob("*/index.html"))[0].read_text()
    minutes = re.search(
        r'<section id="minutes".*?</section>\n</section>|<section id="minutes".*?(?=<nav class="pager")', page, re.S
    )
    html = len(page.encode()) - (len(minutes.group(0).encode()) if minutes else 0)
    css = sum(p.stat().st_size for p in (site / "public/assets").glob("site.*.css"))
    return html + css


def pages_with_javascript(site: Path) -> list[str]:
    found = []
    for path in (site / "public").rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        scripts = re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", path.read_text(errors="ignore"))
        if scripts:
            found.append(path.relative_to(site / "public").as_posix())
    return found


def bench(size: str, work: Path) -> dict[str, float]:
    committees, years, reviews = SIZES[size]
    site = work / size
    counts = corpus.generate(site / "content", committees, years, reviews)
    for folder in ("layouts", "assets"):
        shutil.copytree(ROOT / folder, site / folder)
    seconds, peak, output = run([sys.executable, str(ROOT / "build.py"), "build", "--as-of", AS_OF], site)
    stages = _stages(output)  # the cache starts empty: a cold build, search index included
    pages = int(re.search(r"Built (\d+) pages", output).group(1))  # type: ignore[union-attr]
    again, _, again_output = run([sys.executable, str(ROOT / "build.py"), "build", "--as-of", AS_OF], site)
    edit_meeting(site, "Town Hall", "Council Chamber")
    after_edit, _, edit_output = run([sys.executable, str(ROOT / "build.py"), "build", "--as-of", AS_OF], site)
    edit_stages = _stages(edit_output)
    figures = {
        "meetings": counts["meetings"],
        "recommendations": counts["recommendations"],
        "pages": pages,
        "cold build (s)": seconds,
        **{f"  stage {k} (s)": v for k, v in stages.items()},
        "pages per second": pages / seconds,
        "ms per page": 1000 * seconds / pages,
        "peak memory, minutebook (MB)": peak,  # its largest process, Pagefind's included
        "output size (MB)": folder_size(site / "public") / 1e6,
        "no-change rebuild (s)": again,
        **{f"  no-change stage {k} (s)": v for k, v in _stages(again_output).items()},
        "rebuild after one meeting edit (s)": after_edit,
        **{f"  edit stage {k} (s)": v for k, v in edit_stages.items()},
        "pagefind index (MB)": folder_size(site / "public/pagefind") / 1e6,
        "first query download (KB)": (first_query_bytes(site / "public", "recommendation") or 0) / 1024,
        "first query download, a name: Person 0007 (KB)": (first_query_bytes(site / "public", "0007") or 0) / 1024,
        "meeting page HTML+CSS without minutes (KB)": meeting_page_bytes(site) / 1024,
        "pages with JavaScript besides search": len(
            [p for p in pages_with_javascript(site) if not p.startswith("search/")]
        ),
        "serve: edit to HTML on disk (ms)": edit_to_disk_ms(site),
    }
    hugo = work / f"{size}-hugo"
    hugo_pages = hugo_site.convert(site / "content", hugo)
    hugo_seconds, _, _ = run(
        [sys.executable, "-m", "hugo", "--quiet", "-s", str(hugo), "-d", str(hugo / "public")], hugo
    )
    hugo_search, _ = pagefind(hugo / "public")
    figures.update(
        {
            "hugo pages": hugo_pages,
            "hugo build (s)": hugo_seconds,
            "hugo + pagefind (s)": hugo_seconds + hugo_search,
            "hugo first query download (KB)": (first_query_bytes(hugo / "public", "recommendation") or 0) / 1024,
            "ratio minutebook / (hugo + pagefind)": seconds / (hugo_seconds + hugo_search),
        }
    )
    return figures


# figure: (the target, whether a value meets it, the sizes it applies to; None: every size)
TARGETS: dict[str, tuple[str, Callable[[float], bool], tuple[str, ...] | None]] = {
    "ratio minutebook / (hugo + pagefind)": ("<= 1.0 at large", lambda v: v <= 1.0, ("large",)),
    "peak memory, minutebook (MB)": ("< 2048 at county", lambda v: v < 2048, ("county",)),
    "first query download (KB)": ("< 300 at large and county", lambda v: 0 < v < 300, ("large", "county")),
    "meeting page HTML+CSS without minutes (KB)": ("< 60", lambda v: v < 60, None),
    "pages with JavaScript besides search": ("0", lambda v: v == 0, None),
    "serve: edit to HTML on disk (ms)": ("< 300 at every size", lambda v: v < 300, None),
    "rebuild after one meeting edit (s)": ("< 5 at large, cache warm", lambda v: v < 5, ("large",)),
}


def verdict(name: str, results: dict[str, dict[str, float]]) -> str:
    """The target beside a figure, and for each size it applies to, met or NOT MET."""
    target, ok, sizes = TARGETS[name]
    judged = [size for size in results if sizes is None or size in sizes]
    if not judged:
        return f"   {target}"
    return f"   {target}: " + ", ".join(f"{size} {'met' if ok(results[size][name]) else 'NOT MET'}" for size in judged)


def cell(value: float | int) -> str:
    return f"{value:>12.2f}" if isinstance(value, float) else f"{value:>12}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large,county")
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="minutebook-bench-"))
    results: dict[str, dict[str, float]] = {}
    for size in args.sizes.split(","):
        results[size] = bench(size, work)
        print_table(results)  # each size as it is done: the big ones take a long while
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def print_table(results: dict[str, dict[str, float]]) -> None:
    names = list(dict.fromkeys(name for figures in results.values() for name in figures))  # stages vary
    print(f"{'figure':48}" + "".join(f"{size:>12}" for size in results) + "   target")
    for name in names:
        row = f"{name:48}" + "".join(
            cell(results[size][name]) if name in results[size] else f"{'-':>12}" for size in results
        )
        print(row + (verdict(name, results) if name in TARGETS else ""))
    sizes = list(results)
    if len(sizes) > 1:
        ratio = results[sizes[-1]]["ms per page"] / results[sizes[0]]["ms per page"]
        print(
            f"{f'scaling: ms per page, {sizes[-1]} / {sizes[0]}':48}{ratio:>12.2f}"
            f"   <= 1.2 at county against small: {'met' if ratio <= 1.2 else 'NOT MET'}"
        )
    print(flush=True)


if __name__ == "__main__":
    main()
