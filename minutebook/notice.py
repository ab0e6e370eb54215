"""Statutory notice: an agenda must be published at least five clear days before its meeting
(Local Government Act 1972, s.100B(3)). Clear days exclude the day of publication and the day
of the meeting; whether weekends and bank holidays count is set in site.yaml."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from .model import NoticeRules

REQUIRED_CLEAR_DAYS = 5
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


@cache
def _bank_holidays(region: str, year: int) -> frozenset[dt.date]:
    if region not in SUBDIVISIONS:
        return frozenset()
    return frozenset(holidays.country_holidays("GB", subdiv=SUBDIVISIONS[region], years=year))


def counts_as_clear(day: dt.date, rules: NoticeRules) -> bool:
    if rules.exclude_weekends and day.weekday() >= 5:
        return False
    return day not in _bank_holidays(rules.bank_holidays, day.year) and day not in rules.closed_days


def clear_days(published: dt.date, meeting: dt.date, rules: NoticeRules) -> int:
    """Days strictly between publication and the meeting that count as clear days."""
    days = (published + dt.timedelta(days=n) for n in range(1, (meeting - published).days))
    return sum(1 for day in days if counts_as_clear(day, rules))
