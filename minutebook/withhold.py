"""What may be published: the one place that withholds content.

Runs after validation and before the site graph, so nothing later in the pipeline can
leak what it never receives:
- drafts, and anything embargoed until after the build's "as of" time, are left out
  (unless a local preview asks for drafts);
- confidential information (Local Government Act 1972, s.100A) is removed entirely: no
  page, no title, no link, no search entry;
- exempt items (Schedule 12A) keep their title, paragraph and public summary; their body,
  resolutions and report text are removed, and so are an exempt decision's text, reasons,
  alternatives, interests and papers;
- a document (a file of content/documents/, or a link) is listed by its title only when it, or the
  agenda item or report it belongs to, is exempt, and not at all when confidential: only the files
  a published record still links to are published (site.py copies them).
Withholding follows the record: a report, minute or decision of a confidential agenda item is
withheld with it, and one of an exempt item is exempt too unless it says ``publish_in_full``. References
to anything withheld are cut, so published pages never link to it; a declaration on a withheld
minute goes with it, and a person whom only withheld records name is not published at all.

What of a person is private is withheld whatever else is, drafts or not:
- a sensitive interest (Localism Act 2011, s.32) stays in the register, so that the register says
  there is one, with its category and the dates it was entered and removed only: its description
  is empty (``Markdown("")``), ``sensitive`` stays true, and ``partner`` is false, since whose
  interest it is would be a detail of it too;
- a home address and private telephone number (``home_address``, ``home_phone``) are removed
  (None) unless the person has agreed to publish them (``home_public``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from .documents import with_documents
from .memo import per_record
from .model import (
    AgendaItem,
    Content,
    Decision,
    Document,
    Markdown,
    Meeting,
    MinuteItem,
    Person,
    RegisteredInterest,
    Report,
    Review,
)
from .references import XREF, markdown_in, references, refs_in

WITHHELD_KINDS = ("meeting", "report", "review", "decision", "notice")
WITHHELD_LINK_TEXT = "a record not yet published"


def is_withheld(record: Any, now: dt.datetime) -> bool:
    """A draft, or a record embargoed until after ``now``."""
    return bool(getattr(record, "draft", False)) or (
        getattr(record, "publish_after", None) is not None and record.publish_after > now
    )


def withhold(content: Content, now: dt.datetime, drafts: bool = False) -> Content:
    """The content as it may be published at ``now``; with ``drafts``, drafts stay in."""

    def keep(record: Any) -> bool:
        return drafts or not is_withheld(record, now)

    meetings = {key: _public_papers(_public_meeting(m)) for key, m in content.meetings.items() if keep(m)}
    items = {key: report_item(content, r) for key, r in content.reports.items()}
    reports = {
        key: _public_papers(_public_report(r, items[key]))
        for key, r in content.reports.items()
        if keep(r) and not is_confidential(r, items[key]) and r.meeting in meetings
    }
    reviews = {key: _kept_recommendations(r, keep) for key, r in content.reviews.items() if keep(r)}
    pages = {key: p for key, p in content.pages.items() if keep(p)}
    minutes = {f"{m.id}/{item.number}" for m in meetings.values() for item in m.minutes}
    decisions = {
        key: _public_papers(_public_decision(d, content, minutes))
        for key, d in content.decisions.items()
        if keep(d) and not _decision_confidential(d, content)
    }
    notices = {key: _public_papers(n) for key, n in content.notices.items() if keep(n)}
    # An application goes with the minute that decided it: none of a withheld meeting or minute.
    applications = {
        key: a for key, a in content.planning_applications.items() if keep(a) and f"{a.meeting}/{a.minute}" in minutes
    }
    people = {key: _public_person(p) for key, p in content.people.items()}  # whatever else is withheld
    published = {
        "meeting": set(meetings),
        "report": set(reports),
        "review": set(reviews),
        "recommendation": {rec.key for review in reviews.values() for rec in review.recommendations},
        "minute": minutes,
        "decision": set(decisions),
        "notice": set(notices),
    }
    if (
        len(decisions) == len(content.decisions)
        and len(notices) == len(content.notices)
        and len(applications) == len(content.planning_applications)
        and all(decisions[key] is d for key, d in content.decisions.items())
        and len(meetings) == len(content.meetings)
        and len(reports) == len(content.reports)
        and len(reviews) == len(content.reviews)
        and len(published["recommendation"]) == len(content.recommendations())
        and len(published["minute"]) == sum(len(m.minutes) for m in content.meetings.values())
    ):
        # Nothing withheld: every reference resolves (validation saw to that), so none to cut.
        kept = dataclasses.replace(
            content,
            meetings=meetings,
            reports=reports,
            reviews=reviews,
            pages=pages,
            decisions=decisions,
            notices=notices,
            planning_applications=applications,
            people=people,
        )
    else:
        kept = dataclasses.replace(
            content,
            meetings={k: _cut_references(v, published) for k, v in meetings.items()},
            reports={k: _cut_references(v, published) for k, v in reports.items()},
            reviews={k: _cut_references(v, published) for k, v in reviews.items()},
            committees={k: _cut_references(v, published) for k, v in content.committees.items()},
            matters={k: _cut_references(v, published) for k, v in content.matters.items()},
            decisions={k: _cut_references(v, published) for k, v in decisions.items()},
            notices={k: _cut_references(v, published) for k, v in notices.items()},
            planning_applications={k: _cut_references(v, published) for k, v in applications.items()},
            pages={k: _cut_references(v, published) for k, v in pages.items()},
            people={k: _cut_references(v, published) for k, v in people.items()},
            site=_cut_references(content.site, published),
            glossary=_cut_references(content.glossary, published),
        )
    unnamed = _unnamed(content, kept)
    if not unnamed:
        return kept
    return dataclasses.replace(kept, people={k: p for k, p in kept.people.items() if k not in unnamed})


def minute_item(meeting: Meeting, minute: MinuteItem) -> AgendaItem | None:
    """The agenda item a minute records, by either side's pointer."""
    return next(
        (item for item in meeting.agenda_items if item.minute == minute.number or item.number == minute.agenda_item),
        None,
    )


