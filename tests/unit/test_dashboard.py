import csv
import datetime as dt
import io

from minutebook.charts import describe, stacked_bars
from minutebook.dashboard import stats
from minutebook.errors import Problems
from minutebook.relations import Relations
from minutebook.load import load_content
from minutebook.withhold import withhold
from tests.conftest import MINIMAL, run_cli


def test_dashboard_stats_for_the_play_areas_review():
    content = withhold(load_content(MINIMAL, Problems(root=MINIMAL)), dt.datetime(2015, 6, 1))
    relations = Relations(content, dt.datetime(2015, 6, 1))
    figures = stats("Play areas", None, list(content.reviews["play-areas"].recommendations), relations)
    assert figures.total == 3  # 1, 2 and 5; 3 is still embargoed
    assert figures.by_decision == {"accepted": 2, "rejected": 1}
    assert figures.by_status == {"completed": 1, "in progress": 1, "not started": 1}
    assert figures.acceptance == 2 / 3
    assert figures.median_days_to_response == 25
    assert figures.median_days_to_completion == 258
    assert figures.overdue == 1  # recommendation 1: due April 2015, in progress on 1 June


def test_dashboard_chart_says_its_figures_in_words():
    rows = [("Review A", {"completed": 2, "not started": 1})]
    chart = str(stacked_bars("c", "Progress", rows))
    assert describe(rows) == "Review A: 2 completed, 1 not started."
    assert (
        'role="img" aria-labelledby="c-title c-desc"' in chart
        and '<p class="visually-hidden" id="c-title">Progress</p>' in chart
    )
    assert "Review A: 2 completed, 1 not started." in chart


def test_dashboard_chart_labels_are_whole_and_in_the_sites_words():
    label = "Child Sexual Exploitation (CSE) scrutiny review of 2014"
    chart = str(
        stacked_bars(
            "c", "Progress", [(label, {"in progress": 3})], word=lambda key: {"in progress": "ar y gweill"}[key]
        )
    )
    assert f'<span class="chart__label">{label}</span>' in chart  # never cut short
    assert "Ar y gweill</li>" in chart and "3 ar y gweill." in chart


def test_dashboard_csv_downloads_hold_exactly_the_figures_on_the_page(tmp_path):
    out = tmp_path / "out"
    assert (
        run_cli("build", "--content", str(MINIMAL), "--output", str(out), "--as-of", "2015-06-01", "--no-search").code
        == 0
    )
    rows = list(csv.reader(io.StringIO((out / "reviews/play-areas/figures.csv").read_text())))
    assert rows[0] == ["Measure", "Value", "Recommendations"]
    assert ["Decision", "Accepted", "2"] in rows and ["Progress", "Completed", "1"] in rows
    page = (out / "reviews/play-areas/index.html").read_text()
    assert 'href="/council/reviews/play-areas/figures.csv"' in page
    timeline = list(csv.reader(io.StringIO((out / "reviews/play-areas/recommendations/5/timeline.csv").read_text())))
    assert timeline[0] == ["Date", "Event", "Status", "Note"]
    assert [
        "20 March 2015",
        "Action-by date moved from 30 April 2015 to September 2015",
        "",
        "Reason given: The contractor changed.",
    ] in timeline
    assert ["1 October 2015", "Monitoring update", "Completed", "All swings replaced."] in timeline
    dashboard = list(csv.reader(io.StringIO((out / "dashboard/review.csv").read_text())))
    assert dashboard[1][:4] == ["Review of play areas", "3", "2", "67"]  # 67% on the page: the CSV holds the number


def test_dashboard_csv_figures_are_plain_numbers_blank_where_there_is_none(tmp_path):
    out = tmp_path / "out"
    assert (
        run_cli("build", "--content", str(MINIMAL), "--output", str(out), "--as-of", "2015-06-01", "--no-search").code
        == 0
    )
    header, *rows = csv.reader(io.StringIO((out / "dashboard/officer.csv").read_text()))
    assert header[3:6] == [
        "Acceptance rate (per cent)",
        "Median days to response (days)",
        "Median days to completion (days)",
    ]  # the units, since the cells are bare numbers
    assert ["Ann Black", "2", "1", "50", "25", "", "0", "1", "1", "1"] in rows  # none completed: no median
    assert all(cell == "" or cell.isdigit() for row in rows for cell in row[1:])
    page = (out / "dashboard/index.html").read_text()
    assert "50%" in page and "None yet" in page  # the page still says them in words
