"""Write the built site to disk.

A build writes every file into a staging folder beside the output folder and, only when the
whole build (search index included) has succeeded, swaps it into place, so a failed build
leaves the published site untouched and no stale file survives. The preview instead updates
its own folder in place, writing only what changed.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .errors import Refused
from .page import OutputFile, digest_of

FileSource = Callable[[OutputFile], Path | None]  # where the cache keeps a file it reuses


# Every folder a build publishes holds this file: the mark that a build may replace that folder.
_MARKER_TEXT = b"This folder is made by minutebook's build and replaced whole by the next: keep nothing else here.\n"
MARKER = OutputFile(PurePosixPath(".minutebook"), digest_of(_MARKER_TEXT), _MARKER_TEXT)


def refuse_unsafe_output(output: Path, working: Path, keep: dict[str, Path]) -> None:
    """Refuse to build into a folder whose replacement would delete the council's files: an
    existing file, the working folder or one holding it, any of ``keep`` (the content, layouts,
    assets and cache folders, by name) or a folder inside or around one of them, or a folder
    holding files that no build made."""
    chosen, target = f"--output {output}", output.resolve()
    fix = "Choose a folder of its own for the built site, such as --output public."
    if target.exists() and not target.is_dir():
        raise Refused(f"cannot build into {chosen}: it is a file, not a folder. {fix}")
    whole = "and a build replaces its output folder whole"
    if target == working.resolve() or working.resolve().is_relative_to(target):
        raise Refused(f"cannot build into {chosen}: it is (or holds) the folder you are working in, {whole}. {fix}")
    for name, folder in keep.items():
        kept = folder.resolve()
        if target == kept or target.is_relative_to(kept) or kept.is_relative_to(target):
            raise Refused(
                f"cannot build into {chosen}: it is, holds or is inside the {name} folder ({folder}), {whole}. {fix}"
            )
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER.path).is_file():
        raise Refused(
            f"cannot build into {chosen}: it holds files that minutebook did not build (it has no {MARKER.path} file), "
            f"{whole}. Move those files elsewhere (or delete the folder, if it is an "
            "old build), or choose an empty or new folder."
        )


def fingerprint_assets(assets: dict[str, Path]) -> tuple[dict[str, str], list[OutputFile]]:
    """Name each asset (by its path inside assets/) after its content hash so browsers may cache it for ever."""
    names: dict[str, str] = {}
    files: list[OutputFile] = []
    for relative, path in sorted(assets.items()):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:10]
        stem, dot, suffix = relative.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{relative}.{digest}"
        names[relative] = hashed
        files.append(OutputFile(PurePosixPath("assets") / hashed, digest_of(data), data))
    return names, files


def staging_dir(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.building"


def write_staging(files: list[OutputFile], out_dir: Path, stored: FileSource) -> Path:
    """Write every file into a fresh staging folder and return it; a file reused from an
    earlier build comes from the cache's copy."""
    staging = staging_dir(out_dir)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    made: set[Path] = {staging}  # folders made so far: one mkdir per folder, not per file
    for file in sorted(files, key=lambda f: f.path):
        target = staging.joinpath(*file.path.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        put(file, target, stored, out_dir)
    return staging


def put(file: OutputFile, target: Path, stored: FileSource, out_dir: Path) -> None:
    if file.data is not None:
        target.write_bytes(file.data)
        return
    source = stored(file)
    if source is None:
        raise RuntimeError(f"the build cache lost {file.path} while the build was using it")
    if source.is_relative_to(out_dir):
        try:  # the published file as the last build wrote it: linked, since the old site goes once this one is in
            os.link(source, target)
            return
        except OSError:
            pass  # a file system without hard links
    shutil.copyfile(source, target)  # never a link to the cache's copy: a file edited in public/ must not change it


def update_in_place(files: list[OutputFile], folder: Path, holds: dict[PurePosixPath, str]) -> int:
    """Make ``folder``, which holds ``holds`` (path -> digest), hold exactly ``files``: write the
    files whose bytes changed, each swapped into place, and remove the ones that are gone; the
    folder's ``pagefind/`` is left alone. Returns how many files were written or removed."""
    changes = write_changed(files, folder, holds)
    wanted = {file.path for file in files}
    for path in holds.keys() - wanted:
        target = folder.joinpath(*path.parts)
        if target.exists():
            target.unlink()
            changes += 1
        _remove_empty_parents(target.parent, folder)
    return changes


def write_changed(files: list[OutputFile], folder: Path, holds: dict[PurePosixPath, str]) -> int:
    """Write into ``folder`` (holding ``holds``) the files whose bytes changed, each swapped into
    place; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    changes = 0
    for file in files:
        if holds.get(file.path) != file.digest:
            assert file.data is not None, f"{file.path} was reused but the preview's folder does not hold it"
            replace_file(folder.joinpath(*file.path.parts), file.data)
            changes += 1
    return changes


def folder_digests(folder: Path) -> dict[PurePosixPath, str]:
    """Every file in a folder, by its digest (what is really there, not what a build believes)."""
    return {
        PurePosixPath(path.relative_to(folder).as_posix()): digest_of(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_parents(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def swap_into_place(staging: Path, out_dir: Path, meanwhile: Callable[[], None] | None = None) -> None:
    """Swap the staging folder into place of the output folder in one step, so that a build killed
    at any moment leaves the old site or the new one, never none; the old one is deleted in the
    background while ``meanwhile`` runs (deleting a big site's files takes a while)."""
    old = out_dir.parent / f".{out_dir.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if not out_dir.exists():
        os.replace(staging, out_dir)
    elif _exchange(staging, out_dir):
        os.replace(staging, old)  # staging holds the old site now
    else:  # no atomic exchange here: two renames, with public/ missing for a moment between them
        os.replace(out_dir, old)
        os.replace(staging, out_dir)
    remover = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    remover.start()
    try:
        if meanwhile:
            meanwhile()
    finally:
        remover.join()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one system call (Linux's renameat2 with RENAME_EXCHANGE; one
    call through ctypes, not worth a dependency). False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform == "linux" else None
    if renameat2 is None:
        return False
    at_cwd, rename_exchange = -100, 2  # from <fcntl.h> and <linux/fs.h>
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(second))


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)


def replace_file(target: Path, data: bytes) -> None:
    """Write a file as a new file swapped into place, never half-written for a reader."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.writing")
    partial.write_bytes(data)
    os.replace(partial, target)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
