"""Accountability figures: recommendations counted by decision and status, acceptance rate,
median days to response and to completion, and overdue items; per review, commission,
directorate and officer. Pure functions over the relations between records."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import lifecycle
from .i18n import N_
from .relations import Relations
from .model import Recommendation

ACCEPTING = ("accepted", "agreed", "partially accepted", "partially agreed")
STATUS_ORDER = ("completed", "in progress", "not started", "not progressed", "superseded")
DECISION_ORDER = (
    "accepted",
    "agreed",
    "partially accepted",
    "partially agreed",
    "noted",
    "deferred",
    "rejected",
    "not stated",
    "awaiting response",
)


@dataclass(frozen=True)
class GroupStats:
    name: str
    url: str | None
    total: int
    by_decision: dict[str, int]
    by_status: dict[str, int]
    acceptance: float | None  # share of recommendations with a stated decision that were accepted or agreed
    median_days_to_response: float | None
    median_days_to_completion: float | None
    overdue: int

    @property
    def accepting(self) -> int:
        return sum(self.by_decision.get(d, 0) for d in ACCEPTING)

    @property
    def acceptance_percent(self) -> int | None:
        """The acceptance rate in whole per cent, half rounded up, as the page shows it."""
        return None if self.acceptance is None else int(self.acceptance * 100 + 0.5)


def stats(name: str, url: str | None, recs: list[Recommendation], relations: Relations) -> GroupStats:
    decisions = Counter(relations.response_decision(rec) for rec in recs)
    statuses = Counter(rec.status for rec in recs)
    decided = sum(n for d, n in decisions.items() if d not in ("not stated", "awaiting response"))
    to_response: list[int] = []
    to_completion: list[int] = []
    for rec in recs:
        review = relations.review_of(rec)
        made = lifecycle.made_on(rec, review)
        for days, into in (
            (lifecycle.days_between(made, lifecycle.responded_on(rec, review)), to_response),
            (lifecycle.days_between(made, lifecycle.completed_on(rec, review)), to_completion),
        ):
            if days is not None:
                into.append(days)
    return GroupStats(
        name,
        url,
        len(recs),
        _ordered(decisions, DECISION_ORDER),
        _ordered(statuses, STATUS_ORDER),
        sum(decisions.get(d, 0) for d in ACCEPTING) / decided if decided else None,
        statistics.median(to_response) if to_response else None,
        statistics.median(to_completion) if to_completion else None,
        sum(1 for rec in recs if relations.is_overdue(rec)),
    )


def _ordered(counts: Counter, order: tuple[str, ...]) -> dict[str, int]:
    return {key: counts[key] for key in order if counts.get(key)}


def grouped_stats(
    relations: Relations, key: Callable[[Recommendation], Iterable[tuple[str, str | None]]]
) -> list[GroupStats]:
    """Stats per group; ``key`` gives each recommendation's groups as (name, url)."""
    groups: dict[tuple[str, str | None], list[Recommendation]] = defaultdict(list)
    for rec in relations.recommendations:
        for group in key(rec):
            groups[group].append(rec)
    return [stats(name, url, recs, relations) for (name, url), recs in sorted(groups.items(), key=lambda g: g[0][0])]


def officer_groups(
    rec: Recommendation, relations: Relations, url_of_person: Callable[[str], str]
) -> list[tuple[str, str | None]]:
    if rec.response and rec.response.officers:
        return [(relations.person(o).display_name, url_of_person(o)) for o in rec.response.officers]
    if rec.response and rec.response.responsible_team:
        return [(rec.response.responsible_team, None)]
    return [(N_("No officer named"), None)]


def directorate_groups(rec: Recommendation, relations: Relations) -> list[tuple[str, str | None]]:
    officers = rec.response.officers if rec.response else []
    names = sorted({relations.person(o).directorate or N_("Not recorded") for o in officers}) or [
        N_("No officer named")
    ]
    return [(name, None) for name in names]
