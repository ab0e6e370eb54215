"""What of a person may be published: withhold.py, on registers of interests and home contact."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from minutebook.model import Gift, Markdown, Person, PostalAddress, RegisteredInterest
from minutebook.withhold import withhold
from tests.unit.test_decisions import CONTENT, TAKEN

NOW = dt.datetime(2025, 6, 1, 12)
SECRET = "CANARY-SENSITIVE-INTEREST"
HOME = PostalAddress("CANARY-HOME-ADDRESS, 12 Acacia Avenue, Kingsford KF1 9ZZ")
PHONE = "01999 CANARY-HOME-PHONE"

JOB = RegisteredInterest(category="employment", description=Markdown("Pharmacist."), entered=dt.date(2023, 5, 21))
SENSITIVE = RegisteredInterest(
    category="land",
    description=Markdown(f"{SECRET}: the house at 3 Mill Lane."),
    partner=True,
    sensitive=True,
    entered=dt.date(2023, 5, 21),
    removed=dt.date(2025, 3, 1),
)
PRIVATE = Person(
    name="Priya Bhatt",
    kind="councillor",
    id="cllr-bhatt",
    register=[JOB, SENSITIVE],
    gifts=[Gift(date=dt.date(2024, 11, 8), donor="Chamber of Commerce", description="Dinner.", value="£75")],
    home_address=HOME,
    home_phone=PHONE,
)
OPEN = Person(
    name="Derek Farrant",
    kind="councillor",
    id="cllr-farrant",
    register=[JOB],
    home_address=PostalAddress("The Old Forge, Hadley Cross"),
    home_phone="01999 340112",
    home_public=True,
)


def people(**changes: object) -> dict[str, Person]:
    return {**CONTENT.people, "cllr-bhatt": PRIVATE, "cllr-farrant": OPEN, **changes}  # type: ignore[dict-item]


# Nothing else withheld (the quick path that cuts no references), and a draft decision withheld.
SOMETHING_ELSE = {"draft": dataclasses.replace(TAKEN, draft=True), "taken": TAKEN}


@pytest.mark.parametrize("decisions", [{}, SOMETHING_ELSE], ids=["nothing else withheld", "a draft withheld"])
@pytest.mark.parametrize("drafts", [False, True], ids=["published", "drafts preview"])
def test_a_sensitive_interest_keeps_its_category_and_dates_only(decisions, drafts):
    content = dataclasses.replace(CONTENT, people=people(), decisions=decisions)
    person = withhold(content, NOW, drafts=drafts).people["cllr-bhatt"]
    assert SECRET not in repr(person) and "Mill Lane" not in repr(person)
    job, sensitive = person.register
    assert job is JOB
    assert (sensitive.category, sensitive.sensitive, sensitive.entered, sensitive.removed) == (
        "land",
        True,
        dt.date(2023, 5, 21),
        dt.date(2025, 3, 1),
    )
    assert sensitive.description == "" and isinstance(sensitive.description, Markdown)
    assert sensitive.partner is False  # whose interest it is would tell something of it
    assert person.gifts == PRIVATE.gifts


@pytest.mark.parametrize("decisions", [{}, SOMETHING_ELSE], ids=["nothing else withheld", "a draft withheld"])
@pytest.mark.parametrize("drafts", [False, True], ids=["published", "drafts preview"])
def test_a_home_address_and_phone_are_published_only_if_agreed(decisions, drafts):
    content = dataclasses.replace(CONTENT, people=people(), decisions=decisions)
    kept = withhold(content, NOW, drafts=drafts).people
    assert (kept["cllr-bhatt"].home_address, kept["cllr-bhatt"].home_phone) == (None, None)
    assert "CANARY-HOME" not in repr(kept)
    assert kept["cllr-farrant"] is OPEN  # agreed to: nothing to withhold, the very same record


@pytest.mark.parametrize("decisions", [{}, SOMETHING_ELSE], ids=["nothing else withheld", "a draft withheld"])
def test_a_person_with_nothing_to_withhold_is_the_same_object(decisions):
    content = dataclasses.replace(CONTENT, people=people(), decisions=decisions)
    kept = withhold(content, NOW).people
    assert all(kept[key] is person for key, person in CONTENT.people.items())
    assert kept["cllr-farrant"] is OPEN
    again = withhold(content, NOW).people
    assert again["cllr-bhatt"] is kept["cllr-bhatt"]  # worked out once per record (memo.per_record)
