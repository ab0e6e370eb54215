"""Status changes read from git, with known dates; nothing (and no error) outside a checkout."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from minutebook.history import read_history


def commit(root, message: str, day: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00",
        "GIT_AUTHOR_NAME": "Clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "Clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.org",
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=root, check=True, env=env)


def test_history_lists_each_dated_status_change(site):
    subprocess.run(["git", "init", "-q"], cwd=site.root, check=True)
    rec = site.content / "reviews/play-areas/recommendations/2.yaml"
    commit(site.root, "Add the play areas review", "2015-02-10")
    rec.write_text(rec.read_text().replace("status: not started", "status: in progress"))
    commit(site.root, "Progress on recommendation 2", "2015-07-01")
    rec.write_text(rec.read_text().replace("status: in progress", "status: completed"))
    commit(site.root, "Recommendation 2 completed", "2015-10-01")

    history = read_history(site.root, site.content / "reviews")["content/reviews/play-areas/recommendations/2.yaml"]
    assert history.last_changed == dt.date(2015, 10, 1)
    assert [(c.date.isoformat(), c.before, c.after) for c in history.status_changes] == [
        ("2015-02-10", None, "not started"),
        ("2015-07-01", "not started", "in progress"),
        ("2015-10-01", "in progress", "completed"),
    ]

    site_yaml = site.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "git_history: true\n")
    assert site.run("build", "--no-search", "--as-of", "2016-01-01").code == 0
    page = (site.root / "public/reviews/play-areas/recommendations/2/index.html").read_text()
    assert "Status changed from in progress to completed on 1 October 2015." in page
    assert "Last changed on 1 October 2015." in page

    # Built as of a day before the last commit, the page says what was known that day.
    assert site.run("build", "--no-search", "--as-of", "2015-08-01").code == 0
    page = (site.root / "public/reviews/play-areas/recommendations/2/index.html").read_text()
    assert "Last changed on 1 July 2015." in page and "October 2015" not in page


def test_history_outside_a_git_checkout_is_empty_not_an_error(tmp_path):
    (tmp_path / "reviews").mkdir()
    assert read_history(tmp_path, tmp_path / "reviews") == {}


def test_history_leaves_out_states_that_were_never_published(site):
    subprocess.run(["git", "init", "-q"], cwd=site.root, check=True)
    rec = site.content / "reviews/play-areas/recommendations/2.yaml"
    original = rec.read_text()
    rec.write_text(original.replace("status: not started", "status: superseded") + "draft: true\n")
    commit(site.root, "Draft: superseded?", "2015-02-10")
    rec.write_text(
        original.replace("status: not started", "status: not progressed") + "publish_after: 2015-05-01T09:00\n"
    )
    commit(site.root, "Embargoed until May", "2015-03-01")
    rec.write_text(original.replace("status: not started", "status: nonsense"))
    commit(site.root, "A mistake, refused by check", "2015-04-10")
    rec.write_text(original.replace("status: not started", "status: in progress"))
    commit(site.root, "Progress on recommendation 2", "2015-07-01")

    history = read_history(site.root, site.content / "reviews")["content/reviews/play-areas/recommendations/2.yaml"]
    assert [(c.date.isoformat(), c.before, c.after) for c in history.status_changes] == [
        ("2015-07-01", None, "in progress"),
    ]


def test_history_counts_a_recommendation_only_while_its_review_is_published(site):
    subprocess.run(["git", "init", "-q"], cwd=site.root, check=True)
    review = site.content / "reviews/play-areas/review.md"
    published_review = review.read_text()
    review.write_text(published_review.replace("---\n", "---\ndraft: true\n", 1))
    rec = site.content / "reviews/play-areas/recommendations/2.yaml"
    original = rec.read_text()
    commit(site.root, "A draft review", "2015-01-01")
    rec.write_text(original.replace("status: not started", "status: in progress"))
    commit(site.root, "Progress while still a draft", "2015-02-01")
    review.write_text(published_review)
    commit(site.root, "The review is published", "2015-03-01")

    history = read_history(site.root, site.content / "reviews")["content/reviews/play-areas/recommendations/2.yaml"]
    assert [(c.date.isoformat(), c.before, c.after) for c in history.status_changes] == [
        ("2015-03-01", None, "in progress"),
    ]
