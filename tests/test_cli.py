import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT, run_cli
from tests.unit.test_serve import free_port

COMMANDS = [
    "build",
    "check",
    "serve",
    "new",
    "new site",
    "new committee",
    "new meeting",
    "new person",
    "new review",
    "new recommendation",
    "new report",
    "new decision",
    "new ward",
    "new planning",
    "new notice",
]


def test_cli_every_command_has_help():
    for command in COMMANDS:
        result = run_cli(*command.split(), "--help")
        assert result.code == 0, command
        assert "usage: minutebook" in result.stdout


def test_cli_check_passes_the_minimal_site(site):
    result = site.run("check")
    assert result.code == 0
    assert result.stdout.startswith("No problems found in content/")


def test_cli_new_meeting_writes_a_valid_file_and_refuses_to_overwrite(site):
    result = site.run("new", "meeting", "scrutiny", "2015-05-22", "--time", "18:30")
    assert result.code == 0, result.stderr
    path = site.content / "meetings/scrutiny-2015-05-22.yaml"
    assert 'start_time: "18:30"' in path.read_text()
    assert site.run("check").code == 0
    again = site.run("new", "meeting", "scrutiny", "2015-05-22")
    assert again.code == 1 and "already exists" in again.stderr


def test_cli_new_files_of_every_kind_pass_check(site):
    for args in (
        ["person", "cllr-grey", "Grey"],
        ["committee", "licensing", "Licensing: Sub-Committee", "--kind", "licensing"],
        ["review", "bus-services", "scrutiny", "Bus services"],
        ["recommendation", "play-areas", "4"],
        ["report", "bus-report", "scrutiny-2015-03-13", "1", "Bus services: scoping"],
    ):
        result = site.run("new", *args)
        assert result.code == 0, (args, result.stderr)
    check = site.run("check")
    assert check.code == 0, check.stderr


def test_cli_new_site_starts_a_council_that_checks_with_no_warnings(tmp_path):
    result = run_cli("new", "site", "council", "--council", 'Llan-y-Môr Community Council: "Cyngor"', cwd=tmp_path)
    assert result.code == 0, result.stderr
    check = run_cli("check", cwd=tmp_path / "council")
    assert check.code == 0 and "0 warnings" in check.stdout, check.stderr
    assert (tmp_path / "council/.github/workflows/publish.yml").is_file() and (
        tmp_path / "council/.gitignore"
    ).is_file()
    for path in (tmp_path / "council").rglob("*"):  # every placeholder of the starter filled in
        assert not re.search(r"@[A-Z_]+@", path.as_posix() + (path.read_text() if path.is_file() else "")), path


def test_cli_new_site_refuses_a_folder_with_files_and_a_bad_address(tmp_path):
    (tmp_path / "council").mkdir()
    (tmp_path / "council" / "notes.txt").write_text("keep me")
    result = run_cli("new", "site", "council", cwd=tmp_path)
    assert result.code == 1 and "is not an empty folder" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "council").iterdir()) == ["notes.txt"]
    result = run_cli("new", "site", "other", "--base-url", "ftp://example.org", cwd=tmp_path)
    assert result.code == 1 and "not the web address of a site" in result.stderr
    assert not (tmp_path / "other").exists()


def test_cli_new_refuses_an_unknown_committee(site):
    result = site.run("new", "meeting", "nope", "2015-05-22")
    assert result.code == 1
    assert 'there is no committee "nope"' in result.stderr


def test_cli_reports_a_missing_content_folder_without_a_traceback(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 1
    assert "there is no content folder content/" in result.stderr and "--content" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("check", "--content", "nothing", cwd=tmp_path)
    assert result.code == 2
    assert "nothing does not exist" in result.stderr
    (tmp_path / "content").mkdir()
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 1
    assert "content/site.yaml:1: there is no site.yaml" in result.stderr


def test_cli_refuses_a_templates_folder_that_is_not_there_plainly(site):
    result = site.run("build", "--layouts", "my-layouts", "--no-search")
    assert result.code == 2
    assert "my-layouts does not exist" in result.stderr and "spelling" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_build_check_and_serve_count_the_same_pages(site):
    built = re.search(r"^Built (\d+) pages", site.run("build", "--no-search", "--as-of", "2015-06-01").stdout, re.M)
    checked = re.search(r"(\d+) pages checked", site.run("check", "--as-of", "2015-06-01").stdout)
    served = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(free_port()), "--as-of", "2015-06-01"],
        cwd=site.root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = served.stdout.readline() if served.stdout else ""
    finally:
        served.terminate()
        served.communicate(timeout=20)
    assert built and checked, "build and check each say how many pages"
    assert f"built {built.group(1)} pages (" in first
    assert built.group(1) == checked.group(1)


def test_cli_runs_with_a_python_outside_the_venv_as_the_readme_says(site):
    """`python build.py check` after `make serve`: a Python without minutebook's libraries hands
    the command to the checkout's .venv."""
    outside = getattr(sys, "_base_executable", sys.executable)
    proc = subprocess.run(
        [outside, "-S", str(ROOT / "build.py"), "check", "--no-cache"], cwd=site.root, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("No problems found in content/")


def test_cli_without_its_libraries_says_how_to_install_them(tmp_path):
    for name in ("build.py", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "minutebook").symlink_to(ROOT / "minutebook")
    proc = subprocess.run([sys.executable, "-S", "build.py", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "needs libraries that this Python" in proc.stderr and "jinja2" in proc.stderr
    assert "make build" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_refuses_an_impossible_port_plainly(site):
    result = site.run("serve", "--port", "99999")
    assert result.code == 2
    assert "a port number from 1 to 65535" in result.stderr
    assert "bug in minutebook" not in result.stderr