def report_item(content: Content, report: Report) -> AgendaItem | None:
    """The agenda item a report was written for."""
    meeting = content.meetings.get(report.meeting)
    items = meeting.agenda_items if meeting else []
    return next((item for item in items if item.number == report.agenda_item or item.report == report.id), None)


def exempt_paragraph(record: MinuteItem | Report, item: AgendaItem | None) -> int | None:
    """The Schedule 12A paragraph a minute or report is withheld under: its own, else its item's."""
    if record.exempt is not None or record.publish_in_full or item is None:
        return record.exempt
    return item.exempt


def is_confidential(record: MinuteItem | Report, item: AgendaItem | None) -> bool:
    return record.confidential or (item is not None and item.confidential)


def decision_minute(content: Content, decision: Decision) -> tuple[Meeting, MinuteItem] | None:
    """The meeting and minute that record a decision, if it was taken at one."""
    meeting = content.meetings.get(decision.meeting or "")
    minute = next((m for m in meeting.minutes if m.number == decision.minute), None) if meeting else None
    return (meeting, minute) if meeting and minute else None


def _decision_confidential(decision: Decision, content: Content) -> bool:
    recorded = decision_minute(content, decision)
    return decision.confidential or (
        recorded is not None and is_confidential(recorded[1], minute_item(recorded[0], recorded[1]))
    )


def _decision_exempt(decision: Decision, content: Content) -> int | None:
    """Its own paragraph of Schedule 12A, else that of the minute recording it."""
    recorded = decision_minute(content, decision)
    if decision.exempt is not None or recorded is None:
        return decision.exempt
    return exempt_paragraph(recorded[1], minute_item(recorded[0], recorded[1]))


