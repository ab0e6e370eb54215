"""Plain words, said once: a list names a committee once, a response without a decision is not
reported as if it said "not stated", and a page that refers to a meeting and one of its minutes
is listed once on the meeting's page."""

from __future__ import annotations

import re
from pathlib import Path


def text_of(public: Path, url: str) -> str:
    html = (public / url.strip("/") / "index.html").read_text(encoding="utf-8")
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#39;", "'")


def test_committee_list_names_a_committee_once_and_says_when_it_has_no_meetings(site):
    site.write("committees/cabinet.yaml", "name: Cabinet\nshort_name: Cabinet\nkind: executive\n")
    assert site.run("build", "--no-search").code == 0
    text = text_of(site.root / "public", "committees")
    assert "(Cabinet)" not in text
    assert "Cabinet Executive. No meetings published yet." in text
    assert "0 meetings" not in text
    assert re.search(r"Overview and scrutiny \(SB\)\. \d+ meetings", text)  # a short name that differs is still said


def test_a_response_that_does_not_decide_is_not_reported_as_saying_not_stated(site):
    rec = site.content / "reviews/play-areas/recommendations/2.yaml"
    rec.write_text(rec.read_text().replace("decision: rejected", "decision: not stated"))
    assert site.run("build", "--no-search").code == 0
    text = text_of(site.root / "public", "reviews/play-areas/recommendations/2")
    assert "response: not stated" not in text
    assert "responded without saying whether it accepts this" in text


def test_a_page_referring_to_a_meeting_and_its_minute_is_listed_once_on_the_meeting_page(site):
    site.write(
        "reports/follow-up.md",
        '---\ntitle: Follow-up on play areas\nmeeting: scrutiny-2015-03-13\nagenda_item: "2"\ndate: 2015-03-13\n---\n'
        "See [[meeting:scrutiny-2015-01-16]], and [[minute:scrutiny-2015-01-16/2]] in particular.\n",
    )
    assert site.run("build", "--no-search").code == 0
    text = text_of(site.root / "public", "meetings/scrutiny-2015-01-16")
    assert text.count("Follow-up on play areas") == 1
