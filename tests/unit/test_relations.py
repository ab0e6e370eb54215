import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from minutebook.errors import Problems
from minutebook.model import DayOfYear
from minutebook.relations import MunicipalYears, Relations
from minutebook.load import load_content
from minutebook.withhold import withhold

MINIMAL = Path(__file__).resolve().parents[1] / "golden" / "minimal" / "content"


@pytest.fixture
def content():
    """The minimal site as published on 1 June 2015: the relations never sees drafts."""
    return withhold(load_content(MINIMAL, Problems(root=MINIMAL)), dt.datetime(2015, 6, 1))


@pytest.mark.parametrize(
    "day, year",
    [(dt.date(2014, 12, 12), "2014/15"), (dt.date(2015, 4, 30), "2014/15"), (dt.date(2015, 5, 1), "2015/16")],
)
def test_graph_municipal_years_run_from_the_usual_day_without_an_annual_meeting(day, year):
    assert MunicipalYears(DayOfYear("1 May")).of(day) == year


@pytest.mark.parametrize(
    "day, year",
    [
        (dt.date(2016, 5, 19), "2015/16"),  # the day before the Annual Meeting
        (dt.date(2016, 5, 20), "2016/17"),  # the Annual Meeting starts the year
        (dt.date(2017, 5, 10), "2017/18"),  # a year with no Annual Meeting recorded: 1 May
        (dt.date(2017, 4, 30), "2016/17"),
    ],
)
def test_graph_an_annual_meeting_starts_its_municipal_year(day, year):
    assert MunicipalYears(DayOfYear("1 May"), (dt.date(2016, 5, 20),)).of(day) == year


def test_graph_a_site_may_start_its_year_on_another_day():
    years = MunicipalYears(DayOfYear("1 September"))
    assert years.of(dt.date(2016, 8, 31)) == "2015/16" and years.of(dt.date(2016, 9, 1)) == "2016/17"


def test_graph_flags_overdue_only_after_the_action_by_month_and_when_not_completed(content):
    rec = content.reviews["play-areas"].recommendations[0]  # action by April 2015, in progress
    assert not Relations(content, dt.date(2015, 4, 30)).is_overdue(rec)
    assert Relations(content, dt.date(2015, 5, 1)).is_overdue(rec)


def test_graph_never_flags_ongoing_actions(content):
    rec = content.reviews["play-areas"].recommendations[1]
    assert not Relations(content, dt.date(2030, 1, 1)).is_overdue(rec)


def test_graph_links_a_meeting_to_the_previous_and_next_of_its_committee(content):
    relations = Relations(content, dt.date(2015, 6, 1))
    first, second = relations.meetings_of["scrutiny"]
    assert relations.neighbours(first) == (None, second)
    assert relations.neighbours(second) == (first, None)


def test_graph_gathers_what_a_person_did(content):
    relations = Relations(content, dt.date(2015, 6, 1))
    record = relations.record_of(content.people["ann-black"])
    assert [rec.id for rec in record.owns] == ["1", "2"]
    assert [a.as_ for a in record.attendance] == ["officer"]
    assert [session.title for _, session in record.evidence] == ["Parks service"]


def test_graph_a_past_meeting_still_scheduled_is_awaiting_minutes_not_to_come(content):
    meeting = content.meetings["scrutiny-2015-03-13"]  # "scheduled" in its file, no minutes
    assert Relations(content, dt.date(2015, 3, 13)).meeting_status(meeting) == "scheduled"  # the day itself
    assert Relations(content, dt.date(2015, 3, 14)).meeting_status(meeting) == "awaiting minutes"
    assert meeting not in Relations(content, dt.date(2015, 3, 14)).upcoming()
    held = content.meetings["scrutiny-2015-01-16"]
    assert Relations(content, dt.date(2015, 3, 14)).meeting_status(held) == "held"


def test_graph_the_executive_response_overdue_makes_each_unanswered_recommendation_overdue(content):
    review = content.reviews["play-areas"]  # reported 16 January 2015
    unanswered = dataclasses.replace(review, response=None)
    recs = [dataclasses.replace(rec, response=None, updates=[]) for rec in review.recommendations]
    unanswered = dataclasses.replace(unanswered, recommendations=recs)
    changed = dataclasses.replace(content, reviews={**content.reviews, "play-areas": unanswered})
    before, after = Relations(changed, dt.date(2015, 3, 16)), Relations(changed, dt.date(2015, 3, 17))
    assert [before.overdue_because(rec) for rec in before.recommendations] == [None] * len(recs)
    assert [after.overdue_because(rec) for rec in after.recommendations] == ["response"] * len(recs)
    answered = Relations(content, dt.date(2015, 5, 1))
    assert answered.overdue_because(content.reviews["play-areas"].recommendations[0]) == "action by"
