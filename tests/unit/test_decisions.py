"""Where a decision stands on a day, and until when it can be called in: pure functions with
known answers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from minutebook.decisions import history, short_notice, standing, working_days_after
from minutebook.model import (
    CallIn,
    Committee,
    Content,
    Decision,
    Markdown,
    Notice,
    NoticeRules,
    Person,
    Reconsideration,
    SiteConfig,
    SiteAddress,
    UrgencyRecord,
)

D = dt.date
SITE = SiteConfig(council="Borsetshire District Council", title="Meetings", base_url=SiteAddress("https://x.example/"))
CONTENT = Content(
    site=SITE,
    committees={
        "cabinet": Committee(name="Cabinet", short_name="Cabinet", kind="executive", id="cabinet"),
        "planning": Committee(name="Planning Committee", short_name="Planning", kind="planning", id="planning"),
    },
    people={
        "cllr-ash": Person(name="Margaret Ashdown", kind="councillor", id="cllr-ash"),
        "gareth-lyle": Person(name="Gareth Lyle", kind="officer", id="gareth-lyle"),
    },
    meetings={},
    reports={},
    reviews={},
    pages={},
)
# A Cabinet decision taken on Tuesday 11 March 2025, its notice published on Wednesday 12 March.
TAKEN = Decision(
    title="Car parking",
    date=D(2025, 3, 11),
    decision=Markdown("Agreed."),
    committee="cabinet",
    published=D(2025, 3, 12),
)


def test_working_days_leave_out_weekends_and_bank_holidays():
    rules = NoticeRules()
    assert working_days_after(D(2025, 3, 12), 5, rules) == D(2025, 3, 19)  # Thu, Fri, Mon, Tue, Wed
    # Good Friday and Easter Monday 2025 (18 and 21 April) are not working days in England.
    assert working_days_after(D(2025, 4, 16), 5, rules) == D(2025, 4, 25)  # Thu 17, Tue 22 to Fri 25
    assert working_days_after(D(2025, 3, 14), 0, rules) == D(2025, 3, 17)  # the next working day


@pytest.mark.parametrize(
    ("today", "status", "implementable"),
    [
        (D(2025, 3, 12), "open to call-in", None),
        (D(2025, 3, 19), "open to call-in", None),  # the whole of the last day
        (D(2025, 3, 20), "can be implemented", D(2025, 3, 20)),
    ],
)
def test_an_executive_decision_is_open_to_call_in_for_five_working_days(today, status, implementable):
    now = standing(TAKEN, CONTENT, today)
    assert (now.status, now.deadline, now.implementable) == (status, D(2025, 3, 19), implementable)


def test_a_called_in_decision_waits_for_scrutiny_then_its_reconsideration():
    called = dataclasses.replace(TAKEN, call_in=CallIn(requested=D(2025, 3, 14), by=["cllr-ash"]))
    assert standing(called, CONTENT, D(2025, 3, 20)).status == "called in"
    referred = dataclasses.replace(
        called, call_in=dataclasses.replace(called.call_in, outcome="referred back", outcome_date=D(2025, 3, 25))
    )
    assert standing(referred, CONTENT, D(2025, 3, 24)).status == "called in"  # the outcome is not yet decided
    assert standing(referred, CONTENT, D(2025, 3, 26)).status == "referred back"
    confirmed = dataclasses.replace(
        referred,
        call_in=dataclasses.replace(
            referred.call_in, reconsidered=Reconsideration(date=D(2025, 4, 8), result="confirmed")
        ),
    )
    now = standing(confirmed, CONTENT, D(2025, 4, 8))
    assert (now.status, now.implementable) == ("can be implemented", D(2025, 4, 8))
    revoked = dataclasses.replace(
        confirmed,
        call_in=dataclasses.replace(confirmed.call_in, reconsidered=Reconsideration(D(2025, 4, 8), "revoked")),
    )
    assert standing(revoked, CONTENT, D(2025, 4, 9)).status == "revoked"
    stands = dataclasses.replace(
        called, call_in=dataclasses.replace(called.call_in, outcome="no further action", outcome_date=D(2025, 3, 25))
    )
    assert standing(stands, CONTENT, D(2025, 3, 25)).implementable == D(2025, 3, 25)


def test_who_takes_a_decision_decides_whether_it_can_be_called_in():
    planning = dataclasses.replace(TAKEN, committee="planning")
    officer = dataclasses.replace(TAKEN, committee=None, person="gareth-lyle")
    member = dataclasses.replace(TAKEN, committee=None, person="cllr-ash")
    assert not standing(planning, CONTENT, D(2025, 3, 12)).subject_to_call_in  # not an executive decision
    assert not standing(officer, CONTENT, D(2025, 3, 12)).subject_to_call_in  # an officer's, not key
    assert standing(dataclasses.replace(officer, key_decision=True), CONTENT, D(2025, 3, 12)).subject_to_call_in
    assert standing(member, CONTENT, D(2025, 3, 12)).status == "open to call-in"
    exempt = dataclasses.replace(TAKEN, call_in_exempt="Urgent, agreed by the Chair of Overview and Scrutiny.")
    assert standing(exempt, CONTENT, D(2025, 3, 12)).status == "can be implemented"
    unpublished = dataclasses.replace(TAKEN, published=None)
    assert standing(unpublished, CONTENT, D(2025, 3, 12)).status == "not yet published"


def test_a_key_decision_needs_28_clear_days_notice_or_urgency():
    key = dataclasses.replace(TAKEN, key_decision=True)
    notice = Notice(title="Car parking", published=D(2025, 2, 10), expected=D(2025, 3, 11), committee="cabinet")
    assert not short_notice(key, notice, CONTENT)  # 28 days strictly between 10 February and 11 March
    late = dataclasses.replace(notice, published=D(2025, 2, 11))
    assert short_notice(key, late, CONTENT)
    assert short_notice(key, None, CONTENT)
    urgent = dataclasses.replace(key, urgency=UrgencyRecord(kind="special urgency", reason=Markdown("Flooding.")))
    assert not short_notice(urgent, None, CONTENT)
    assert not short_notice(TAKEN, None, CONTENT)  # not a key decision


def test_history_runs_from_the_notice_to_the_day_it_can_be_implemented():
    notice = Notice(title="Car parking", published=D(2025, 1, 24), expected=D(2025, 3, 11), committee="cabinet")
    steps = history(TAKEN, notice, CONTENT, D(2025, 3, 25), {})
    assert [(s.date, str(s.title)) for s in steps] == [
        (D(2025, 1, 24), "Notice of the decision published in the Forward Plan"),
        (D(2025, 3, 11), "Decision taken by Cabinet"),
        (D(2025, 3, 12), "Decision notice published"),
        (D(2025, 3, 19), "Last day for call-in"),
        (D(2025, 3, 20), "Can be implemented"),
    ]
