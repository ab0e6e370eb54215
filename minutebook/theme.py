"""Where templates and assets come from: a site's own layouts/ and assets/ first, then the theme
built into minutebook (as MkDocs' custom_dir or Hugo's lookup order), so that a council's
repository holds only its content and overrides a single template or file by writing one of the
same name."""

from __future__ import annotations

from pathlib import Path

# In a checkout these link to the top-level layouts/ and assets/; a wheel holds copies.
BUILT_IN = Path(__file__).resolve().parent / "theme"


def template_folders(site_layouts: Path) -> list[Path]:
    """The folders Jinja looks in, in order: the site's (when it has one), then the built-in theme."""
    return _folders(site_layouts, BUILT_IN / "layouts")


def asset_folders(site_assets: Path) -> list[Path]:
    return _folders(site_assets, BUILT_IN / "assets")


def asset_files(folders: list[Path]) -> dict[str, Path]:
    """Each asset's name (its path inside assets/), from the first folder that has it."""
    files: dict[str, Path] = {}
    for folder in reversed(folders):  # later folders first, so that earlier ones replace them
        for path in folder.rglob("*"):
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = path
    return dict(sorted(files.items()))


def _folders(own: Path, built_in: Path) -> list[Path]:
    folders = [own] if own.is_dir() else []
    if not any(folder.resolve() == built_in.resolve() for folder in folders):  # the example site's are the theme
        folders.append(built_in)
    return folders
