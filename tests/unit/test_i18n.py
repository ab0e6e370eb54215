"""The site in its own language: the council's message catalogue (locale/<lang>/LC_MESSAGES/
messages.po in its repository) translates the words of templates and of minutebook's code, dates
are written in the language, a broken catalogue is a plain error, and the shipped
minutebook/locale/messages.pot lists every word there is to translate."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from markupsafe import escape

from minutebook import i18n, model
from minutebook.errors import ContentErrors
from minutebook.render import long_date, short_date
from tests.conftest import ROOT, run_cli
from tests.unit.test_cache import tree

PO = "locale/cy/LC_MESSAGES/messages.po"

WELSH = r"""# Welsh words for the test site.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: cy\n"
"Plural-Forms: nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;\n"

# A heading written in a template (home.html).
msgid "Latest minutes"
msgstr "Cofnodion diweddaraf"

# The first crumb of every breadcrumb trail, made in site.py.
msgid "Home"
msgstr "Hafan"

# A timeline event, made in timeline.py.
msgid "Recommendation made"
msgstr "Argymhelliad wedi'i wneud"

#, python-format
msgid "%(num)d recommendation"
msgid_plural "%(num)d recommendations"
msgstr[0] "%(num)d argymhellion"
msgstr[1] "%(num)d argymhelliad"
msgstr[2] "%(num)d argymhelliad (dau)"
msgstr[3] "%(num)d argymhelliad (tri)"
msgstr[4] "%(num)d argymhelliad (chwech)"
msgstr[5] "%(num)d o argymhellion"