def _public_decision(decision: Decision, content: Content, minutes: set[str]) -> Decision:
    changes: dict[str, Any] = {}
    if decision.minute is not None and f"{decision.meeting}/{decision.minute}" not in minutes:
        changes["minute"] = None
    call_in = decision.call_in
    if call_in and call_in.minute is not None and f"{call_in.meeting}/{call_in.minute}" not in minutes:
        changes["call_in"] = dataclasses.replace(call_in, minute=None)
    paragraph = _decision_exempt(decision, content)
    if paragraph is not None:
        changes.update(
            exempt=paragraph,
            decision=Markdown(""),
            reasons=None,
            alternatives=[],
            interests=[],
            documents=[],
        )
        call_in = changes.get("call_in", call_in)
        if call_in is not None:  # a call-in's reasons and the reconsidered decision would tell it too
            again = call_in.reconsidered
            changes["call_in"] = dataclasses.replace(
                call_in, reasons=None, reconsidered=dataclasses.replace(again, note=None) if again else None
            )
    return dataclasses.replace(decision, **changes) if changes else decision


def _kept_recommendations(review: Review, keep: Callable[[Any], bool]) -> Review:
    recommendations = tuple(rec for rec in review.recommendations if keep(rec))
    if len(recommendations) == len(review.recommendations):
        return review  # the same object, so that what later stages remember of it holds (memo.py)
    return dataclasses.replace(review, recommendations=recommendations)


@per_record
def _public_meeting(meeting: Meeting) -> Meeting:
    recorded = [(item, minute_item(meeting, item)) for item in meeting.minutes]  # each minute and its agenda item
    if not any(item.confidential for item in meeting.agenda_items) and not any(
        is_confidential(item, agenda_item) or exempt_paragraph(item, agenda_item) is not None
        for item, agenda_item in recorded
    ):
        return meeting  # nothing to withhold: the same object, so that what is remembered of it holds
    minutes = [
        _public_minute(item, agenda_item) for item, agenda_item in recorded if not is_confidential(item, agenda_item)
    ]
    numbers = {item.number for item in minutes}
    sections = []
    for section in meeting.agenda:
        items = [
            item if item.minute in numbers or item.minute is None else dataclasses.replace(item, minute=None)
            for item in section.items
            if not item.confidential
        ]
        if items:
            sections.append(dataclasses.replace(section, items=items))
    declarations = [d for d in meeting.declarations if d.minute is None or d.minute in numbers]
    attendance = meeting.attendance
    if attendance is not None:
        attendance = dataclasses.replace(
            attendance, chair_changes=[c for c in attendance.chair_changes if c.from_minute in numbers]
        )
    return dataclasses.replace(
        meeting, minutes=minutes, agenda=sections, declarations=declarations, attendance=attendance
    )


@per_record
def _public_papers(record: Any) -> Any:
    """The record's documents as they may be published (see the module's docstring)."""
    if isinstance(record, Meeting) and any(item.exempt and item.document for item in record.agenda_items):
        sections = [
            dataclasses.replace(section, items=[_with_exempt_paper(item) for item in section.items])
            for section in record.agenda
        ]
        record = dataclasses.replace(record, agenda=sections)
    return with_documents(record, _public_document)


def _with_exempt_paper(item: AgendaItem) -> AgendaItem:
    if item.exempt is None or item.document is None or item.document.exempt is not None:
        return item
    return dataclasses.replace(item, document=dataclasses.replace(item.document, exempt=item.exempt))


def _public_document(document: Document) -> Document | None:
    if document.confidential:
        return None
    if document.exempt is None:
        return document
    return dataclasses.replace(document, url=None, file=None, stored=None)


def _public_minute(item: MinuteItem, agenda_item: AgendaItem | None) -> MinuteItem:
    paragraph = exempt_paragraph(item, agenda_item)
    if paragraph is not None:
        return dataclasses.replace(item, exempt=paragraph, body=None, resolutions=[], motions=[])
    return item


def _public_report(report: Report, item: AgendaItem | None) -> Report:
    paragraph = exempt_paragraph(report, item)
    if paragraph is None:
        return report
    if report.exempt is None:
        report = dataclasses.replace(report, exempt=paragraph)
    return _exempt_report(report)


@per_record
def _exempt_report(report: Report) -> Report:
    return dataclasses.replace(
        report, summary=None, recommendations=[], body=None, original=None, appendices=[], background_papers=[]
    )


