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
        "meeting, report, review or recommendation names them"
    ) in warnings_of(site)


def test_reminders_archive_records_before_checks_start_are_not_warned_about(site):
    assert any('still "scheduled"' in w for w in warnings_of(site))
    site_yaml = site.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "checks_start: 2016-01-01\n")
    assert [w for w in warnings_of(site) if "scheduled" in w or "was due by" in w] == []
