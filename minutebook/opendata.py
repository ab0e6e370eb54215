"""Everything on the site also as data: CSV and JSON per dataset, described by a Frictionless
Data Package, plus people, the council, committees, wards, parties, motions and votes as Popolo, and
meetings and votes as Open Civic Data events and vote events.

Each dataset is declared once, as fields with a type and a description; the files, the data
package descriptor and the Data page are all made from that declaration.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from . import councillors, documents, lifecycle
from .decisions import maker_kind
from .exports import spreadsheet_safe
from .model import Decision, Document, Meeting, Person, Term, Vote
from .relations import Relations, attendance_roles
from .urls import Urls
from .votes import Question, questions_at


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, date, time, boolean, number
    description: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: Callable[[Relations, Urls], Iterator[dict[str, Any]]]


def F(name: str, kind: str, description: str) -> Field:  # noqa: N802 - reads like a table of fields
    return Field(name, kind, description)


def _meetings(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for m in relations.meetings:
        yield {
            "id": m.id,
            "committee": m.committee,
            "committee_name": relations.committee(m.committee).name,
            "date": m.date,
            "start_time": m.start_time,
            "end_time": m.end_time,
            "venue": m.venue,
            "status": relations.meeting_status(m),
            "agenda_published": m.agenda_published,
            "has_minutes": bool(m.minutes),
            "url": urls.absolute(urls.meeting(m.id)),
        }


def _agenda_items(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for m in relations.meetings:
        for section in m.agenda:
            for item in section.items:
                yield {
                    "meeting": m.id,
                    "number": item.number,
                    "section": section.heading,
                    "title": item.title,
                    "pages": item.pages,
                    "report": item.report,
                    "exempt_paragraph": item.exempt,
                    "minute": item.minute,
                    "url": urls.absolute(urls.meeting(m.id)) + f"#item-{item.number}",
                }


def _attendance(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for m in relations.meetings:
        for role, ids in attendance_roles(m):
            for person_id in ids:
                yield {
                    "meeting": m.id,
                    "person": person_id,
                    "name": relations.person(person_id).display_name,
                    "attendance": role,
                }


def _minutes(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for m in relations.meetings:
        for item in m.minutes:
            resolutions = [
                r.text.strip() + "".join(f" ({chr(97 + i)}) {sub.strip()}" for i, sub in enumerate(r.items))
                for r in item.resolutions
            ]
            yield {
                "meeting": m.id,
                "number": item.number,
                "title": item.title,
                "agenda_item": item.agenda_item,
                "exempt_paragraph": item.exempt,
                "text": (item.public_summary if item.exempt else item.body) or "",
                "resolutions": "\n".join(f"({n}) {text}" for n, text in enumerate(resolutions, 1)),
                "url": urls.absolute(urls.minute_anchor(m.id, item.number)),
            }


def _declarations(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for m in relations.meetings:
        for d in m.declarations:
            yield {
                "meeting": m.id,
                "person": d.person,
                "name": relations.person(d.person).display_name,
                "minute": d.minute,
                "interest": d.interest,
                "description": d.description.strip(),
            }


def _reviews(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for r in relations.reviews:
        clock = relations.response_clock(r)
        yield {
            "id": r.id,
            "title": r.title,
            "committee": r.committee,
            "chair": r.chair,
            "status": r.status,
            "started": r.started,
            "reported": r.reported,
            "response_by": r.response.by if r.response else None,
            "response_date": r.response.date if r.response else None,
            "response_due": clock.due if clock else None,
            "recommendations": len(r.recommendations),
            "url": urls.absolute(urls.review(r.id)),
        }


def _recommendations(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for rec in relations.recommendations:
        review = relations.review_of(rec)
        response = rec.response
        due = lifecycle.current_action_by(rec)
        theme = next((t.title for t in review.themes if t.id == rec.theme), None)
        yield {
            "review": rec.review,
            "id": rec.id,
            "theme": theme,
            "text": rec.text.strip(),
            "made": lifecycle.made_on(rec, review),
            "decision": relations.response_decision(rec),
            "response": (response.text or "").strip() if response else None,
            "officers": "; ".join(relations.person(o).display_name for o in response.officers) if response else None,
            "responsible_team": response.responsible_team if response else None,
            "action_by": str(due) if due else None,
            "status": rec.status,
            "overdue": relations.is_overdue(rec),
            "overdue_because": relations.overdue_because(rec),
            "updates": len(rec.updates),
            "latest_update": rec.updates[-1].date if rec.updates else None,
            "url": urls.absolute(urls.recommendation(rec.review, rec.id)),
        }


def _updates(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for rec in relations.recommendations:
        for u in rec.updates:
            yield {
                "review": rec.review,
                "recommendation": rec.id,
                "date": u.date,
                "status": u.status,
                "meeting": u.meeting,
                "note": u.note.strip(),
            }


def _terms(person: Person) -> list[Term]:
    """A person's terms, oldest first."""
    return sorted(person.terms, key=lambda t: (t.start, t.end or dt.date.max))


def _ward_name(relations: Relations, ward_id: str | None) -> str | None:
    ward = relations.content.wards.get(ward_id or "")
    return ward.name if ward else None


