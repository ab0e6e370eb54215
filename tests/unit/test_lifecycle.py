"""Known answers for the play areas review of the minimal site (reported 16 January 2015,
Cabinet responded 10 February 2015)."""

import datetime as dt

import pytest

from minutebook.errors import Problems
from minutebook.lifecycle import (
    action_by_on,
    add_months,
    completed_on,
    days_between,
    made_on,
    promised_report_clock,
    responded_on,
    response_clock,
    status_on,
)
from minutebook.load import load_content
from minutebook.model import ActionBy
from tests.conftest import MINIMAL

D = dt.date


@pytest.fixture(scope="module")
def review():
    return load_content(MINIMAL, Problems(root=MINIMAL)).reviews["play-areas"]


def rec(review, rec_id):
    return next(r for r in review.recommendations if r.id == rec_id)


@pytest.mark.parametrize(
    "day, status",
    [
        (D(2015, 1, 15), None),  # before it was made
        (D(2015, 1, 16), "not started"),  # made with the review's report
        (D(2015, 2, 10), "not started"),  # responded to; the first update is later
        (D(2015, 6, 30), "not started"),
        (D(2015, 7, 1), "in progress"),
        (D(2015, 9, 30), "in progress"),
        (D(2015, 10, 1), "completed"),
        (D(2030, 1, 1), "completed"),
    ],
)
def test_lifecycle_status_on_a_past_day(review, day, status):
    assert status_on(rec(review, "5"), review, day) == status


def test_lifecycle_status_without_updates_takes_effect_at_the_response(review):
    rejected = rec(review, "2")  # rejected; status "not started"; no updates
    assert status_on(rejected, review, D(2015, 2, 9)) == "not started"
    assert status_on(rejected, review, D(2015, 2, 10)) == "not started"


def test_lifecycle_durations_in_days(review):
    five = rec(review, "5")
    assert made_on(five, review) == D(2015, 1, 16)
    assert responded_on(five, review) == D(2015, 2, 10)
    assert completed_on(five, review) == D(2015, 10, 1)
    assert days_between(made_on(five, review), responded_on(five, review)) == 25
    assert days_between(made_on(five, review), completed_on(five, review)) == 258
    assert completed_on(rec(review, "1"), review) is None


def test_lifecycle_action_by_changes_keep_the_old_date(review):
    five = rec(review, "5")
    assert action_by_on(five, D(2015, 3, 19)) == ActionBy("date", D(2015, 4, 30))
    assert action_by_on(five, D(2015, 3, 20)) == ActionBy("month", D(2015, 9, 30))
    assert five.action_by_changes[0].reason == "The contractor changed."


@pytest.mark.parametrize(
    "day, months, due",
    [(D(2015, 1, 16), 2, D(2015, 3, 16)), (D(2014, 12, 31), 2, D(2015, 2, 28)), (D(2015, 11, 30), 3, D(2016, 2, 29))],
)
def test_lifecycle_add_months_keeps_the_day_or_the_month_end(day, months, due):
    assert add_months(day, months) == due


def test_lifecycle_response_clock_two_months_from_the_report(review):
    clock = response_clock(review, D(2030, 1, 1))
    assert (clock.due, clock.met_on, clock.overdue) == (D(2015, 3, 16), D(2015, 2, 10), False)
    unanswered = type(review)(**{**review.__dict__, "response": None})
    assert response_clock(unanswered, D(2015, 3, 16)).overdue is False
    assert response_clock(unanswered, D(2015, 3, 17)).overdue is True


def test_lifecycle_promised_report_met_by_the_first_update_after_the_promise(review):
    (promise,) = review.promised_reports
    clock = promised_report_clock(promise, review, D(2030, 1, 1))
    assert (clock.due, clock.met_on, clock.overdue) == (D(2015, 8, 10), D(2015, 7, 1), False)
    late = type(promise)(**{**promise.__dict__, "promised_on": D(2015, 10, 2)})
    assert promised_report_clock(late, review, D(2016, 4, 3)).overdue is True
    assert promised_report_clock(late, review, D(2016, 4, 2)).overdue is False
