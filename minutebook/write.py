"""Write the built site to disk.

A build makes a staging folder beside the output folder hold every file and, only when the
whole build (search index included) has succeeded, swaps it into place, so a failed build
leaves the published site untouched and no stale file survives. The site it replaces is kept
beside (``.public.old``) and becomes the next build's staging folder, in which only what
differs is written or removed: its unchanged files are hard links to the published ones, so
none is ever written through. The preview instead updates its own folder in place, writing
only what changed.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import sys
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


def previous_dir(out_dir: Path) -> Path:
    """Where the site before the last one is kept, for the next build to make into its own."""
    return out_dir.parent / f".{out_dir.name}.old"


def write_staging(files: list[OutputFile], out_dir: Path, stored: FileSource) -> Path:
    """Make the staging folder hold exactly ``files`` and return it; a file reused from an
    earlier build comes from the cache's copy. The folder starts as the site before the last
    build where there is one (swap_into_place keeps it), so that only the files that differ
    from it are written or removed: on a big site, making and deleting a whole copy of it
    would take longer than the rest of a rebuild."""
    staging = staging_dir(out_dir)
    previous = previous_dir(out_dir)
    if not os.path.lexists(staging) and _is_folder(previous):
        os.replace(previous, staging)
    if not _is_folder(staging):
        _remove(staging)
        staging.mkdir(parents=True)
    _make_hold(staging, files, stored, out_dir)
    return staging


def _make_hold(folder: Path, files: list[OutputFile], stored: FileSource, out_dir: Path) -> None:
    """Make a folder that holds some earlier site hold exactly ``files``: what is not one of
    them is removed, and a file is put in place unless it is already the very file (the same
    inode) the output folder holds and the cache checked. A file is never written through, as
    it may be a link to the published one. (Paths as text: a big site has a hundred thousand.)"""
    wanted = {str(file.path) for file in files}
    folders = {parent for path in wanted for parent in _parents(path)}
    held: dict[str, int] = {}  # each file kept, by its inode
    _prune(str(folder), "", wanted, folders, held)
    published = str(out_dir) + os.sep
    # On another file system than the output folder, no inode here is a published file's.
    linked = out_dir.is_dir() and os.stat(folder).st_dev == os.stat(out_dir).st_dev
    made: set[str] = set()  # folders made so far
    for file in files:
        path = str(file.path)
        source = stored(file) if file.data is None else None
        if source is not None and linked and str(source).startswith(published) and path in held:
            if os.stat(source).st_ino == held[path]:
                continue
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if path in held:
            os.unlink(target)
        put(file, Path(target), stored, out_dir)


def _parents(path: str) -> list[str]:
    """The folders of a site's path, as text: "a/b/c.html" -> ["a", "a/b"]."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]


def _prune(folder: str, at: str, files: set[str], folders: set[str], held: dict[str, int]) -> None:
    """Remove from ``folder`` (``at`` inside the site) what is neither one of ``files`` nor a
    folder holding one; note the inode of each file kept (a link's own, never its target's)."""
    with os.scandir(folder) as entries:
        for entry in list(entries):
            path = f"{at}/{entry.name}" if at else entry.name
            if entry.is_dir(follow_symlinks=False) and path in folders:
                _prune(entry.path, path, files, folders, held)
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            elif path in files:
                held[path] = entry.inode()
            else:
                os.unlink(entry.path)


def _is_folder(path: Path) -> bool:
    """A folder itself, not a link to one (which a build would write through)."""
    return path.is_dir() and not path.is_symlink()


def _remove(path: Path) -> None:
    if _is_folder(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)


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


def swap_into_place(staging: Path, out_dir: Path) -> None:
    """Swap the staging folder into place of the output folder in one step, so that a build killed
    at any moment leaves the old site or the new one, never none. The old one is kept beside
    (previous_dir), for the next build to make into its own."""
    old = previous_dir(out_dir)
    _remove(old)
    if not out_dir.exists():
        os.replace(staging, out_dir)
    elif _exchange(staging, out_dir):
        os.replace(staging, old)  # staging holds the old site now
    else:  # no atomic exchange here: two renames, with public/ missing for a moment between them
        os.replace(out_dir, old)
        os.replace(staging, out_dir)


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


def set_aside(staging: Path, out_dir: Path) -> None:
    """After a build that failed, its staging folder, whatever it holds, as the next one's start."""
    if _is_folder(staging) and not os.path.lexists(previous_dir(out_dir)):
        os.replace(staging, previous_dir(out_dir))
    else:
        _remove(staging)


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
