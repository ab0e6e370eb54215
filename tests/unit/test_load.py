import os

from minutebook.errors import Problems
from minutebook.load import load_content


def test_load_refuses_a_symlink_to_a_file_outside_the_site(site, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("name: Secret\nkind: officer\n")
    os.symlink(outside, site.content / "people" / "secret.yaml")
    problems = Problems(root=site.root)
    assert load_content(site.content, problems) is None
    assert problems.errors[0].message == "this file is a link to a file outside the site"


def test_load_reports_a_misplaced_folder_with_a_suggestion(site):
    (site.content / "meeting").mkdir()
    problems = Problems(root=site.root)
    load_content(site.content, problems)
    assert problems.errors[0].message == '"meeting" is not part of a minutebook site (did you mean "meetings"?)'


def test_load_sorts_recommendations_as_a_council_numbers_them(site):
    for rec_id in ("10", "2a", "1b"):
        site.write(f"reviews/play-areas/recommendations/{rec_id}.yaml", "text: More.\n")
    content = load_content(site.content, Problems(root=site.root))
    assert [r.id for r in content.reviews["play-areas"].recommendations] == ["1", "1b", "2", "2a", "3", "5", "10"]
