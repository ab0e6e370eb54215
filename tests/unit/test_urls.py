import pytest

from minutebook.urls import Urls


def test_urls_include_the_base_path_of_a_sub_path_site():
    urls = Urls("https://example.org/council/")
    assert urls.meeting("osmb-2014-12-12") == "/council/meetings/osmb-2014-12-12/"
    assert urls.absolute(urls.home()) == "https://example.org/council/"
    assert urls.recommendation("cse-plans", "2a") == "/council/reviews/cse-plans/recommendations/2a/"


def test_urls_map_pages_to_index_files():
    urls = Urls("https://example.org/")
    assert str(urls.output_path(urls.meeting("a"))) == "meetings/a/index.html"
    assert str(urls.output_path(urls.not_found())) == "404.html"


@pytest.mark.parametrize("bad", ["/../etc/passwd/", "/a/../../b/", "/elsewhere/x/"])
def test_urls_never_map_outside_the_output_folder(bad):
    with pytest.raises(ValueError):
        Urls("https://example.org/a/").output_path(bad)
