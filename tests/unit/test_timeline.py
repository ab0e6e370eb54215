import datetime as dt

from minutebook.errors import Problems
from minutebook.relations import Relations
from minutebook.load import load_content
from minutebook.withhold import withhold
from minutebook.timeline import by_municipal_year, recommendation_timeline
from tests.conftest import MINIMAL


def test_timeline_recommendation_events_run_in_date_order():
    content = load_content(MINIMAL, Problems(root=MINIMAL))
    relations = Relations(content, dt.date(2015, 6, 1))
    rec = content.reviews["play-areas"].recommendations[0]
    events = recommendation_timeline(rec, relations)
    assert [e.title for e in events] == [
        "Recommendation made",
        "Cabinet response: accepted",
        "Action due",
        "Monitoring update",
    ]
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert events[2].status == "overdue"  # April 2015 passed before 1 June 2015, still in progress


def test_timeline_groups_meetings_by_municipal_year_newest_first():
    content = withhold(load_content(MINIMAL, Problems(root=MINIMAL)), dt.datetime(2015, 6, 1))
    years = by_municipal_year(list(content.meetings.values()), Relations(content, dt.date(2015, 6, 1)).municipal_years)
    assert [(year, [m.id for m in meetings]) for year, meetings in years] == [
        ("2014/15", ["scrutiny-2015-01-16", "scrutiny-2015-03-13"])
    ]
