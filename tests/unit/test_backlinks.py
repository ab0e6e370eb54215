import datetime as dt
import re

from minutebook.backlinks import find_backlinks
from minutebook.errors import Problems
from minutebook.load import load_content
from minutebook.matters import matter_steps, minute_matter
from minutebook.relations import Relations, meeting_title
from minutebook.urls import Urls
from minutebook.withhold import withhold
from tests.conftest import MINIMAL


def published(root=MINIMAL):
    content = withhold(load_content(root, Problems(root=root)), dt.datetime(2015, 6, 1))
    return content, Relations(content, dt.datetime(2015, 6, 1)), Urls(content.site.base_url)


def test_backlinks_point_from_the_target_to_each_referring_place():
    content, relations, urls = published()
    links = find_backlinks(content, urls, lambda m: meeting_title(m, relations))
    assert [r.url for r in links[("minute", "scrutiny-2015-01-16/2")]] == ["/council/reports/play-areas-report/"]
    assert [r.title for r in links[("review", "play-areas")]] == ["Minute 2, Scrutiny Board, 16 January 2015"]
    assert ("minute", "scrutiny-2015-01-16/3") not in links


def test_matter_steps_run_across_meetings_in_date_order():
    content, relations, urls = published()
    steps = matter_steps(content.matters["play-areas"], relations, urls)
    assert [(str(s.date), s.title) for s in steps] == [
        ("2015-01-16", "Minute 2: Review of play areas"),
        ("2015-01-16", "Scrutiny review: Review of play areas (3 recommendations)"),
        ("2015-02-10", "Cabinet responded to the review"),
        ("2015-03-13", "Agenda item 2: Play areas - monitoring"),
        ("None", "Cabinet to consider the monitoring report"),
    ]


def test_matter_a_minute_referring_to_a_minute_of_a_matter_joins_it(site):
    path = site.content / "meetings/scrutiny-2015-03-13.yaml"
    path.write_text(
        path.read_text().replace("status: scheduled", "status: held")
        + ("minutes:\n  - number: 9\n    title: Play areas\n    body: Further to [[minute:scrutiny-2015-01-16/2]].\n")
    )
    content, relations, _ = published(site.content)
    meeting = content.meetings["scrutiny-2015-03-13"]
    assert minute_matter(meeting, meeting.minutes[0], relations) == "play-areas"


def test_backlinks_a_report_and_a_review_of_one_title_each_say_what_they_are(site):
    # The minimal site's report and review are both "Review of play areas": "Referred to in"
    # must not list the same words twice, leaving a reader to guess which link is which.
    review = site.content / "reviews/play-areas/review.md"
    review.write_text(review.read_text() + "\nThe panel began from [[minute:scrutiny-2015-01-16/2]].\n")
    result = site.run("build", "--no-search", "--as-of", "2015-06-01", "--output", "out")
    assert result.code == 0, result.stderr
    html = (site.root / "out/meetings/scrutiny-2015-01-16/minutes/2/index.html").read_text()
    listed = re.findall(r"<li><a [^>]*>([^<]*)</a></li>", html.split("Referred to in", 1)[1].split("</ul>", 1)[0])
    assert listed == ["Report: Review of play areas", "Scrutiny review: Review of play areas"]
