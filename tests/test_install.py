"""A second council adopts minutebook as its users would: a wheel built from this repository,
installed in a fresh virtual environment outside the checkout; `minutebook new site`; the
starter's own CI steps run as GitHub would run them; a template and an asset overridden."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from minutebook.errors import Problems
from minutebook.source import parse_yaml
from tests.conftest import ROOT
from tests.test_workflows import schema_problems


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a shell with minutebook installed from its wheel, and nothing else of
    this checkout: pip finds the wheel in a folder of its own, the rest on the package index."""
    home = tmp_path_factory.mktemp("install")
    wheels = home / "wheels"
    source = home / "source"  # a copy, so that no build/ folder left in the checkout reaches the wheel
    ignore = shutil.ignore_patterns(".git", ".venv", ".cache", "build", "public", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, source, symlinks=True, ignore=ignore)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source, cwd=home)
    venv.create(home / "venv", with_pip=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}
    env["PATH"] = f"{home / 'venv' / 'bin'}{os.pathsep}{env['PATH']}"
    env["PIP_FIND_LINKS"] = str(wheels)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    run("python", "-m", "pip", "install", "--quiet", "minutebook", cwd=home, env=env)  # as the README says
    return env


@pytest.fixture(scope="module")
def starter(installed: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A council's new repository."""
    folder = tmp_path_factory.mktemp("council") / "borsetshire"
    run(
        "minutebook", "new", "site", folder, "--council", "Borsetshire District Council",
        "--base-url", "https://meetings.borsetshire.example/", cwd=folder.parent, env=installed,
    )  # fmt: skip
    return folder


def workflow_steps(starter: Path) -> list[str]:
    workflow = parse_yaml((starter / ".github/workflows/publish.yml").read_text(), Path("publish.yml"), Problems())
    return [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]


def test_install_the_wheel_holds_the_theme_and_runs_outside_the_checkout(installed: dict[str, str], tmp_path: Path):
    result = run("python", "-c", "import minutebook.theme as t; print(t.BUILT_IN)", cwd=tmp_path, env=installed)
    theme = Path(result.stdout.strip())
    assert not theme.is_relative_to(ROOT)  # the installed copy, not this checkout's
    assert (theme / "layouts" / "home.html").is_file() and (theme / "assets" / "site.css").is_file()


def test_install_the_starter_checks_and_builds_with_no_warnings_by_its_own_ci_steps(
    starter: Path, installed: dict[str, str]
):
    assert sorted(p.relative_to(starter).as_posix() for p in starter.rglob("*") if p.is_file()) == [
        ".github/workflows/publish.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "README.md",
        "content/committees/full-council.yaml",
        *[p.relative_to(starter).as_posix() for p in (starter / "content/meetings").iterdir()],
        "content/pages/accessibility.md",
        "content/people/cllr-example.yaml",
        "content/site.yaml",
        "docs/authoring.md",
        "requirements.txt",
    ]
    steps = workflow_steps(starter)
    assert steps[0] == "python -m pip install -r requirements.txt"
    outputs = [run("bash", "-c", step, cwd=starter, env=installed) for step in steps]
    for output in outputs:
        assert "warning" not in output.stderr.lower(), output.stderr
    assert "0 warnings" in outputs[1].stdout and "0 warnings" in outputs[2].stdout
    home = (starter / "public" / "index.html").read_text()
    assert "Borsetshire District Council" in home and (starter / "public" / "pagefind").is_dir()


def test_install_the_starter_ci_files_validate_against_the_published_schemas(starter: Path):
    assert schema_problems(starter / ".github/workflows/publish.yml", "vendor.github-workflows") == ""
    assert schema_problems(starter / ".gitlab-ci.yml", "vendor.gitlab-ci") == ""


def test_install_the_starter_ci_checks_the_content_and_never_minutebooks_tests(starter: Path):
    workflow = parse_yaml((starter / ".github/workflows/publish.yml").read_text(), Path("publish.yml"), Problems())
    assert {"pull_request", "push", "schedule"} <= set(workflow["on"])  # every pull request, merge and day
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in workflow["jobs"]["publish"]["steps"])
    pipeline = parse_yaml((starter / ".gitlab-ci.yml").read_text(), Path(".gitlab-ci.yml"), Problems())
    assert pipeline["check"]["script"] == workflow_steps(starter)  # GitLab runs the same steps
    assert pipeline["pages"]["artifacts"]["paths"] == ["public/"]
    every_step = " ".join(workflow_steps(starter) + pipeline["pages"]["script"])
    assert (
        "pytest" not in every_step
        and "build.py" not in every_step
        and "minutebook==" in (starter / "requirements.txt").read_text()
    )


def test_install_a_council_adds_a_committee_and_a_meeting_and_it_still_checks(
    starter: Path, installed: dict[str, str], tmp_path: Path
):
    council = tmp_path / "council"
    shutil.copytree(starter, council)
    run(
        "minutebook",
        "new",
        "committee",
        "planning",
        "Planning Committee",
        "--kind",
        "planning",
        cwd=council,
        env=installed,
    )
    run("minutebook", "new", "meeting", "planning", "2031-01-16", cwd=council, env=installed)
    result = run("minutebook", "check", cwd=council, env=installed)
    assert "0 warnings" in result.stdout
    result = run("minutebook", "build", "--no-search", cwd=council, env=installed)
    assert (council / "public" / "meetings" / "planning-2031-01-16" / "index.html").is_file()


def test_install_a_site_overrides_one_template_and_one_asset_and_keeps_the_rest(
    starter: Path, installed: dict[str, str], tmp_path: Path
):
    council = tmp_path / "council"
    shutil.copytree(starter, council)
    theme = Path(
        run(
            "python", "-c", "import minutebook.theme as t; print(t.BUILT_IN)", cwd=tmp_path, env=installed
        ).stdout.strip()
    )
    page = (theme / "layouts" / "page.html").read_text()
    (council / "layouts").mkdir()
    (council / "layouts" / "page.html").write_text(
        page.replace("{% block content %}", "{% block content %}<p>Our own page</p>", 1)
    )
    (council / "assets").mkdir()
    (council / "assets" / "site.css").write_text("body { color: #0b0c0c; }\n")
    run("minutebook", "build", "--no-search", cwd=council, env=installed)
    public = council / "public"
    assert "<p>Our own page</p>" in (public / "accessibility" / "index.html").read_text()
    assert "<p>Our own page</p>" not in (public / "index.html").read_text()  # home.html is still the theme's
    css = [path.read_text() for path in (public / "assets").glob("site.*.css")]
    assert css == ["body { color: #0b0c0c; }\n"]
    assert list((public / "assets").glob("search.*.js"))  # the theme's other assets are still there