msgid "Words nobody translated yet"
msgstr ""
"""


@pytest.fixture
def welsh(site):  # type: ignore[no-untyped-def]
    """The minimal site, in Welsh: language cy in site.yaml."""
    site_yaml = site.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text().replace("language: en-GB", "language: cy"))
    return site


def write_po(site, text: str) -> Path:  # type: ignore[no-untyped-def]
    path = site.root / PO
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build(site, *more: str):  # type: ignore[no-untyped-def]
    return site.run("build", "--no-search", "--as-of", "2015-06-01", *more)


def page(site, url: str) -> str:  # type: ignore[no-untyped-def]
    return (site.root / "public" / url / "index.html").read_text(encoding="utf-8")


def test_i18n_a_welsh_site_shows_its_own_translations_welsh_dates_and_lang(welsh):
    write_po(welsh, WELSH)
    result = build(welsh)
    assert result.code == 0, result.stderr
    home = page(welsh, "")
    assert '<html lang="cy">' in home
    assert "Cofnodion diweddaraf" in home and "Latest minutes" not in home  # a template's heading
    assert "Upcoming meetings" in home  # untranslated words stay English
    assert "16 Ionawr 2015" in home and "January" not in home  # dates in Welsh
    review = page(welsh, "reviews/play-areas")
    assert '<li><a href="/council/">Hafan</a></li>' in review  # a breadcrumb made in site.py
    assert '"name": "Hafan"' in review  # and in the page's schema.org breadcrumb trail
    reviews = page(welsh, "reviews")
    assert "3 argymhelliad (tri)." in reviews  # the plural form Welsh uses for three
    recommendation = page(welsh, "reviews/play-areas/recommendations/1")
    assert "Argymhelliad wedi&#39;i wneud" in recommendation  # a timeline event made in timeline.py
    assert "Dydd Gwener" in page(welsh, "meetings/scrutiny-2015-01-16")  # the day of the week too


def test_i18n_a_welsh_site_without_a_catalogue_has_english_words_and_welsh_dates(welsh):
    result = build(welsh)
    assert result.code == 0, result.stderr
    home = page(welsh, "")
    assert '<html lang="cy">' in home
    assert "Latest minutes" in home
    assert "16 Ionawr 2015" in home
    assert '<li><a href="/council/">Home</a></li>' in page(welsh, "reviews/play-areas")
    assert "3 recommendations." in page(welsh, "reviews")


def test_i18n_an_edited_catalogue_renders_the_pages_again(welsh, tmp_path, tmp_path_factory):
    # Page keys cover the catalogue: a build that keeps its cache must not reuse pages the
    # old translation made.
    cache = tmp_path / "kept-cache"
    write_po(welsh, WELSH)
    assert build(welsh, "--cache", str(cache)).code == 0
    write_po(welsh, WELSH.replace("Cofnodion diweddaraf", "Y cofnodion diweddaraf"))
    result = build(welsh, "--cache", str(cache))
    assert result.code == 0, result.stderr
    assert "Y cofnodion diweddaraf" in page(welsh, "")
    # The truth: the same site built from scratch in a fresh folder, with no cache.
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    shutil.copytree(welsh.root, fresh, ignore=shutil.ignore_patterns("public", "kept-cache", ".cache"))
    assert run_cli("build", "--no-search", "--as-of", "2015-06-01", "--no-cache", cwd=fresh).code == 0
    assert tree(welsh.root / "public") == tree(fresh / "public")


@pytest.mark.parametrize(
    "broken, line, words",
    [
        ('msgid "Home"\nmsgstr "Hafan\n', 2, "quoted"),  # an unfinished quotation
        ('msgid "Home"\nmsgstr "Hafan"\nmsgsrt "Hafan"\n', 3, "msgsrt"),  # a misspelt keyword
        ('#, python-format\nmsgid "Meeting on %(date)s"\nmsgstr "Cyfarfod ar %(dyddiad)s"\n', 2, "dyddiad"),
        ('msgid "Meeting on %(date)s"\nmsgstr "Cyfarfod ar %(dyddiad)s"\n', 1, "dyddiad"),  # no python-format flag
        ('msgid "Home"\nmsgstr "50% Hafan"\n', 1, "%"),  # a lone % would break every page
    ],
)
def test_i18n_a_broken_catalogue_is_a_plain_error_and_nothing_is_built(welsh, broken, line, words):
    write_po(welsh, broken)
    result = build(welsh)
    assert result.code == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert re.search(rf"^{re.escape(PO)}:{line}: .*{re.escape(words)}", result.stderr, re.MULTILINE), result.stderr
    assert "fix:" in result.stderr
    assert not (welsh.root / "public").exists()


def test_i18n_a_catalogue_that_is_not_utf8_is_a_plain_error(welsh):
    path = write_po(welsh, "")
    path.write_bytes(b'msgid "Home"\nmsgstr "Caf\xe9"\n')
    result = build(welsh)
    assert result.code == 1
    assert f"{PO}:2: " in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_i18n_the_site_catalogue_is_read_over_the_built_in_one(tmp_path, monkeypatch):
    built_in = tmp_path / "built-in"
    (built_in / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (built_in / "cy" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid "Home"\nmsgstr "Hafan"\n\nmsgid "Search"\nmsgstr "Chwilio"\n', encoding="utf-8"
    )
    monkeypatch.setattr(i18n, "BUILT_IN", built_in)
    site = tmp_path / "council"
    (site / "locale" / "cy-GB" / "LC_MESSAGES").mkdir(parents=True)
    (site / "locale" / "cy-GB" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid "Home"\nmsgstr "Tudalen flaen"\n\nmsgid "Search"\nmsgstr ""\n', encoding="utf-8"
    )
    catalogue = i18n.load_catalogue(site, "cy-GB")
    assert catalogue.gettext("Home") == "Tudalen flaen"  # the council's own word wins
    assert catalogue.gettext("Search") == "Chwilio"  # what it leaves untranslated, minutebook's
    assert catalogue.gettext("People") == "People"  # what neither translates stays English
    assert i18n.load_catalogue(tmp_path / "elsewhere", "cy").gettext("Home") == "Hafan"
    english = i18n.load_catalogue(site, "en-GB")
    assert english.gettext("Home") == "Home" and english.digest != catalogue.digest
    home = i18n.N_("Home")
    with i18n.speaking(catalogue):  # as render.py makes each page
        assert escape(home) == "Tudalen flaen" and i18n.translated(home) == "Tudalen flaen"
    assert escape(home) == "Home"  # outside a page, the English


def test_i18n_a_message_made_in_python_is_english_until_a_page_translates_it():
    words = i18n.N_("Minute %(number)s: %(title)s", number="3", title="Play areas")
    assert words == "Minute 3: Play areas" and isinstance(words, str)
    other = i18n.N_("%(a)s: %(b)s", a="Minute 3", b="Play areas")
    assert other == words and repr(other) != repr(words)  # a page key tells them apart
    catalogue = i18n.ENGLISH
    assert catalogue.text(i18n.N_("Made on %(day)s", day=dt.date(2014, 12, 5))) == "Made on 5 December 2014"


def test_i18n_dates_are_written_in_the_language():
    day = dt.date(2014, 12, 12)
    assert long_date(day) == "Friday 12 December 2014" and short_date(day) == "12 December 2014"
    welsh = i18n.load_catalogue(Path("no-such-site"), "cy")
    assert welsh.date(day, i18n.SHORT_DATE) == "12 Rhagfyr 2014"
    assert welsh.date(day, i18n.LONG_DATE) == "Dydd Gwener 12 Rhagfyr 2014"


def test_i18n_every_value_a_page_shows_as_a_word_is_in_the_catalogue():
    values = {
        value
        for kind in (
            model.CommitteeKind,
            model.MemberRole,
            model.PersonKind,
            model.MeetingStatus,
            model.WorkStatus,
            model.InterestKind,
            model.ReviewStatus,
            model.ResponseDecision,
            model.ImplementationStatus,
        )
        for value in get_args(kind)
    }
    values |= {kind for kind in get_args(model.ActionBy.__annotations__["kind"]) if kind not in ("date", "month")}
    assert values - set(i18n.WORDS) == set()


def test_i18n_the_shipped_catalogue_template_is_up_to_date(tmp_path):
    # If this fails, extract again (docs/translating.md says how) and commit minutebook/locale/messages.pot.
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(fresh), str(ROOT)])

    def msgids(path: Path) -> set[object]:
        with path.open("rb") as pot:
            return {message.id for message in read_po(pot) if message.id}

    shipped = msgids(ROOT / "minutebook" / "locale" / "messages.pot")
    extracted = msgids(fresh)
    assert extracted - shipped == set(), "words missing from minutebook/locale/messages.pot"
    assert shipped - extracted == set(), "words in minutebook/locale/messages.pot that nothing uses"
    assert {"Latest minutes", "Home", "Recommendation made", "held"} <= extracted  # templates, code and words


def test_i18n_a_broken_catalogue_names_file_and_line_when_loaded(tmp_path):
    folder = tmp_path / "locale" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text('msgid "Home"\nmsgstr[0] "Hafan"\nmsgstr[1] "Hafan"\n', encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        i18n.load_catalogue(tmp_path, "cy")
    assert [error.path for error in raised.value.errors] == [PO]


def test_i18n_copying_the_template_gives_an_english_site(tmp_path):
    # The first step of docs/translating.md: a copy of messages.pot, nothing translated yet, is valid.
    folder = tmp_path / "locale" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copyfile(ROOT / "minutebook" / "locale" / "messages.pot", folder / "messages.po")
    catalogue = i18n.load_catalogue(tmp_path, "cy")
    assert catalogue.gettext("Latest minutes") == "Latest minutes"
    assert catalogue.ngettext("%(num)d recommendation", "%(num)d recommendations", 3) == "%(num)d recommendations"
