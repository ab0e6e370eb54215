"""The documentation keeps up with the code: every field an author can write is in
docs/authoring.md, and the README's commands exist."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest

from minutebook import model
from minutebook.errors import Problems
from minutebook.schema import author_fields
from minutebook.source import parse_yaml
from tests.conftest import ROOT

AUTHORED = [
    model.SiteConfig,
    model.Contact,
    model.Link,
    model.Committee,
    model.Membership,
    model.WorkProgrammeMeeting,
    model.WorkProgrammeItem,
    model.Person,
    model.Term,
    model.Post,
    model.RegisteredInterest,
    model.Gift,
    model.Ward,
    model.Meeting,
    model.AgendaSection,
    model.AgendaItem,
    model.Document,
    model.Attendance,
    model.ChairChange,
    model.Declaration,
    model.PublicQuestion,
    model.MemberQuestion,
    model.Petition,
    model.Supplement,
    model.MinuteItem,
    model.Resolution,
    model.NextMeeting,
    model.Report,
    model.Review,
    model.EvidenceSession,
    model.Theme,
    model.ExecutiveResponse,
    model.Recommendation,
    model.RecommendationResponse,
    model.MonitoringUpdate,
    model.StaticPage,
    model.NoticeRules,
    model.PromisedReport,
    model.ActionByChange,
    model.Matter,
    model.MatterEvent,
    model.Glossary,
    model.GlossaryTerm,
    model.DataLicence,
    model.Wording,
    model.DecisionRules,
    model.Vote,
    model.RecordedVote,
    model.Motion,
    model.Amendment,
    model.Decision,
    model.Interest,
    model.Alternative,
    model.UrgencyRecord,
    model.CallIn,
    model.Reconsideration,
    model.Notice,
    model.PrivateReason,
    model.PlanningApplication,
    model.Speaker,
]


@pytest.mark.parametrize("cls", AUTHORED, ids=[c.__name__ for c in AUTHORED])
def test_docs_every_field_is_in_the_authoring_guide(cls):
    guide = (ROOT / "docs" / "authoring.md").read_text()
    missing = [name for name in author_fields(cls) if not re.search(rf"^\s*(- )?{name}:", guide, re.M)]
    assert missing == [], f"{cls.__name__} fields missing from docs/authoring.md"


@pytest.mark.parametrize("cls", AUTHORED, ids=[c.__name__ for c in AUTHORED])
def test_docs_every_field_has_a_docstring(cls):
    assert all(f.metadata.get("doc") for f in dataclasses.fields(cls))


def test_docs_readme_commands_are_make_targets_and_ci_runs_the_tests():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "test", "build"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_docs_every_record_an_author_writes_is_checked_above():
    written = {
        cls
        for cls in vars(model).values()
        if isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and "src" in {f.name for f in dataclasses.fields(cls)}
    }
    assert sorted(c.__name__ for c in written - set(AUTHORED)) == []


GUIDE = ROOT / "docs" / "authoring.md"


def yaml_examples(path: Path) -> list[tuple[int, str]]:
    """Each ```yaml block in a Markdown file: the line of its opening fence, and its text."""
    blocks: list[tuple[int, str]] = []
    start: int | None = None
    body: list[str] = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if start is None and line.strip() == "```yaml":
            start, body = number, []
        elif start is not None and line.strip() == "```":
            blocks.append((start, "\n".join(body) + "\n"))
            start = None
        elif start is not None:
            body.append(line)
    return blocks


EXAMPLES = yaml_examples(GUIDE)


def test_docs_the_guide_has_yaml_examples_to_check():
    assert len(EXAMPLES) >= 20, "found too few ```yaml blocks in docs/authoring.md: has the fence style changed?"


@pytest.mark.parametrize(("fence", "text"), EXAMPLES, ids=[f"line-{fence}" for fence, _ in EXAMPLES])
def test_docs_every_yaml_example_in_the_authoring_guide_parses(fence, text):
    text, first_line = textwrap.dedent(text), fence + 1
    if text.startswith("- "):
        # A fragment that is a list item: give it a key (on the fence's line) so it parses as a mapping.
        text, first_line = "items:\n" + textwrap.indent(text, "  "), fence
    problems = Problems(root=ROOT)
    parse_yaml(text, GUIDE, problems, first_line=first_line)
    found = "\n".join(f"{e.path}:{e.line}: {e.message}" for e in problems.errors + problems.warnings)
    assert not (problems.errors or problems.warnings), f"invalid YAML example in docs/authoring.md:\n{found}"
