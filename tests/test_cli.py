import re

from tests.conftest import run_cli

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
    result = run_cli("check", "--content", str(tmp_path / "nothing"), cwd=tmp_path)
    assert result.code == 1
    assert "there is no site.yaml" in result.stderr
    assert "Traceback" not in result.stderr