def _people(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for p in relations.people:
        term = councillors.latest_term(p, relations.as_of)
        private = p.home_public  # a home address and private phone only with their agreement
        yield {
            "id": p.id,
            "name": p.name,
            "honorific": p.honorific,
            "kind": p.kind,
            "job_title": p.job_title,
            "directorate": p.directorate,
            "organisation": p.organisation,
            "party": p.party,
            "group": p.group,
            "current": relations.is_current(p) if p.kind == "councillor" else None,
            "ward": term.ward if term else None,
            "ward_name": _ward_name(relations, term.ward if term else None),
            "home_address": p.home_address if private else None,
            "home_phone": p.home_phone if private else None,
            "url": urls.absolute(urls.person(p.id)),
        }


def _ward_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for w in relations.wards:
        now = {seat.person.id: seat.person for seat in relations.ward_seats.get(w.id, []) if seat.current}
        yield {
            "id": w.id,
            "name": w.name,
            "kind": w.kind,
            "seats": w.seats,
            "councillors_now": "; ".join(p.display_name for p in sorted(now.values(), key=lambda p: p.sort_key)),
            "url": urls.absolute(urls.ward(w.id)),
        }


def _term_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for p in relations.people:
        for t in _terms(p):
            yield {
                "person": p.id,
                "person_name": p.display_name,
                "ward": t.ward,
                "start": t.start,
                "how": t.how,
                "party": t.party or p.party,
                "end": t.end,
                "why_ended": t.why_ended,
            }


def _post_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for p in relations.people:
        for post in sorted(p.posts, key=lambda x: (x.since or dt.date.min, x.title)):
            yield {
                "person": p.id,
                "person_name": p.display_name,
                "title": post.title,
                "kind": post.kind,
                "since": post.since,
                "until": post.until,
            }


def _interest_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for p in relations.people:
        for i in p.register:
            yield {
                "person": p.id,
                "person_name": p.display_name,
                "category": i.category,
                # A sensitive interest (Localism Act 2011, s.32): its category and dates only, whatever
                # withholding left; whose interest it is would be a detail of it too.
                "description": "" if i.sensitive else i.description.strip(),
                "sensitive": i.sensitive,
                "partner": False if i.sensitive else i.partner,
                "entered": i.entered,
                "removed": i.removed,
            }


def _gift_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for p in relations.people:
        for g in sorted(p.gifts, key=lambda x: x.date):
            yield {
                "person": p.id,
                "person_name": p.display_name,
                "date": g.date,
                "donor": g.donor,
                "description": g.description,
                "value": g.value,
            }


def _memberships(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for c in relations.committees:
        for m in c.members:
            yield {
                "committee": c.id,
                "person": m.person,
                "role": m.role,
                "since": m.since,
                "until": m.until,
                "represents": m.represents,
            }


def _decision_text(decision: Decision) -> str:
    """The decision as its page shows it: an exempt decision's public summary, never its text."""
    if decision.exempt is not None:
        return (decision.public_summary or "").strip()
    return decision.decision.strip()


def _decisions(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for d in relations.decisions:
        now = relations.standing(d)
        call_in = d.call_in
        again = call_in.reconsidered if call_in else None
        yield {
            "id": d.id,
            "title": d.title,
            "date": d.date,
            "decision_maker": relations.decision_maker(d),
            "decision_maker_kind": maker_kind(d, relations.content),
            "committee": d.committee,
            "person": d.person,
            "capacity": d.capacity,
            "meeting": d.meeting,
            "minute": d.minute,
            "key_decision": d.key_decision,
            "notice": d.notice,
            "urgency": d.urgency.kind if d.urgency else None,
            "published": d.published,
            "call_in_deadline": now.deadline,
            "status": now.status,
            "implementable_from": now.implementable,
            "call_in_exempt": d.call_in_exempt,
            "called_in": call_in.requested if call_in else None,
            "called_in_by": "; ".join(call_in.by) if call_in and call_in.by else None,
            "call_in_outcome": call_in.outcome if call_in else None,
            "reconsidered": again.result if again else None,
            "reconsidered_on": again.date if again else None,
            "exempt_paragraph": d.exempt,
            "text": _decision_text(d),
            "reasons": d.reasons.strip() if d.reasons else None,
            "wards": "; ".join(d.wards) if d.wards else None,
            "url": urls.absolute(urls.decision(d.id)),
        }


def _notices(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    taken = relations.decision_on_notice
    for n in relations.notices:
        decision = taken.get(n.id)
        yield {
            "id": n.id,
            "title": n.title,
            "published": n.published,
            "expected": n.expected,
            "decision_maker": relations.decision_maker(n),
            "decision_maker_kind": maker_kind(n, relations.content),
            "committee": n.committee,
            "person": n.person,
            "capacity": n.capacity,
            "key_decision": n.key_decision,
            "summary": n.summary.strip() if n.summary else None,
            "private_paragraph": n.private.paragraph if n.private else None,
            "private_reason": n.private.reason if n.private else None,
            "wards": "; ".join(n.wards) if n.wards else None,
            "contact": n.contact,
            "decision": decision.id if decision else None,
            "url": urls.absolute(urls.notice(n.id)),
        }


def _planning_applications(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for a in relations.planning_applications:
        meeting = relations.meeting(a.meeting)
        vote = a.vote
        yield {
            "id": a.id,
            "reference": a.reference,
            "site_address": a.site_address,
            "ward": a.ward,
            "ward_name": _ward_name(relations, a.ward),
            "proposal": a.proposal.strip(),
            "officer_recommendation": a.officer_recommendation,
            "decision": a.decision,
            "against_recommendation": a.against_recommendation,
            "decision_reason": a.decision_reason.strip(),
            "conditions_summary": a.conditions_summary.strip() if a.conditions_summary else None,
            "committee": meeting.committee,
            "meeting": a.meeting,
            "date": meeting.date,
            "minute": a.minute,
            "speakers_for": len(a.speaking("for")),
            "speakers_against": len(a.speaking("against")),
            "in_favour": vote.count("in favour") if vote else None,
            "against": vote.count("against") if vote else None,
            "abstained": vote.count("abstained") if vote else None,
            "casting_vote": vote.casting_vote if vote else None,
            "recorded_vote": vote.recorded is not None if vote else None,
            "portal": a.portal,
            "url": urls.absolute(urls.application(a.id)),
        }


def _published_votes(relations: Relations) -> Iterator[tuple[Question, Vote]]:
    """Every vote the minutes' pages show, with its question."""
    return ((q, q.vote) for q in _questions(relations) if q.vote is not None)


def _vote_url(urls: Urls, taken: Question) -> str:
    return urls.absolute(urls.minute(taken.meeting.id, taken.minute.number)) + "#" + taken.anchor


def _votes(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for taken, vote in _published_votes(relations):
        yield {
            "meeting": taken.meeting.id,
            "minute": taken.minute.number,
            "question": taken.label,
            "outcome": taken.outcome,
            "in_favour": vote.count("in favour"),
            "against": vote.count("against"),
            "abstained": vote.count("abstained"),
            "casting_vote": vote.casting_vote,
            "recorded": vote.recorded is not None,
            "url": _vote_url(urls, taken),
        }


def _recorded_votes(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for taken, vote in _published_votes(relations):
        if vote.recorded is None:
            continue
        for choice, person in vote.recorded.choices():
            yield {
                "meeting": taken.meeting.id,
                "minute": taken.minute.number,
                "question": taken.label,
                "person": person,
                "person_name": relations.person(person).display_name,
                "vote": choice,
                "outcome": taken.outcome,
                "url": _vote_url(urls, taken),
            }


def _questions(relations: Relations) -> Iterator[Question]:
    """The questions of every published minute (an exempt minute shows only its public summary)."""
    for m in relations.meetings:
        yield from (q for q in questions_at(m) if q.minute.exempt is None)


def _motions(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for q in _questions(relations):
        if q.kind == "resolution":
            continue
        yield {
            "meeting": q.meeting.id,
            "minute": q.minute.number,
            "motion": q.title,
            "kind": q.kind,
            "number": q.number,
            "moved_by": q.moved_by,
            "seconded_by": q.seconded_by,
            "outcome": q.outcome,
            "text": q.text,
            "substantive": q.substantive,
            "voted": q.vote is not None,
            "url": urls.absolute(urls.minute(q.meeting.id, q.minute.number)) + "#" + q.anchor,
        }


URL = F("url", "string", "the page on this site")


def _document_rows(relations: Relations, urls: Urls) -> Iterator[dict[str, Any]]:
    for kind, records in documents.holders(relations.content).items():
        for key, record in sorted(records.items()):
            for document in documents.documents_of(record):
                stored = document.stored
                address = urls.document(stored.path) if stored else urls.link(document.url) if document.url else None
                yield {
                    "record_type": kind,
                    "record": key,
                    "title": document.title,
                    "url": urls.absolute(address) if address and address.startswith("/") else address,
                    "file_type": documents.MEDIA_TYPES[stored.extension] if stored else None,
                    "bytes": stored.size if stored else None,
                    "pages": stored.pages if stored else None,
                    "text_url": urls.absolute(urls.document_text(stored.path)) if stored and stored.text else None,
                    "exempt": document.exempt,
                }


DATASETS = (
    Dataset(
        "meetings",
        "Meetings",
        "Every published meeting.",
        (
            F("id", "string", "the meeting's id"),
            F("committee", "string", "the committee's id"),
            F("committee_name", "string", "the committee's name"),
            F("date", "date", "the meeting date"),
            F("start_time", "string", "start time, 24-hour HH:MM, UK time"),
            F("end_time", "string", "finish time"),
            F("venue", "string", "where it is held"),
            F(
                "status",
                "string",
                "scheduled, held, cancelled or postponed; awaiting minutes for a meeting whose day has passed "
                "while its record still says scheduled, on the date the data was generated",
            ),
            F("agenda_published", "date", "when the agenda was published"),
            F("has_minutes", "boolean", "whether the minutes are published"),
            URL,
        ),
        _meetings,
    ),
    Dataset(
        "agenda_items",
        "Agenda items",
        "Every item of every published agenda (confidential items are never published).",
        (
            F("meeting", "string", "the meeting's id"),
            F("number", "string", "the item number as printed"),
            F("section", "string", "the agenda section heading"),
            F("title", "string", "the item's title"),
            F("pages", "string", "page range in the agenda pack"),
            F("report", "string", "the report's id"),
            F("exempt_paragraph", "integer", "paragraph of Schedule 12A if exempt"),
            F("minute", "string", "the number of the minute that records it, as the minutes print it, e.g. 80 or P24"),
            URL,
        ),
        _agenda_items,
    ),
    Dataset(
        "attendance",
        "Attendance",
        "Who attended each meeting, and in what capacity.",
        (
            F("meeting", "string", "the meeting's id"),
            F("person", "string", "the person's id"),
            F("name", "string", "the person's name"),
            F("attendance", "string", "chair, present, apologies, absent, also in attendance, officer or witness"),
        ),
        _attendance,
    ),
    Dataset(
        "minutes",
        "Minutes",
        "Every published minute item (exempt items: the public summary only).",
        (
            F("meeting", "string", "the meeting's id"),
            F("number", "string", "the minute number as the minutes print it, e.g. 80 or P24"),
            F("title", "string", "the minute's title"),
            F("agenda_item", "string", "the agenda item it records"),
            F("exempt_paragraph", "integer", "paragraph of Schedule 12A if exempt"),
            F("text", "string", "the minute text in Markdown, or the public summary of an exempt item"),
            F("resolutions", "string", "what was resolved, numbered"),
            URL,
        ),
        _minutes,
    ),
    Dataset(
        "declarations",
        "Declarations of interest",
        "Interests declared at meetings.",
        (
            F("meeting", "string", "the meeting's id"),
            F("person", "string", "the person's id"),
            F("name", "string", "the person's name"),
            F("minute", "string", "the number of the minute it concerns, as the minutes print it, e.g. 80 or P24"),
            F("interest", "string", "the kind of interest"),
            F("description", "string", "as minuted"),
        ),
        _declarations,
    ),
    Dataset(
        "motions",
        "Motions and amendments",
        "Every motion and amendment moved at a published meeting, one row each (not those of exempt items).",
        (
            F("meeting", "string", "the meeting's id"),
            F("minute", "string", "the number of the minute that records it, as the minutes print it, e.g. 80 or P24"),
            F("motion", "string", "what the motion is about"),
            F("kind", "string", "motion or amendment"),
            F("number", "integer", "a motion's place among the minute's motions; an amendment's number"),
            F("moved_by", "string", "the person id of who moved it"),
            F("seconded_by", "string", "the person id of who seconded it"),
            F("outcome", "string", "carried, lost or withdrawn"),
            F("text", "string", "the motion or amendment as moved, in Markdown"),
            F("substantive", "string", "for a motion: the substantive motion, as amended, that was finally put"),
            F("voted", "boolean", "whether a vote on it is recorded (see the votes dataset)"),
            F("url", "string", "where the minute's page shows it"),
        ),
        _motions,
    ),
    Dataset(
        "votes",
        "Votes",
        "Every vote recorded in published minutes, one row each: on resolutions, motions and amendments.",
        (
            F("meeting", "string", "the meeting's id"),
            F("minute", "string", "the number of the minute that records it, as the minutes print it, e.g. 80 or P24"),
            F("question", "string", "what was voted on, e.g. Resolution 1 or Motion: ..."),
            F("outcome", "string", "carried, lost or withdrawn"),
            F("in_favour", "integer", "how many voted for"),
            F("against", "integer", "how many voted against"),
            F("abstained", "integer", "how many abstained"),
            F("casting_vote", "string", "the chair's casting vote when the votes were equal: in favour or against"),
            F("recorded", "boolean", "a recorded (named) vote: how each member voted is in recorded_votes"),
            F("url", "string", "where the minute's page shows the vote"),
        ),
        _votes,
    ),
    Dataset(
        "recorded_votes",
        "Recorded votes",
        "How each member voted in each recorded (named) vote, one row per member per vote.",
        (
            F("meeting", "string", "the meeting's id"),
            F("minute", "string", "the number of the minute that records it, as the minutes print it, e.g. 80 or P24"),
            F("question", "string", "what was voted on"),
            F("person", "string", "the member's person id"),
            F("person_name", "string", "the member's name"),
            F("vote", "string", "in favour, against or abstained"),
            F("outcome", "string", "carried, lost or withdrawn"),
            F("url", "string", "where the minute's page shows the vote"),
        ),
        _recorded_votes,
    ),
    Dataset(
        "decisions",
        "Decisions",
        "Every published decision of the executive, its members, committees and officers (exempt "
        "decisions: the public summary only).",
        (
            F("id", "string", "the decision's id"),
            F("title", "string", "what the decision is about"),
            F("date", "date", "when it was taken"),
            F("decision_maker", "string", "the body or person who took it"),
            F("decision_maker_kind", "string", "executive, executive member, committee or officer"),
            F("committee", "string", "the committee's id, for a decision taken by a committee"),
            F("person", "string", "the person's id, for a decision taken by a Cabinet member or an officer"),
            F("capacity", "string", "the portfolio or delegated power it was taken under"),
            F("meeting", "string", "the id of the meeting it was taken at"),
            F(
                "minute",
                "string",
                "the number of the minute of that meeting that records it, as the minutes print it, e.g. 80 or P24",
            ),
            F("key_decision", "boolean", "whether it is a key decision"),
            F("notice", "string", "the id of its Forward Plan notice (see forward_plan)"),
            F("urgency", "string", "general exception or special urgency, if taken without the usual notice"),
            F("published", "date", "when the decision notice was published"),
            F("call_in_deadline", "date", "the last day it could be called in (empty if not subject to call-in)"),
            F(
                "status",
                "string",
                "not yet published, open to call-in, called in, referred back, referred to full council, "
                "can be implemented or revoked, on the date the data was generated",
            ),
            F("implementable_from", "date", "the first day it can be implemented, once known"),
            F("call_in_exempt", "string", "why it cannot be called in"),
            F("called_in", "date", "when a call-in request was received"),
            F("called_in_by", "string", "the person ids of the councillors who called it in, separated by ;"),
            F(
                "call_in_outcome",
                "string",
                "no further action, referred back, referred to full council, request withdrawn or request not valid",
            ),
            F("reconsidered", "string", "after a referral: confirmed, amended or revoked"),
            F("reconsidered_on", "date", "when the decision maker reconsidered it"),
            F("exempt_paragraph", "integer", "paragraph of Schedule 12A if its details are exempt"),
            F("text", "string", "the decision in Markdown, or the public summary of an exempt decision"),
            F("reasons", "string", "the reasons for it, in Markdown (none for an exempt decision)"),
            F("wards", "string", "wards affected, separated by ;"),
            URL,
        ),
        _decisions,
    ),
    Dataset(
        "forward_plan",
        "Forward Plan",
        "Every published notice of a decision to be taken.",
        (
            F("id", "string", "the notice's id"),
            F("title", "string", "the decision to be taken"),
            F("published", "date", "when the notice was first published"),
            F("expected", "date", "when the decision is expected to be taken"),
            F("decision_maker", "string", "the body or person who will take it"),
            F("decision_maker_kind", "string", "executive, executive member, committee or officer"),
            F("committee", "string", "the committee's id, for a decision a committee will take"),
            F("person", "string", "the person's id, for a decision a Cabinet member or an officer will take"),
            F("capacity", "string", "the portfolio or delegated power it will be taken under"),
            F("key_decision", "boolean", "whether it is a key decision"),
            F("summary", "string", "what the decision is about, in Markdown"),
            F("private_paragraph", "integer", "paragraph of Schedule 12A if part will be considered in private"),
            F("private_reason", "string", "why part will be considered in private"),
            F("wards", "string", "wards affected, separated by ;"),
            F("contact", "string", "the person id of the officer to contact"),
            F("decision", "string", "the id of the decision, once taken (see decisions)"),
            URL,
        ),
        _notices,
    ),
    Dataset(
        "planning_applications",
        "Planning applications",
        "Every published planning application decided at a committee meeting, one row each (speakers are "
        "counted, not named).",
        (
            F("id", "string", "the application's id on this site"),
            F("reference", "string", "the council's reference for the application, e.g. 24/00123/FUL"),
            F("site_address", "string", "the address of the site"),
            F("ward", "string", "the id of the ward the site is in"),
            F("ward_name", "string", "that ward's name"),
            F("proposal", "string", "what the application proposes, in Markdown"),
            F("officer_recommendation", "string", "approve, approve with conditions, refuse or defer"),
            F(
                "decision",
                "string",
                "granted, granted with conditions, refused, deferred, withdrawn, or minded to grant subject to a "
                "legal agreement",
            ),
            F("against_recommendation", "boolean", "whether the committee decided otherwise than officers recommended"),
            F("decision_reason", "string", "the reasons for the decision, in Markdown"),
            F("conditions_summary", "string", "a summary of the conditions, in Markdown"),
            F("committee", "string", "the id of the committee that decided it"),
            F("meeting", "string", "the id of the meeting that decided it"),
            F("date", "date", "the date of that meeting"),
            F(
                "minute",
                "string",
                "the number of the minute of that meeting that records the decision, as the minutes print it, e.g. 80 or P24",
            ),
            F("speakers_for", "integer", "how many spoke for the application"),
            F("speakers_against", "integer", "how many spoke against it"),
            F("in_favour", "integer", "how many voted for the motion that decided it"),
            F("against", "integer", "how many voted against that motion"),
            F("abstained", "integer", "how many abstained"),
            F("casting_vote", "string", "the chair's casting vote when the votes were equal: in favour or against"),
            F("recorded_vote", "boolean", "whether the vote was a recorded (named) vote; empty if none is recorded"),
            F("portal", "string", "the application's page on the council's planning portal"),
            URL,
        ),
        _planning_applications,
    ),
    Dataset(
        "reviews",
        "Scrutiny reviews",
        "Every published scrutiny review.",
        (
            F("id", "string", "the review's id"),
            F("title", "string", "its title"),
            F("committee", "string", "the committee that ran it"),
            F("chair", "string", "the chair's person id"),
            F("status", "string", "planned, in progress, reported, responded, monitoring or completed"),
            F("started", "date", "when it started"),
            F("reported", "date", "when it reported"),
            F("response_by", "string", "who responded"),
            F("response_date", "date", "when"),
            F("response_due", "date", "two months after the report (Local Government Act 2000, s.9FE)"),
            F("recommendations", "integer", "how many recommendations it made"),
            URL,
        ),
        _reviews,
    ),
    Dataset(
        "recommendations",
        "Recommendations",
        "Every published recommendation, one row each, as on its page.",
        (
            F("review", "string", "the review's id"),
            F("id", "string", "the recommendation's number"),
            F("theme", "string", "the theme it is grouped under"),
            F("text", "string", "the recommendation, in Markdown"),
            F("made", "date", "when it was made"),
            F("decision", "string", "the executive's decision, or awaiting response"),
            F("response", "string", "the response, in Markdown"),
            F("officers", "string", "officers responsible, separated by ;"),
            F("responsible_team", "string", "a team responsible where no officer is named"),
            F("action_by", "string", "the current action-by: a date, a month (YYYY-MM), ongoing or to be agreed"),
            F("status", "string", "not started, in progress, completed, not progressed or superseded"),
            F(
                "overdue",
                "boolean",
                "on the date the data was generated: the action-by date passed and not completed, or the "
                "executive's two months to respond passed with no response",
            ),
            F("overdue_because", "string", '"response" or "action by" when overdue, else blank'),
            F("updates", "integer", "how many monitoring updates"),
            F("latest_update", "date", "the latest update's date"),
            URL,
        ),
        _recommendations,
    ),
    Dataset(
        "recommendation_updates",
        "Monitoring updates",
        "Every monitoring update of every recommendation.",
        (
            F("review", "string", "the review's id"),
            F("recommendation", "string", "the recommendation's number"),
            F("date", "date", "the update's date"),
            F("status", "string", "the status it reported"),
            F("meeting", "string", "the meeting it went to"),
            F("note", "string", "what was reported, in Markdown"),
        ),
        _updates,
    ),
    Dataset(
        "people",
        "People",
        "Councillors, officers and witnesses named in the papers.",
        (
            F("id", "string", "the person's id"),
            F("name", "string", "the name as given"),
            F("honorific", "string", "Councillor, Mr, Mrs, Ms, Dr ..."),
            F("kind", "string", "councillor, officer, witness or other"),
            F("job_title", "string", "job title"),
            F("directorate", "string", "council directorate"),
            F("organisation", "string", "the body a witness works for"),
            F("party", "string", "a councillor's party, or Independent"),
            F("group", "string", "the political group they sit with on the council, if not their party's"),
            F(
                "current",
                "boolean",
                "for a councillor: in office on the date the data was generated (empty for anyone else)",
            ),
            F("ward", "string", "the id of the ward or division of their current term, or else their latest"),
            F("ward_name", "string", "that ward's or division's name"),
            F("home_address", "string", "a home address, only where they have agreed to publish it"),
            F("home_phone", "string", "a private telephone number, only where they have agreed to publish it"),
            URL,
        ),
        _people,
    ),
    Dataset(
        "wards",
        "Wards and divisions",
        "The wards or divisions councillors are elected for.",
        (
            F("id", "string", "the ward's id"),
            F("name", "string", "its name"),
            F("kind", "string", "ward, division, electoral division, community or parish ward"),
            F("seats", "integer", "how many councillors it elects"),
            F("councillors_now", "string", "its councillors on the date the data was generated, separated by ;"),
            F("url", "string", "the ward's page on this site"),
        ),
        _ward_rows,
    ),
    Dataset(
        "terms",
        "Councillors' terms of office",
        "Every term of office of every councillor, oldest first.",
        (
            F("person", "string", "the councillor's person id"),
            F("person_name", "string", "the councillor's name"),
            F("ward", "string", "the id of the ward or division they represent"),
            F("start", "date", "the first day of the term"),
            F("how", "string", "elected, by-election, re-elected, co-opted or appointed"),
            F("party", "string", "the party they stood for"),
            F("end", "date", "the last day of the term, once it has ended"),
            F("why_ended", "string", "stood down, not re-elected, resigned, disqualified, died or removed"),
        ),
        _term_rows,
    ),
    Dataset(
        "posts",
        "Posts",
        "Posts councillors hold or have held: Leader, Cabinet members, the civic Mayor and others.",
        (
            F("person", "string", "the person's id"),
            F("person_name", "string", "the person's name"),
            F("title", "string", "the post as the council names it"),
            F(
                "kind",
                "string",
                "leader, deputy leader, elected mayor, cabinet member, civic mayor, chairman, opposition leader or other",
            ),
            F("since", "date", "the first day in the post"),
            F("until", "date", "the last day in the post"),
        ),
        _post_rows,
    ),
    Dataset(
        "registered_interests",
        "Registers of interests",
        "Every entry of every councillor's register of interests. A sensitive interest (Localism Act "
        "2011, s.32) is listed with its category only: its description is withheld.",
        (
            F("person", "string", "the person's id"),
            F("person_name", "string", "the person's name"),
            F(
                "category",
                "string",
                "employment, sponsorship, contracts, land, licences, corporate tenancies, securities or other",
            ),
            F("description", "string", "the interest as registered, in Markdown (empty for a sensitive interest)"),
            F("sensitive", "boolean", "a sensitive interest, whose details are withheld"),
            F("partner", "boolean", "an interest of their spouse or partner (never said of a sensitive interest)"),
            F("entered", "date", "when it was entered in the register"),
            F("removed", "date", "when it was removed from the register"),
        ),
        _interest_rows,
    ),
    Dataset(
        "gifts",
        "Gifts and hospitality",
        "Gifts and hospitality registered by councillors.",
        (
            F("person", "string", "the person's id"),
            F("person_name", "string", "the person's name"),
            F("date", "date", "when it was received"),
            F("donor", "string", "who gave it"),
            F("description", "string", "the gift or hospitality"),
            F("value", "string", "its value, as registered"),
        ),
        _gift_rows,
    ),
    Dataset(
        "memberships",
        "Committee memberships",
        "Who sits on each committee, in what role.",
        (
            F("committee", "string", "the committee's id"),
            F("person", "string", "the person's id"),
            F("role", "string", "chair, vice-chair, member or co-opted member"),
            F("since", "date", "start of the term"),
            F("until", "date", "end of the term"),
            F("represents", "string", "the body a co-opted member represents"),
        ),
        _memberships,
    ),
    Dataset(
        "documents",
        "Documents",
        "Every document a meeting, report, decision or Forward Plan notice lists: agenda packs, reports, "
        "appendices and decision notices, with the file's type and size where the site publishes it.",
        (
            F("record_type", "string", "meeting, report, decision or notice"),
            F("record", "string", "the id of the record that lists it"),
            F("title", "string", "the document's title"),
            F("url", "string", "where it can be read; blank for one not published"),
            F("file_type", "string", "the media type of a file this site publishes, e.g. application/pdf"),
            F("bytes", "integer", "the file's size in bytes"),
            F("pages", "integer", "a PDF's number of pages"),
            F("text_url", "string", "the page of the document's words, where they can be read"),
            F("exempt", "integer", "the paragraph of Schedule 12A under which it is not for publication"),
        ),
        _document_rows,
    ),
)


def table(dataset: Dataset, relations: Relations, urls: Urls) -> list[dict[str, Any]]:
    return list(dataset.rows(relations, urls))


def dataset_csv(dataset: Dataset, relations: Relations, urls: Urls) -> bytes:
    return as_csv(dataset, table(dataset, relations, urls))


def dataset_json(dataset: Dataset, relations: Relations, urls: Urls) -> bytes:
    return as_json(table(dataset, relations, urls))


def as_csv(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f.name for f in dataset.fields])
    for row in rows:
        writer.writerow([_csv_value(row[f.name]) for f in dataset.fields])
    return buffer.getvalue().encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)  # text only: a number or date is no formula
    return str(value)


def as_json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n").encode("utf-8")


def datapackage(relations: Relations, urls: Urls) -> bytes:
    site = relations.content.site
    package = {
        "name": "minutebook-" + (urls.absolute(urls.home()).split("//")[-1].split("/")[0].replace(".", "-")),
        "title": f"{site.title}: open data",
        "description": f"Meetings, minutes, votes, decisions, the Forward Plan, planning applications decided "
        f"at committee, scrutiny reviews and "
        f"recommendations, councillors, wards and registers of interests of {site.council}.",
        "created": f"{relations.as_of.isoformat()}T00:00:00Z",  # the day the data was generated
        "homepage": urls.absolute(urls.data()),
        "licenses": [{"name": site.data_licence.name, "title": site.data_licence.title, "path": site.data_licence.url}],
        "resources": [
            {
                "name": d.name,
                "title": d.title,
                "description": d.description,
                "path": f"{d.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in d.fields]
                },
            }
            for d in DATASETS
        ],
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def popolo(relations: Relations, urls: Urls) -> bytes:
    """People, the council, its committees, wards, parties and memberships, motions and votes in
    the Popolo vocabulary.

    Organisation ids never collide, because each kind has ids of its own form:
    - a committee's id is its file id, e.g. ``scrutiny`` (always a slug, so never has a ":");
    - the council itself is ``council:`` and the host the site is published at, e.g.
      ``council:example.org``: the parent of every committee;
    - a party is ``party:`` and a slug of its name, e.g. ``party:liberal-democrat``, and a
      political group on the council ``group:`` and a slug of its name.
    Areas are the wards and divisions, by their file ids. Councillors are members of the council
    once for each term (``area_id`` the ward, ``on_behalf_of_id`` the party they stood for), once
    for each post they hold (``label`` its title, ``role`` its kind, e.g. ``leader``, or the title
    for a post of kind ``other``), and members of their party and political group.
    Every list keeps one order from build to build."""
    council = council_id(urls)
    parties = _party_ids(relations)
    groups = _group_ids(relations)
    data = {
        "persons": [
            {
                "id": p.id,
                "name": p.display_name,
                "family_name": p.name.split()[-1] if p.kind == "councillor" else None,
                "honorific_prefix": p.honorific,
                "email": p.email,
                "links": [{"url": urls.absolute(urls.person(p.id)), "note": "page on this site"}],
            }
            for p in relations.people
        ],
        "organizations": [
            {
                "id": council,
                "name": relations.content.site.council,
                "classification": "council",
                "links": [{"url": urls.absolute(urls.home()), "note": "this site"}],
            }
        ]
        + [
            {
                "id": c.id,
                "name": c.name,
                "other_names": [{"name": c.short_name}],
                "classification": c.kind,
                "parent_id": council,
                "links": [{"url": urls.absolute(urls.committee(c.id))}],
            }
            for c in relations.committees
        ]
        + [{"id": party_id, "name": name, "classification": "party"} for name, party_id in parties.items()]
        + [
            {"id": group_id, "name": name, "classification": "political group", "parent_id": council}
            for name, group_id in groups.items()
        ],
        "areas": [{"id": w.id, "name": w.name, "classification": w.kind} for w in relations.wards],
        "memberships": [
            {
                "person_id": m.person,
                "organization_id": c.id,
                "role": m.role,
                "start_date": _iso(m.since),
                "end_date": _iso(m.until),
            }
            for c in relations.committees
            for m in c.members
        ]
        + [
            membership
            for p in relations.people
            for membership in _council_memberships(p, council, parties, groups, relations)
        ],
        # A motion or vote is of the committee that met (a committee's id, never the council's).
        "motions": [_popolo_motion(q, urls) for q in _questions(relations)],
        "vote_events": [_popolo_vote_event(taken, vote, urls) for taken, vote in _published_votes(relations)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def council_id(urls: Urls) -> str:
    """The council's Popolo id: no committee's, since a committee's id (a slug) has no ":"."""
    return "council:" + (urls.absolute(urls.home()).split("//")[-1].split("/")[0] or "localhost")


def _name_ids(prefix: str, names: set[str]) -> dict[str, str]:
    """An id for each name, in name order: prefix, ":" and a slug of the name, numbered when two
    names make the same slug."""
    ids: dict[str, str] = {}
    for name in sorted(names):
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"
        candidate, n = f"{prefix}:{slug}", 1
        while candidate in ids.values():
            n += 1
            candidate = f"{prefix}:{slug}-{n}"
        ids[name] = candidate
    return ids


def _party_ids(relations: Relations) -> dict[str, str]:
    names = {p.party for p in relations.people if p.party}
    names |= {t.party for p in relations.people for t in p.terms if t.party}
    return _name_ids("party", names)


def _group_ids(relations: Relations) -> dict[str, str]:
    return _name_ids("group", {p.group for p in relations.people if p.group})


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _council_memberships(
    person: Person, council: str, parties: dict[str, str], groups: dict[str, str], relations: Relations
) -> list[dict[str, Any]]:
    """A councillor's memberships of the council (each term, each post), their party and group."""
    found: list[dict[str, Any]] = []
    for t in _terms(person):
        party = t.party or person.party
        found.append(
            {
                "person_id": person.id,
                "organization_id": council,
                "role": "councillor",
                "label": f"Councillor for {_ward_name(relations, t.ward)}" if t.ward else "Councillor",
                "area_id": t.ward,
                "on_behalf_of_id": parties[party] if party else None,
                "start_date": t.start.isoformat(),
                "end_date": _iso(t.end),
            }
        )
    if not person.terms and person.kind == "councillor":
        found.append(
            {
                "person_id": person.id,
                "organization_id": council,
                "role": "councillor",
                "label": "Councillor",
                "area_id": None,
                "on_behalf_of_id": parties[person.party] if person.party else None,
                "start_date": None,
                "end_date": _iso(person.left_office),
            }
        )
    for post in sorted(person.posts, key=lambda x: (x.since or dt.date.min, x.title)):
        found.append(
            {
                "person_id": person.id,
                "organization_id": council,
                "role": post.title if post.kind == "other" else post.kind,
                "label": post.title,
                "start_date": _iso(post.since),
                "end_date": _iso(post.until),
            }
        )
    if person.party:
        found.append({"person_id": person.id, "organization_id": parties[person.party], "role": "member"})
    if person.group:
        found.append({"person_id": person.id, "organization_id": groups[person.group], "role": "member"})
    return found


# How each way of voting, and each outcome, is written in Popolo and Open Civic Data.
OPTIONS = {"in favour": "yes", "against": "no", "abstained": "abstain"}
RESULTS = {"carried": "pass", "lost": "fail"}
# Open Civic Data's event statuses, from a meeting's status as of the build.
OCD_EVENT_STATUS = {
    "scheduled": "confirmed",
    "held": "passed",
    "awaiting minutes": "passed",
    "cancelled": "cancelled",
    "postponed": "postponed",
}


def _popolo_id(meeting: Meeting, anchor: str) -> str:
    """A motion's id: its meeting and its id on the minute's page (a vote's anchor names its question)."""
    return f"{meeting.id}/{anchor}"


def _popolo_motion(q: Question, urls: Urls) -> dict[str, Any]:
    """A motion, amendment or resolution voted on, as a Popolo Motion."""
    return {
        "id": _popolo_id(q.meeting, q.anchor),
        "organization_id": q.meeting.committee,
        "creator_id": q.moved_by,
        "seconder_id": q.seconded_by,
        "text": q.substantive or q.text,
        "classification": q.kind,
        "date": q.meeting.date.isoformat(),
        "result": RESULTS.get(q.outcome, q.outcome),
        "sources": [{"url": urls.absolute(urls.minute(q.meeting.id, q.minute.number)) + "#" + q.anchor}],
    }


def _counts(vote: Vote) -> list[dict[str, Any]]:
    return [
        {"option": option, "value": count}
        for choice, option in OPTIONS.items()
        if (count := vote.count(choice)) is not None
    ]


def _popolo_vote_event(taken: Question, vote: Vote, urls: Urls) -> dict[str, Any]:
    """A vote as a Popolo VoteEvent: its totals and, for a recorded vote, each member's vote."""
    motion_id = _popolo_id(taken.meeting, taken.anchor)
    recorded = vote.recorded
    return {
        "id": motion_id + "/vote",
        "motion_id": motion_id,
        "organization_id": taken.meeting.committee,
        "identifier": taken.label,
        "start_date": taken.meeting.date.isoformat(),
        "result": RESULTS.get(taken.outcome, taken.outcome),
        "counts": _counts(vote),
        "votes": [{"voter_id": person, "option": OPTIONS[choice]} for choice, person in recorded.choices()]
        if recorded
        else [],
        "sources": [{"url": _vote_url(urls, taken)}],
    }


def ocd_votes(relations: Relations, urls: Urls) -> bytes:
    """Votes in published minutes as Open Civic Data vote events. A council votes on motions,
    amendments and resolutions, not bills: ``bill`` is always empty, and ``motion_text`` names the
    minute and the question."""
    events = []
    for taken, vote in _published_votes(relations):
        m, recorded = taken.meeting, vote.recorded
        amendment = taken.kind == "amendment"
        events.append(
            {
                "identifier": _popolo_id(m, taken.anchor),
                "motion_text": f"{taken.minute.title}: {taken.label}",
                "motion_classification": ["amendment-passage"] if amendment else [],
                "start_date": m.date.isoformat(),
                "result": RESULTS.get(taken.outcome, "fail"),
                "organization": relations.committee(m.committee).name,
                "bill": None,
                "counts": _counts(vote),
                "votes": [
                    {"voter_name": relations.person(person).display_name, "voter_id": person, "option": OPTIONS[choice]}
                    for choice, person in recorded.choices()
                ]
                if recorded
                else [],
                "sources": [{"url": _vote_url(urls, taken)}],
                "extras": {"meeting": m.id, "minute": taken.minute.number},
            }
        )
    return (json.dumps(events, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def ocd_events(relations: Relations, urls: Urls) -> bytes:
    """Meetings and their agenda items as Open Civic Data events."""
    events = []
    for m in relations.meetings:
        start = f"{m.date.isoformat()}T{m.start_time}:00" if m.start_time else m.date.isoformat()
        events.append(
            {
                "id": m.id,
                "name": relations.committee(m.committee).name,
                "classification": "committee-meeting",
                "start_date": start,
                "timezone": "Europe/London",
                "all_day": m.start_time is None,
                "status": OCD_EVENT_STATUS[relations.meeting_status(m)],
                "location": {"name": m.venue} if m.venue else None,
                "participants": [
                    {"name": relations.committee(m.committee).name, "entity_type": "organization", "note": "host"}
                ],
                "agenda": [
                    {
                        "order": str(index),
                        "description": item.title,
                        "notes": [f"exempt: paragraph {item.exempt} of Schedule 12A"] if item.exempt else [],
                        "related_entities": [],
                    }
                    for index, item in enumerate(m.agenda_items, 1)
                ],
                "documents": [_ocd_document(d, urls) for d in documents.documents_of(m) if d.stored or d.url],
                "sources": [{"url": urls.absolute(urls.meeting(m.id))}],
            }
        )
    return (json.dumps(events, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _ocd_document(document: Document, urls: Urls) -> dict[str, Any]:
    stored = document.stored
    if stored is not None:
        link = {"url": urls.absolute(urls.document(stored.path)), "media_type": documents.MEDIA_TYPES[stored.extension]}
    else:
        address = urls.link(document.url or "")
        link = {"url": urls.absolute(address) if address.startswith("/") else address, "media_type": ""}
    return {"note": document.title, "links": [link]}


JSON_TYPES = {"string": "string", "integer": "integer", "date": "string", "boolean": "boolean", "number": "number"}


def json_schema(dataset: Dataset) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a dataset's JSON file: minutebook's own format for
    scrutiny recommendations and responses, which no open standard covers."""
    properties = {}
    for f in dataset.fields:
        prop: dict[str, Any] = {"type": [JSON_TYPES[f.type], "null"], "description": f.description}
        if f.type == "date":
            prop["format"] = "date"
        properties[f.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://minutebook.example.org/schemas/{dataset.name}.schema.json",
        "title": f"minutebook: {dataset.title}",
        "description": dataset.description,
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": [f.name for f in dataset.fields],
            "additionalProperties": False,
        },
    }


def recommendations_schema() -> bytes:
    dataset = next(d for d in DATASETS if d.name == "recommendations")
    return (json.dumps(json_schema(dataset), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
