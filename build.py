"""minutebook's entry point: python build.py build | check | serve | new ...

Any Python 3.11 may run it: when this one lacks the libraries pyproject.toml names but the
checkout's .venv (made by `make`) has them, the command runs again with .venv's Python, so that
`python build.py check` works after `make serve`, as the README says.
"""

import os
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def missing_libraries() -> list[str]:
    """The distributions pyproject.toml depends on that this Python has not installed."""
    project = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0] for requirement in project["dependencies"]]
    missing = []
    for name in names:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
    return missing


def venv_python() -> Path | None:
    for candidate in (HERE / ".venv" / "bin" / "python", HERE / ".venv" / "Scripts" / "python.exe"):
        if candidate.exists() and Path(sys.prefix).resolve() != candidate.parent.parent.resolve():
            return candidate
    return None


if __name__ == "__main__":
    missing = missing_libraries()
    if missing:
        venv = venv_python()
        if venv is not None:
            os.execv(venv, [str(venv), str(HERE / "build.py"), *sys.argv[1:]])
        print(
            f"minutebook needs libraries that this Python ({sys.executable}) does not have: {', '.join(missing)}.\n"
            "Run `make build` once, which installs them into .venv/, then run this command again "
            "(or run it as .venv/bin/python build.py ...).",
            file=sys.stderr,
        )
        sys.exit(1)
    from minutebook.cli import main

    sys.exit(main())
