"""Warnings a clerk would want, run through `check` on the minimal site."""


def warnings_of(site, *args: str) -> list[str]:
    result = site.run("check", "--as-of", "2015-09-01", *args)
    assert result.code == 0, result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def test_reminders_the_minimal_site_warns_only_about_meetings_left_scheduled(site):
    assert warnings_of(site) == [
        'warning: content/meetings/scrutiny-2015-03-13.yaml:5: this meeting was on 2015-03-13 but is still "scheduled"',
        'warning: content/meetings/scrutiny-2015-05-15.yaml:4: this meeting was on 2015-05-15 but is still "scheduled"',
    ]


def test_reminders_overdue_recommendation_without_an_update(site):
    path = site.content / "reviews/play-areas/recommendations/1.yaml"
    path.write_text(path.read_text().split("updates:")[0])
    assert (
        "warning: content/reviews/play-areas/recommendations/1.yaml:7: recommendation 1 was due by 2015-04 "
        "and has had no monitoring update since"
    ) in warnings_of(site)


def test_reminders_past_meeting_still_scheduled_and_held_meeting_without_minutes(site):
    path = site.content / "meetings/scrutiny-2015-03-13.yaml"
    path.write_text(path.read_text().replace("status: scheduled", "status: held"))
    assert (
        "warning: content/meetings/scrutiny-2015-03-13.yaml:5: this meeting was held but has no minutes"
        in warnings_of(site)
    )


def test_reminders_short_notice_needs_a_reason(site):
    path = site.content / "meetings/scrutiny-2015-01-16.yaml"
    text = path.read_text().replace("agenda_published: 2015-01-08", "agenda_published: 2015-01-12")
    path.write_text(text)
    line = text.splitlines().index("agenda_published: 2015-01-12") + 1
    assert (
        f"warning: content/meetings/scrutiny-2015-01-16.yaml:{line}: the agenda was published 3 clear days "
        "before the meeting; the law requires 5 (Local Government Act 1972, s.100B(3))"
    ) in warnings_of(site)
    path.write_text(text + "short_notice_reason: The report was needed before the budget deadline.\n")
    assert not [w for w in warnings_of(site) if "clear days" in w]


def test_reminders_person_with_no_role(site):
    site.write("people/jo-nobody.yaml", "name: Jo Nobody\nkind: officer\n")
    assert (
        "warning: content/people/jo-nobody.yaml:1: Jo Nobody has no role on the site: no committee, "
        "meeting, report, review, recommendation, decision or term of office names them"
    ) in warnings_of(site)
    site.write("people/jo-nobody.yaml", "name: Jo Nobody\nkind: councillor\nterms:\n  - start: 2015-05-08\n")
    assert not any("Jo Nobody" in w for w in warnings_of(site))  # a councillor elected has a role


def test_reminders_archive_records_before_checks_start_are_not_warned_about(site):
    # ... except meetings still "scheduled", which the site shows as awaiting minutes: one warning
    # names them all, so an archive of hundreds cannot bury the others.
    assert any('still "scheduled"' in w for w in warnings_of(site))
    site_yaml = site.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "checks_start: 2016-01-01\n")
    assert [w for w in warnings_of(site) if "scheduled" in w or "was due by" in w] == [
        "warning: content/meetings/scrutiny-2015-03-13.yaml:5: this meeting was on 2015-03-13 but is still "
        '"scheduled", as is 1 other meeting before checks_start (scrutiny-2015-05-15); the site shows them '
        'as "awaiting minutes"'
    ]


def test_reminders_a_review_whose_response_is_overdue(site):
    assert not [w for w in warnings_of(site) if "response to this review" in w]  # it was answered
    review = site.content / "reviews/play-areas/review.md"
    text = review.read_text().replace("status: responded", "status: reported")
    review.write_text(text.replace("response:\n  by: Cabinet\n  date: 2015-02-10\n", ""))
    for rec in (site.content / "reviews/play-areas/recommendations").glob("*.yaml"):
        rec.write_text(rec.read_text().split("response:")[0] + "status: not started\n")
    assert [w for w in warnings_of(site) if "response to this review" in w] == [
        "warning: content/reviews/play-areas/review.md:8: the response to this review was due by "
        "2015-03-16, two months after it was reported (Local Government Act 2000, s.9FE), and none is "
        "recorded; the site shows its recommendations as overdue"
    ]


