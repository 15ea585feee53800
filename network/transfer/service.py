"""Import: validate the whole file first, write nothing of a bad one, then merge in batches. Export: read it all back."""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from neo4j.time import Date, DateTime
from pydantic import ValidationError

from network.associations.models import AssociationInput
from network.events.models import EventInput
from network.kit.database import Database
from network.kit.errors import InvalidInput
from network.kit.models import InputModel
from network.transfer.models import RECORD_MODELS, ConnectionInput, ImportDocument
from network.transfer.repository import Row, TransferRepository
from network.volunteers.models import VolunteerInput

BATCH_SIZE = 1000
Progress = Callable[[str, int, int], None]  # (kind, records written so far, records of that kind)


@dataclass(frozen=True)
class Problem:
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.field}: {self.message}" if self.field else f"{self.record}: {self.message}"


class ImportRejected(InvalidInput):
    """The file has bad records; none of it was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was imported")
        self.problems = problems


@dataclass
class ImportReport:
    written: dict[str, int] = field(default_factory=dict)
    connections_created: int = 0


@dataclass
class Validated:
    associations: list[AssociationInput]
    volunteers: list[VolunteerInput]
    connections: list[ConnectionInput]
    events: list[EventInput]


async def import_document(db: Database, document: Any, progress: Progress | None = None,
                          batch_size: int = BATCH_SIZE) -> ImportReport:
    records = await validate(db, document)
    report = ImportReport()
    batches: list[tuple[str, str, list[Row]]] = [
        ("associations", "Association", [_association_row(a) for a in records.associations]),
        ("volunteers", "Volunteer", [_volunteer_row(v) for v in records.volunteers]),
        ("events", "Event", [_event_row(e) for e in records.events]),
    ]
    for kind, label, rows in batches:
        report.written[kind] = 0
        for start in range(0, len(rows), batch_size):
            chunk = rows[start:start + batch_size]
            report.written[kind] += await db.write(lambda tx, c=chunk, lb=label: TransferRepository(tx).merge(lb, c))
            if progress:
                progress(kind, report.written[kind], len(rows))
    pairs = [{"a": c.a, "b": c.b} for c in records.connections]
    for start in range(0, len(pairs), batch_size):
        chunk = pairs[start:start + batch_size]
        report.connections_created += await db.write(lambda tx, c=chunk: TransferRepository(tx).connect(c))
    if progress and pairs:
        progress("connections", len(pairs), len(pairs))
    return report


async def validate(db: Database, document: Any) -> Validated:
    """Every record on its own, then references to the catalogue and between records; raises with all problems."""
    if not isinstance(document, dict):
        raise ImportRejected([Problem("file", "", "must be a JSON object with associations, volunteers, ...")])
    problems: list[Problem] = []
    try:
        ImportDocument.model_validate(document)
    except ValidationError as error:
        problems += [Problem("file", _where(e["loc"]), e["msg"]) for e in error.errors()]
        raise ImportRejected(problems) from error

    parsed: dict[str, list[Any]] = {}
    for kind, model in RECORD_MODELS.items():
        parsed[kind] = []
        seen: set[str] = set()
        for index, raw in enumerate(document.get(kind, [])):
            record = _label(kind, index, raw)
            try:
                item = model.model_validate(raw)
            except ValidationError as error:
                problems += [Problem(record, _where(e["loc"]), e["msg"]) for e in error.errors()]
                continue
            slug = getattr(item, "slug", None)
            if slug is not None and slug in seen:
                problems.append(Problem(record, "slug", f"'{slug}' appears more than once in {kind}"))
            if slug is not None:
                seen.add(slug)
            parsed[kind].append((record, item))

    catalogue = await db.read(lambda tx: TransferRepository(tx).catalogue_slugs())
    for kind in ("associations", "volunteers", "events"):
        for record, item in parsed[kind]:
            problems += [Problem(record, where, message) for where, message in _unknown_references(item, catalogue)]

    named = {a.slug for _, a in parsed["associations"]}
    wanted = sorted({s for _, c in parsed["connections"] for s in (c.a, c.b)} - named)
    known = named | await db.read(lambda tx: TransferRepository(tx).existing_association_slugs(wanted))
    for record, connection in parsed["connections"]:
        for side in ("a", "b"):
            slug = getattr(connection, side)
            if slug not in known:
                problems.append(Problem(record, side, f"unknown association '{slug}'"))
    if problems:
        raise ImportRejected(problems)
    return Validated(*([item for _, item in parsed[kind]] for kind in RECORD_MODELS))


def _label(kind: str, index: int, raw: Any) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind}[{index}]" + (f" ({slug})" if isinstance(slug, str) else "")


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unknown_references(item: InputModel, catalogue: dict[str, set[str]]) -> list[tuple[str, str]]:
    refs: list[tuple[str, str, str]] = []  # (where, catalogue label, slug)
    district = getattr(item, "district", None)
    if district:
        refs.append(("district", "District", district))
    if isinstance(item, AssociationInput):
        refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
        refs += [(f"considers[{i}]", "Tool", s) for i, s in enumerate(item.considers)]
        refs += [(f"needs[{i}].skill", "Skill", n.skill) for i, n in enumerate(item.needs)]
        refs += [(f"fields[{i}]", "Field", s) for i, s in enumerate(item.fields)]
        refs += [(f"targetGroups[{i}]", "TargetGroup", s) for i, s in enumerate(item.target_groups)]
    elif isinstance(item, VolunteerInput):
        refs += [(f"skills[{i}].skill", "Skill", s.skill) for i, s in enumerate(item.skills)]
        refs += [(f"tools[{i}].tool", "Tool", t.tool) for i, t in enumerate(item.tools)]
    elif isinstance(item, EventInput):
        refs += [(f"about.tools[{i}]", "Tool", s) for i, s in enumerate(item.about.tools)]
        refs += [(f"about.skills[{i}]", "Skill", s) for i, s in enumerate(item.about.skills)]
        refs += [(f"about.fields[{i}]", "Field", s) for i, s in enumerate(item.about.fields)]
    return [(where, f"unknown {label_name(label)} '{slug}'") for where, label, slug in refs
            if slug not in catalogue.get(label, set())]


def label_name(label: str) -> str:
    return {"TargetGroup": "target group"}.get(label, label.lower())


def _links(slugs: list[str], props: list[dict[str, Any]] | None = None) -> list[Row]:
    return [{"slug": s, "props": (props[i] if props else {})} for i, s in enumerate(slugs)]


def _association_row(a: AssociationInput) -> Row:
    return {
        "id": str(uuid.uuid4()), "slug": a.slug,
        "props": {"name": a.name, "description": a.description, "members": a.members, "paidStaff": a.paid_staff,
                  "languages": a.languages, "contactEmail": a.contact_email, "visibility": a.visibility.value},
        "links": {
            "uses": _links([t.tool for t in a.tools],
                           [{"proficiency": t.proficiency.value, "since": t.since} for t in a.tools]),
            "considers": _links(a.considers),
            "needs": _links([n.skill for n in a.needs],
                            [{"minLevel": n.min_level, "priority": n.priority} for n in a.needs]),
            "fields": _links(a.fields), "targetGroups": _links(a.target_groups),
            "district": _links([a.district] if a.district else []),
        },
    }


def _volunteer_row(v: VolunteerInput) -> Row:
    return {
        "id": str(uuid.uuid4()), "slug": v.slug,
        "props": {"displayName": v.display_name, "bio": v.bio, "languages": v.languages, "remote": v.remote,
                  "hoursPerMonth": v.hours_per_month, "maxMentees": v.max_mentees, "contactEmail": v.contact_email},
        "links": {
            "skills": _links([s.skill for s in v.skills], [{"level": s.level} for s in v.skills]),
            "tools": _links([t.tool for t in v.tools], [{"proficiency": t.proficiency.value} for t in v.tools]),
            "district": _links([v.district] if v.district else []),
        },
    }


def _event_row(e: EventInput) -> Row:
    return {
        "id": str(uuid.uuid4()), "slug": e.slug,
        "props": {"title": e.title, "description": e.description, "startsAt": e.starts_at, "endsAt": e.ends_at,
                  "format": e.format.value, "capacity": e.capacity, "outreachShare": e.outreach_share,
                  "status": "SCHEDULED"},
        "links": {"tools": _links(e.about.tools), "skills": _links(e.about.skills), "fields": _links(e.about.fields),
                  "district": _links([e.district] if e.district else [])},
    }


async def export_document(db: Database, page_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Everything the import format holds, read page by page in slug order."""
    document: dict[str, Any] = {}
    for kind, method, shape in (("associations", "associations_page", _exported_association),
                                ("volunteers", "volunteers_page", _exported_volunteer),
                                ("events", "events_page", _exported_event)):
        rows: list[Row] = []
        after = ""
        while True:
            page = await db.read(lambda tx, m=method, a=after: getattr(TransferRepository(tx), m)(a, page_size))
            rows += [shape(row) for row in page]
            if len(page) < page_size:
                break
            after = page[-1]["slug"]
        document[kind] = rows
    document["connections"] = await db.read(lambda tx: TransferRepository(tx).connections())
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, DateTime | Date):
        value = value.to_native()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _common(row: Row, keys: list[str]) -> Row:
    out = {k: row.get(k) for k in keys}
    out["district"] = row["district"][0] if row["district"] else None
    return {k: v for k, v in _plain(out).items() if v is not None}


def _exported_association(row: Row) -> Row:
    return _common(row, ["slug", "name", "description", "members", "paidStaff", "languages", "fields",
                         "targetGroups", "tools", "considers", "needs", "contactEmail", "visibility"])


def _exported_volunteer(row: Row) -> Row:
    return _common(row, ["slug", "displayName", "bio", "languages", "remote", "hoursPerMonth", "maxMentees",
                         "skills", "tools", "contactEmail"])


def _exported_event(row: Row) -> Row:
    out = _common(row, ["slug", "title", "description", "startsAt", "endsAt", "format", "capacity",
                        "outreachShare"])
    out["about"] = {"tools": row["tools"], "skills": row["skills"], "fields": row["fields"]}
    return out
