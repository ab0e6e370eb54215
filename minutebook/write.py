"""Write the rendered site to disk, all or nothing.

Everything is written to a staging folder beside the output folder; only when the whole
build (search index included) has succeeded is it swapped into place, so a failed build
leaves the previously published site untouched and no stale file ever survives.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .render import Rendered


def fingerprint_assets(assets_dir: Path) -> tuple[dict[str, str], list[Rendered]]:
    """Name each asset after its content hash so browsers may cache it for ever."""
    names: dict[str, str] = {}
    files: list[Rendered] = []
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(assets_dir).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:10]
        stem, dot, suffix = relative.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"
        names[relative] = hashed
        files.append(Rendered(PurePosixPath("assets") / hashed, data))
    return names, files


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.building"


def write_staging(files: list[Rendered], out_dir: Path) -> Path:
    """Write every file into a fresh staging folder and return it."""
    staging = staging_dir(out_dir)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for item in sorted(files, key=lambda r: r.path):
        make_parents(staging.joinpath(*item.path.parts)).write_bytes(item.data)
    return staging


def make_parents(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def publish(
    staging: Path,
    out_dir: Path,
    meanwhile: Callable[[], None] | None = None,
    retire: Callable[[Path], bool] | None = None,
) -> None:
    """Swap the staging folder into place of the output folder. ``retire`` may take the previous
    output away (the build cache deletes it during the next build); else it is deleted in the
    background while ``meanwhile`` runs: deleting a big site's files takes a while."""
    old = out_dir.parent / f".{out_dir.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists() and not (retire and retire(out_dir)):
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    remover = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    remover.start()
    try:
        if meanwhile:
            meanwhile()
    finally:
        remover.join()


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)
