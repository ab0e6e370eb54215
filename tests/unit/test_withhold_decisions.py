"""What of a decision may be published: withhold.py, on decisions."""

from __future__ import annotations

import dataclasses
import datetime as dt

from minutebook.model import CallIn, Markdown, Reconsideration
from minutebook.withhold import withhold
from tests.unit.test_decisions import CONTENT, TAKEN

NOW = dt.datetime(2025, 6, 1, 12)
SECRET = "CANARY-EXEMPT-DECISION"


def test_an_exempt_decision_keeps_its_summary_and_loses_what_would_tell_its_details():
    called = CallIn(
        requested=dt.date(2025, 3, 14),
        reasons=Markdown(f"The price ({SECRET}) is too low."),
        outcome="referred back",
        outcome_date=dt.date(2025, 3, 25),
        reconsidered=Reconsideration(dt.date(2025, 4, 8), "amended", note=Markdown(f"Sold for {SECRET}.")),
    )
    exempt = dataclasses.replace(
        TAKEN,
        decision=Markdown(f"Sell to {SECRET}."),
        reasons=Markdown(SECRET),
        exempt=3,
        public_summary=Markdown("The Cabinet agreed to sell the depot."),
        call_in=called,
    )
    published = withhold(dataclasses.replace(CONTENT, decisions={"depot": exempt}), NOW).decisions["depot"]
    assert SECRET not in repr(published)
    assert published.public_summary == "The Cabinet agreed to sell the depot."
    assert published.call_in is not None and published.call_in.reconsidered.result == "amended"


def test_confidential_draft_and_embargoed_decisions_are_not_published():
    decisions = {
        "confidential": dataclasses.replace(TAKEN, confidential=True),
        "draft": dataclasses.replace(TAKEN, draft=True),
        "embargoed": dataclasses.replace(TAKEN, publish_after=dt.datetime(2025, 6, 2, 9)),
        "public": TAKEN,
    }
    published = withhold(dataclasses.replace(CONTENT, decisions=decisions), NOW)
    assert sorted(published.decisions) == ["public"]
    assert sorted(withhold(dataclasses.replace(CONTENT, decisions=decisions), NOW, drafts=True).decisions) == [
        "draft",
        "embargoed",
        "public",
    ]