def test_reminders_meeting_chaired_by_someone_not_a_member_that_day(site):
    committee = site.content / "committees/scrutiny.yaml"
    committee.write_text(committee.read_text().replace("since: 2014-05-21", "since: 2015-05-20"))
    path = site.content / "meetings/scrutiny-2015-01-16.yaml"
    text = path.read_text().replace(
        "  officers: [ann-black]\n",
        "  officers: [ann-black]\n  chair_changes:\n    - person: ann-black\n      from_minute: 2\n",
    )
    path.write_text(text)
    lines = text.splitlines()
    chair, change = lines.index("  chair: cllr-green") + 1, lines.index("    - person: ann-black") + 1
    warnings = warnings_of(site)
    assert (
        f"warning: content/meetings/scrutiny-2015-01-16.yaml:{chair}: Councillor Green chaired this meeting "
        "but was not a member of the committee on 2015-01-16"
    ) in warnings
    assert (
        f"warning: content/meetings/scrutiny-2015-01-16.yaml:{change}: Ann Black chaired this meeting "
        "but was not a member of the committee on 2015-01-16"
    ) in warnings


def test_reminders_chair_is_not_checked_against_a_committee_that_lists_no_members(site):
    committee = site.content / "committees/scrutiny.yaml"
    committee.write_text(committee.read_text().split("members:")[0])
    assert not [w for w in warnings_of(site) if "not a member" in w]


def test_reminders_held_meeting_dated_after_the_day_the_site_is_built_as_of(site):
    path = site.content / "meetings/scrutiny-2015-03-13.yaml"
    path.write_text(path.read_text().replace("status: scheduled", "status: held"))
    assert (
        'warning: content/meetings/scrutiny-2015-03-13.yaml:5: this meeting is marked "held" but its date, '
        "2015-03-13, is after 2015-03-01, the date the site is built as of"
    ) in warnings_of(site, "--as-of", "2015-03-01")
    assert not [w for w in warnings_of(site) if "built as of" in w]


def new_warnings(site) -> list[str]:
    """The warnings besides the minimal site's own two (meetings left "scheduled")."""
    return [line for line in warnings_of(site) if 'is still "scheduled"' not in line]


CABINET = "name: Cabinet\nshort_name: Cabinet\nkind: executive\nmembers:\n  - person: cllr-green\n    role: chair\n"


def test_reminders_key_decision_without_28_clear_days_notice_or_urgency(site):
    site.write("committees/cabinet.yaml", CABINET)
    site.write(
        "forward-plan/play-area-fees.yaml",
        "title: Play area fees\ncommittee: cabinet\npublished: 2015-01-01\nexpected: 2015-01-20\n",
    )
    decision = "title: Play area fees\ncommittee: cabinet\ndate: 2015-01-20\ndecision: That play areas stay free.\n"
    site.write("decisions/play-area-fees.yaml", decision + "key_decision: true\nnotice: play-area-fees\n")
    assert new_warnings(site) == [
        "warning: content/decisions/play-area-fees.yaml:6: this key decision needed 28 clear days' notice "
        "in the Forward Plan, but its notice gave 18 clear days"
    ]
    site.write(
        "decisions/play-area-fees.yaml",
        decision + "key_decision: true\nnotice: play-area-fees\nurgency:\n  kind: general exception\n"
        "  reason: The contract ends on 31 January.\n",
    )
    assert new_warnings(site) == []


def test_reminders_forward_plan_notice_past_its_day_without_a_decision(site):
    site.write("committees/cabinet.yaml", CABINET)
    site.write(
        "forward-plan/play-area-fees.yaml",
        "title: Play area fees\ncommittee: cabinet\npublished: 2015-01-01\nexpected: 2015-03-20\n",
    )
    assert new_warnings(site) == [
        "warning: content/forward-plan/play-area-fees.yaml:4: this decision was expected on 2015-03-20, "
        "but no decision gives `notice: play-area-fees`"
    ]


def test_reminders_decision_dated_after_the_day_the_site_is_built_as_of(site):
    site.write("committees/cabinet.yaml", CABINET)
    decision = "title: Play area fees\ncommittee: cabinet\ndate: 2015-10-20\ndecision: That play areas stay free.\n"
    site.write("decisions/play-area-fees.yaml", decision)
    assert new_warnings(site) == [
        "warning: content/decisions/play-area-fees.yaml:3: this decision is dated 2015-10-20, after today "
        "(2015-09-01): a decision is recorded once it has been taken"
    ]
    site.write("decisions/play-area-fees.yaml", decision.replace("2015-10-20", "2015-08-20"))
    assert new_warnings(site) == []
