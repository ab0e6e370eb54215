import datetime as dt
from pathlib import Path

import icalendar

from tests.conftest import MINIMAL, run_cli


def test_ical_meeting_file_loads_back_with_london_local_time(tmp_path: Path):
    out = tmp_path / "out"
    assert (
        run_cli("build", "--content", str(MINIMAL), "--output", str(out), "--no-search", "--as-of", "2015-06-01").code
        == 0
    )
    data = (out / "meetings/scrutiny-2015-01-16/scrutiny-2015-01-16.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2015, 1, 16, 10, 0, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/London"
    assert str(event["location"]) == "Town Hall"
    assert str(event["url"]) == "https://example.org/council/meetings/scrutiny-2015-01-16/"
    assert str(event["uid"]) == "scrutiny-2015-01-16@example.org"


def test_ical_an_evening_meeting_that_runs_past_midnight_ends_the_next_day(site):
    meeting = site.content / "meetings/scrutiny-2015-03-13.yaml"
    meeting.write_text(meeting.read_text().replace('start_time: "10:00"', 'start_time: "18:30"\nend_time: "00:15"'))
    result = site.run("build", "--no-search", "--as-of", "2015-06-01")
    assert result.code == 0, result.stderr
    data = (site.root / "public/meetings/scrutiny-2015-03-13/scrutiny-2015-03-13.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("dtend").replace(tzinfo=None) == dt.datetime(2015, 3, 14, 0, 15)
