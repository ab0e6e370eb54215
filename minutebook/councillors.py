"""Councillors through time: whether someone is a councillor on a day, which ward they represent,
the posts they hold, and each ward's councillors over time. Pure functions of a person and a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Person, Post, Term


def term_on(person: Person, day: dt.date) -> Term | None:
    """The term of office that covers ``day``, if any."""
    return next((t for t in person.terms if t.start <= day and (t.end is None or t.end >= day)), None)


def is_current(person: Person, day: dt.date) -> bool:
    """A councillor in office on ``day``: by their terms where the content gives them, else until
    ``left_office``. Anyone who is not a councillor is current until they leave office."""
    if person.kind == "councillor" and person.terms:
        return term_on(person, day) is not None
    return person.left_office is None or person.left_office >= day


def latest_term(person: Person, day: dt.date) -> Term | None:
    """The term covering ``day``, else the last one before it."""
    started = [t for t in person.terms if t.start <= day]
    return term_on(person, day) or (started[-1] if started else None)


def first_elected(person: Person) -> dt.date | None:
    return min((t.start for t in person.terms), default=None)


def party_on(person: Person, day: dt.date) -> str | None:
    """The party they stood for in the term covering ``day``, else their party now."""
    term = latest_term(person, day)
    return (term.party if term and term.party else None) or person.party


def posts_on(person: Person, day: dt.date) -> list[Post]:
    """The posts held on ``day``."""
    return [p for p in person.posts if (p.since is None or p.since <= day) and (p.until is None or p.until >= day)]


@dataclass(frozen=True)
class Seat:
    """One councillor's term for one ward, for the ward's page."""

    person: Person
    term: Term
    current: bool


def ward_seats(people: list[Person], day: dt.date) -> dict[str, list[Seat]]:
    """Each ward's terms of office, current ones first, then the rest newest first."""
    seats: dict[str, list[Seat]] = {}
    for person in people:
        for term in person.terms:
            if term.ward:
                current = term.start <= day and (term.end is None or term.end >= day)
                seats.setdefault(term.ward, []).append(Seat(person, term, current))
    for found in seats.values():
        found.sort(key=lambda s: (not s.current, -s.term.start.toordinal(), s.person.sort_key))
    return seats
