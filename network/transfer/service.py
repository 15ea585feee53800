"""Import: validate the whole file, write nothing of a bad one, then merge in batches. Export: read all back."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
from pydantic import ValidationError

from network.associations.models import AssociationInput
from network.associations.records import association_references, association_row, exported_association
from network.events.models import EventInput
from network.events.records import event_references, event_row, exported_event
from network.kit.database import Database
from network.kit.errors import InvalidInput, Unavailable, field_path
from network.records.conversions import ImportRecord, Reference, unknown_references
from network.records.repository import ConnectionRow, NodeRow, RecordRepository, StoredRecord
from network.transfer.models import RECORD_MODELS, ConnectionInput, ImportDocument
from network.volunteers.models import VolunteerInput
from network.volunteers.records import exported_volunteer, volunteer_references, volunteer_row

BATCH_SIZE = 1000
# A batch of 1,000 records with their links takes seconds, on a busy server many more; the timeout of a single API
# request (NEO4J_QUERY_TIMEOUT_S) would fail a healthy import, so an import allows each batch at least this long.
BATCH_TIMEOUT_S = 120.0
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
    connections_written: int = 0  # pairs whose batch committed, new or already there


# What a database that died or stopped answering part way raises (after the driver's own retries).
DATABASE_FAILURES = (Unavailable, ServiceUnavailable, SessionExpired, TransientError, TimeoutError)


class ImportInterrupted(Exception):
    """The database failed part way through the writes. Each batch is its own transaction, so the batches written
    before stay and the rest is missing; importing the same file again completes it (records merge by slug)."""

    def __init__(self, written: dict[str, int], totals: dict[str, int], cause: BaseException) -> None:
        self.written = written
        self.totals = totals
        done = ", ".join(f"{written.get(kind, 0)} of {total} {kind}" for kind, total in totals.items() if total)
        super().__init__(
            f"The database failed during the import ({cause}). Written before it failed: {done} (the batch in "
            "flight may be saved too); the file was only partly imported. Import the same file again once the "
            "database answers: records are matched by slug, so what was written is updated in place and the rest "
            "is added, without duplicates."
        )


@dataclass
class Validated:
    associations: list[AssociationInput]
    volunteers: list[VolunteerInput]
    connections: list[ConnectionInput]
    events: list[EventInput]


async def import_document(
    db: Database, document: Any, progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> ImportReport:
    records = await validate(db, document)
    batches: list[tuple[str, str, list[NodeRow]]] = [
        ("associations", "Association", [association_row(a) for a in records.associations]),
        ("volunteers", "Volunteer", [volunteer_row(v) for v in records.volunteers]),
        ("events", "Event", [event_row(e) for e in records.events]),
    ]
    pairs = [ConnectionRow(a=c.a, b=c.b) for c in records.connections]
    report = ImportReport()
    try:
        await _write(db, batches, pairs, report, progress, batch_size)
    except DATABASE_FAILURES as error:
        totals = {kind: len(rows) for kind, _, rows in batches} | {"connections": len(pairs)}
        written = report.written | {"connections": report.connections_written}
        raise ImportInterrupted(written, totals, error) from error
    return report


async def _write(
    db: Database,
    batches: list[tuple[str, str, list[NodeRow]]],
    pairs: list[ConnectionRow],
    report: ImportReport,
    progress: Progress | None,
    batch_size: int,
) -> None:
    """Writes batch by batch, counting into `report` as each commits, so that a failure knows what is written."""
    for kind, label, rows in batches:
        report.written[kind] = 0
        for start in range(0, len(rows), batch_size):
            chunk = rows[start : start + batch_size]
            report.written[kind] += await db.write(_merge, label, chunk)
            if progress:
                progress(kind, report.written[kind], len(rows))
    for start in range(0, len(pairs), batch_size):
        some = pairs[start : start + batch_size]
        report.connections_created += await db.write(_connect, some)
        report.connections_written += len(some)
    if progress and pairs:
        progress("connections", len(pairs), len(pairs))


async def _merge(tx: AsyncManagedTransaction, label: str, rows: list[NodeRow]) -> int:
    return await RecordRepository(tx).merge(label, rows)


async def _connect(tx: AsyncManagedTransaction, pairs: list[ConnectionRow]) -> int:
    return await RecordRepository(tx).connect(pairs)


async def validate(db: Database, document: Any) -> Validated:
    """Every record on its own, then references to the catalogue and between records; raises with all problems."""
    if not isinstance(document, dict):
        raise ImportRejected([Problem("file", "", "must be a JSON object with associations, volunteers, ...")])
    problems: list[Problem] = []
    try:
        ImportDocument.model_validate(document)
    except ValidationError as error:
        problems += _problems("file", error)
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
                problems += _problems(record, error)
                continue
            slug = getattr(item, "slug", None)
            if slug is not None and slug in seen:
                problems.append(Problem(record, "slug", f"'{slug}' appears more than once in {kind}"))
            if slug is not None:
                seen.add(slug)
            parsed[kind].append((record, item))

    catalogue = await db.read(lambda tx: RecordRepository(tx).catalogue_slugs())
    references: dict[str, Callable[[Any], list[Reference]]] = {
        "associations": association_references,
        "volunteers": volunteer_references,
        "events": event_references,
    }
    for kind, refs in references.items():
        for record, item in parsed[kind]:
            problems += [
                Problem(record, where, message) for where, message in unknown_references(refs(item), catalogue)
            ]

    named = {a.slug for _, a in parsed["associations"]}
    wanted = sorted({s for _, c in parsed["connections"] for s in (c.a, c.b)} - named)
    known = named | await db.read(lambda tx: RecordRepository(tx).existing_association_slugs(wanted))
    for record, connection in parsed["connections"]:
        for side in ("a", "b"):
            slug = getattr(connection, side)
            if slug not in known:
                problems.append(Problem(record, side, f"unknown association '{slug}'"))
    if problems:
        raise ImportRejected(problems)
    return Validated(*([item for _, item in parsed[kind]] for kind in RECORD_MODELS))


def _problems(record: str, error: ValidationError) -> list[Problem]:
    return [Problem(record, field_path(e["loc"]), e["msg"].removeprefix("Value error, ")) for e in error.errors()]


def _label(kind: str, index: int, raw: Any) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind}[{index}]" + (f" ({slug})" if isinstance(slug, str) else "")


async def export_document(db: Database, page_size: int = BATCH_SIZE) -> dict[str, Any]:
    """Everything the import format holds, read page by page in slug order."""
    document: dict[str, Any] = {}
    # each shape takes the stored records of its label (StoredAssociation, StoredVolunteer, StoredEvent)
    shapes: tuple[tuple[str, str, Callable[[Any], ImportRecord]], ...] = (
        ("associations", "Association", exported_association),
        ("volunteers", "Volunteer", exported_volunteer),
        ("events", "Event", exported_event),
    )
    for kind, label, shape in shapes:
        rows: list[ImportRecord] = []
        after = ""
        while True:
            page = await db.read(_page, label, after, page_size)
            rows += [shape(row) for row in page]
            if len(page) < page_size:
                break
            after = page[-1]["slug"]
        document[kind] = rows
    document["connections"] = await db.read(lambda tx: RecordRepository(tx).connections())
    return document


async def _page(tx: AsyncManagedTransaction, label: str, after: str, limit: int) -> list[StoredRecord]:
    return await RecordRepository(tx).page(label, after, limit)
