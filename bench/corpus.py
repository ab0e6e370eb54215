"""A synthetic council, deterministic from a seed, shaped like the Rotherham example: committees,
people, meetings with agendas, attendance and about 3 KB of minutes, reports, and scrutiny
reviews whose recommendations have responses and monitoring updates.

    python bench/corpus.py OUT --committees 40 --years 20 --reviews 400   # the large council
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

WORDS = (
    "council scrutiny members report services residents committee recommendation officers "
    "partners budget review evidence safeguarding housing transport planning support young "
    "people children adults health wellbeing performance plan action progress update funding "
    "strategy consultation community borough director cabinet monitoring delivery outcomes"
).split()
MEETINGS_PER_YEAR = 10
LAST_YEAR = 2025  # the archive runs up to the year before the bench's as-of date, as a council's does
MEMBERS = 8
RECOMMENDATIONS = 12
KINDS = ("overview and scrutiny", "planning", "committee", "executive")
DECISIONS = ("accepted", "accepted", "agreed", "partially accepted", "rejected", "deferred")
STATUSES = ("not started", "in progress", "in progress", "completed", "completed")


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


def generate(out: Path, committees: int, years: int, reviews: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("committees", "people", "meetings", "reports", "reviews"):
        (out / folder).mkdir(parents=True)
    (out / "site.yaml").write_text(
        "council: Synthetic Borough Council\ntitle: Synthetic Council Meetings\n"
        "base_url: https://bench.example.org/\nchecks_start: 2100-01-01\n"
    )
    people = max(1000 * committees // 40, 30)
    person_ids = [f"person-{n:04d}" for n in range(people)]
    for n, person in enumerate(person_ids):
        kind = "councillor" if n % 10 < 6 else "officer" if n % 10 < 9 else "witness"
        extra = "job_title: Service Manager\ndirectorate: Resources\n" if kind == "officer" else ""
        (out / "people" / f"{person}.yaml").write_text(
            f"name: Person {n:04d}\nkind: {kind}\n"
            + ("honorific: Councillor\n" if kind == "councillor" else "")
            + extra
        )
    councillors = [p for n, p in enumerate(person_ids) if n % 10 < 6]
    officers = [p for n, p in enumerate(person_ids) if 6 <= n % 10 < 9]
    counts = {"meetings": 0, "reports": 0, "recommendations": 0}
    committee_ids = [f"committee-{n:02d}" for n in range(committees)]
    for index, committee in enumerate(committee_ids):
        members = rng.sample(councillors, MEMBERS)
        lines = [
            f"name: Committee {index:02d} for {rng.choice(WORDS).capitalize()}",
            f"short_name: C{index:02d}",
            f"kind: {KINDS[index % len(KINDS)]}",
            "members:",
        ]
        lines += [f"  - person: {p}\n    role: {'chair' if i == 0 else 'member'}" for i, p in enumerate(members)]
        (out / "committees" / f"{committee}.yaml").write_text("\n".join(lines) + "\n")
        for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
            for month in (1, 2, 3, 4, 6, 7, 9, 10, 11, 12)[:MEETINGS_PER_YEAR]:
                day = dt.date(year, month, 1 + (index % 27))
                _meeting(out, rng, committee, day, members, officers)
                counts["meetings"] += 1
                counts["reports"] += 1
    for n in range(reviews):
        counts["recommendations"] += _review(out, rng, n, rng.choice(committee_ids), councillors, officers, years)
    return counts


def _meeting(
    out: Path, rng: random.Random, committee: str, day: dt.date, members: list[str], officers: list[str]
) -> None:
    meeting_id = f"{committee}-{day.isoformat()}"
    agenda = "\n".join(
        f"      - number: {i}\n        title: {sentence(rng, 6)[:-1]}\n        minute: {i}"
        + ("\n        report: " + f"report-{meeting_id}" if i == 5 else "")
        for i in range(1, 7)
    )
    minutes = []
    for i in range(1, 7):
        body = "\n\n".join(paragraph(rng, 4) for _ in range(1))
        minutes.append(
            f'  - number: {i}\n    title: {sentence(rng, 6)[:-1]}\n    agenda_item: "{i}"\n'
            f"    body: {block(body, 6)}    resolutions:\n      - text: That the report be noted."
        )
    text = (
        f'committee: {committee}\ndate: {day.isoformat()}\nstart_time: "10:00"\nvenue: Town Hall\n'
        f"status: held\nagenda:\n  - items:\n{agenda}\nattendance:\n  chair: {members[0]}\n"
        f"  present: [{', '.join(members[1:6])}]\n  apologies: [{', '.join(members[6:])}]\n"
        f"  officers: [{rng.choice(officers)}]\nminutes:\n" + "\n".join(minutes) + "\n"
    )
    (out / "meetings" / f"{meeting_id}.yaml").write_text(text)
    (out / "reports" / f"report-{meeting_id}.md").write_text(
        f'---\ntitle: {sentence(rng, 7)[:-1]}\nmeeting: {meeting_id}\nagenda_item: "5"\ndate: {day.isoformat()}\n'
        f"directorate: Resources\nauthor: {rng.choice(officers)}\nsummary: {sentence(rng)}\n---\n"
        + "\n\n".join(paragraph(rng) for _ in range(3))
        + "\n"
    )


def _review(
    out: Path, rng: random.Random, n: int, commission: str, councillors: list[str], officers: list[str], years: int
) -> int:
    review = out / "reviews" / f"review-{n:04d}"
    (review / "recommendations").mkdir(parents=True)
    reported = dt.date(LAST_YEAR - rng.randrange(years), rng.randint(1, 12), rng.randint(1, 28))
    responded = reported + dt.timedelta(days=rng.randint(20, 90))
    (review / "review.md").write_text(
        f"---\ntitle: Review {n:04d} of {rng.choice(WORDS)}\ncommittee: {commission}\nchair: {rng.choice(councillors)}\n"
        f"status: monitoring\nreported: {reported}\naims:\n  - {sentence(rng)}\n"
        f"response:\n  by: Cabinet\n  date: {responded}\n---\n" + "\n\n".join(paragraph(rng) for _ in range(4)) + "\n"
    )
    for r in range(1, RECOMMENDATIONS + 1):
        due = responded + dt.timedelta(days=rng.randint(60, 400))
        updates, status = [], "not started"
        for u in range(rng.randint(0, 2)):
            status = rng.choice(STATUSES)
            when = responded + dt.timedelta(days=120 * (u + 1))
            updates.append(f"  - date: {when}\n    status: {status}\n    note: {sentence(rng)}")
        (review / "recommendations" / f"{r}.yaml").write_text(
            f"text: {block(paragraph(rng, 2), 2)}response:\n  decision: {rng.choice(DECISIONS)}\n"
            f"  text: {block(paragraph(rng, 3), 4)}  officers: [{rng.choice(officers)}]\n  action_by: {due}\n"
            f"status: {status}\n" + ("updates:\n" + "\n".join(updates) + "\n" if updates else "")
        )
    return RECOMMENDATIONS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--committees", type=int, default=4)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--reviews", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.out, args.committees, args.years, args.reviews, args.seed))


if __name__ == "__main__":
    main()
