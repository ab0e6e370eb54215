import datetime as dt

import pytest

from minutebook.model import NoticeRules
from minutebook.notice import clear_days

D = dt.date
ENGLAND = NoticeRules()


@pytest.mark.parametrize(
    "published, meeting, rules, expected",
    [
        # Monday to Monday: Tuesday to Friday are clear, the weekend is not.
        (D(2015, 1, 5), D(2015, 1, 12), ENGLAND, 4),
        # Friday to the Monday week after: five weekdays between.
        (D(2015, 1, 2), D(2015, 1, 12), ENGLAND, 5),
        # Christmas, Boxing Day and New Year's Day are bank holidays in England.
        (D(2014, 12, 19), D(2015, 1, 2), ENGLAND, 6),
        # Counting weekends: every day strictly between publication and meeting.
        (D(2015, 1, 5), D(2015, 1, 12), NoticeRules(exclude_weekends=False), 6),
        # 2 January is a bank holiday in Scotland but not in England.
        (D(2014, 12, 31), D(2015, 1, 9), ENGLAND, 5),
        (D(2014, 12, 31), D(2015, 1, 9), NoticeRules(bank_holidays="scotland"), 4),
        # Days the offices are closed do not count.
        (D(2015, 1, 2), D(2015, 1, 12), NoticeRules(closed_days=[D(2015, 1, 5)]), 4),
        # Published the day before, or on the day: no clear days at all.
        (D(2015, 1, 11), D(2015, 1, 12), ENGLAND, 0),
        (D(2015, 1, 12), D(2015, 1, 12), ENGLAND, 0),
    ],
)
def test_notice_clear_days(published, meeting, rules, expected):
    assert clear_days(published, meeting, rules) == expected