@per_record
def _public_person(person: Person) -> Person:
    """The person without a sensitive interest's details, or a home address and private phone
    they have not agreed to publish; the same object when there is nothing to withhold."""
    changes: dict[str, Any] = {}
    if any(_told(interest) for interest in person.register):
        changes["register"] = [_sensitive(i) if _told(i) else i for i in person.register]
    if not person.home_public and (person.home_address is not None or person.home_phone is not None):
        changes.update(home_address=None, home_phone=None)
    return dataclasses.replace(person, **changes) if changes else person


def _told(interest: RegisteredInterest) -> bool:
    """A sensitive interest whose details are still there to withhold."""
    return interest.sensitive and (bool(interest.description) or interest.partner)


def _sensitive(interest: RegisteredInterest) -> RegisteredInterest:
    return dataclasses.replace(interest, description=Markdown(""), partner=False)


def _unnamed(content: Content, kept: Content) -> set[str]:
    """The people whom only withheld records, or withheld parts of records, name. Only the records
    withholding changed are walked, and the rest only if one of those named somebody."""
    before, after = _records(content), _records(kept)
    changed = [key for key, record in before.items() if after.get(key) is not record]
    candidates = _people_named(before[key] for key in changed) - _people_named(
        after[key] for key in changed if key in after
    )
    return candidates - _people_named(after.values()) if candidates else set()


def _records(content: Content) -> dict[tuple[str, str], Any]:
    """Every record that may name a person, by kind and key."""
    records: dict[tuple[str, str], Any] = {("site", ""): content.site}
    for kind, group in (
        ("meeting", content.meetings),
        ("report", content.reports),
        ("review", content.reviews),
        ("committee", content.committees),
        ("matter", content.matters),
        ("decision", content.decisions),
        ("notice", content.notices),
        ("application", content.planning_applications),
        ("page", content.pages),
    ):
        records.update(((kind, key), record) for key, record in group.items())
    records.update(
        (("recommendation", rec.key), rec) for rec in content.recommendations()
    )  # not walked with their review's text
    records.update((("glossary", term.term), term) for term in content.glossary)
    return records


def _people_named(records: Iterable[Any]) -> set[str]:
    named: set[str] = set()
    for record in records:
        named |= _named_in(record)
    return named


@per_record
def _named_in(record: Any) -> frozenset[str]:
    """Every person a record names: by id in a field, or with a [[person:id]] link in its text."""
    by_id = {ident for kind, ident in refs_in([record]) if kind == "person"}
    linked = {
        ref.ident for text in markdown_in(record) if "[[" in text for ref in references(text) if ref.kind == "person"
    }
    return frozenset(by_id | linked)


def _cut_references(record: Any, published: dict[str, set[str]]) -> Any:
    """Copy ``record`` with references to withheld meetings, reports and reviews removed, and
    [[kind:id]] links in its text to anything withheld made plain words."""
    if isinstance(record, Markdown):
        return _cut_links(record, published) if "[[" in record else record
    if isinstance(record, (list, tuple)):
        items = [_cut_references(item, published) for item in record]
        # The same list when nothing in it changed: what later stages remember of a record holds.
        return record if all(new is old for new, old in zip(items, record)) else type(record)(items)
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for fld in dataclasses.fields(record):
        value = getattr(record, fld.name)
        kind = fld.metadata.get("ref")
        if kind in WITHHELD_KINDS and value:
            if isinstance(value, list):
                changes[fld.name] = [v for v in value if v in published[kind]]
            elif value not in published[kind]:
                changes[fld.name] = None
        elif isinstance(value, (list, tuple, Markdown)) or (dataclasses.is_dataclass(value) and fld.name != "src"):
            cut = _cut_references(value, published)
            if cut is not value:
                changes[fld.name] = cut
    return dataclasses.replace(record, **changes) if changes else record


def _cut_links(text: Markdown, published: dict[str, set[str]]) -> Markdown:
    """The text with each link to something withheld replaced by its own words, or by a phrase
    that names nothing (the id alone could say what it is)."""

    def plain(match: re.Match[str]) -> str:
        kind, _, ident = match.group(1).strip().partition(":")
        if kind not in published or ident.strip() in published[kind]:
            return match.group(0)
        return (match.group(2) or "").strip() or WITHHELD_LINK_TEXT

    cut = XREF.sub(plain, text)
    return text if cut == text else Markdown.located(cut, text.path, text.line)
