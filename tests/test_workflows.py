"""The CI files are valid (against the schemas GitHub and GitLab publish, vendored by
check-jsonschema, so no network is needed) and do what the README says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from minutebook.errors import Problems
from minutebook.source import parse_yaml
from tests.conftest import ROOT

WORKFLOWS = [(".github/workflows/site.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")]


def schema_problems(path: Path, schema: str) -> str:
    """What check-jsonschema finds wrong with a CI file against a service's schema ("" if nothing)."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


@pytest.mark.parametrize("path, schema", WORKFLOWS, ids=[w[0] for w in WORKFLOWS])
def test_workflows_are_valid_against_the_published_schema(path, schema):
    assert schema_problems(ROOT / path, schema) == ""


def load(path: str):  # type: ignore[no-untyped-def]
    return parse_yaml((ROOT / path).read_text(), Path(path), Problems(root=ROOT))


def test_workflows_github_checks_pull_requests_and_publishes_main():
    workflow = load(".github/workflows/site.yml")
    assert {"pull_request", "push", "schedule"} <= set(workflow["on"])
    check_steps = " ".join(step.get("run", "") for step in workflow["jobs"]["check"]["steps"])
    assert "build.py check" in check_steps and "build.py build" in check_steps and ".ci/run" in check_steps
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact") for step in workflow["jobs"]["check"]["steps"]
    )
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "check" and "pull_request" in publish["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in publish["steps"])


def test_workflows_gitlab_publishes_the_public_folder():
    pipeline = load(".gitlab-ci.yml")
    assert "build.py check" in " ".join(pipeline["check"]["script"])
    assert pipeline["pages"]["artifacts"]["paths"] == ["public/"]


def test_workflows_keep_the_build_cache_between_runs():
    workflow = load(".github/workflows/site.yml")
    for job in ("check", "publish"):
        kept = [
            step["with"]["path"]
            for step in workflow["jobs"][job]["steps"]
            if step.get("uses", "").startswith("actions/cache")
        ]
        assert kept == [".cache/minutebook"]
    pipeline = load(".gitlab-ci.yml")
    assert [".cache/minutebook"] in [entry["paths"] for entry in pipeline["default"]["cache"]]
