"""Saving one validated record inside a caller's transaction: the same path for mutations and imports."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from network.kit.authorisation import Viewer, require_may_change
from network.kit.errors import Conflict, InvalidInputs, NotFound
from network.kit.models import with_cleared_lists
from network.records.conversions import ImportRecord, Reference, unknown_references
from network.records.repository import (
    NodeRow,
    RecordRepository,
    StoredAssociation,
    StoredEvent,
    StoredRecord,
    StoredVolunteer,
)

if TYPE_CHECKING:
    from network.associations.models import AssociationInput
    from network.events.models import EventInput
    from network.volunteers.models import VolunteerInput

M = TypeVar("M", "AssociationInput", "VolunteerInput", "EventInput")  # the records saved through this path


async def save_record(tx: AsyncManagedTransaction, kind: "Kind[M]", model: M, new: bool = False) -> None:
    """Checks every catalogue reference of `model`, then merges it by slug (creates it when `new`); raises with
    all unknown slugs."""
    repository = RecordRepository(tx)
    problems = unknown_references(kind.references(model), await repository.catalogue_slugs())
    if problems:
        raise InvalidInputs(problems)
    if new:
        await repository.create(kind.label, [kind.to_row(model)])
    else:
        await repository.merge(kind.label, [kind.to_row(model)])


@overload
async def current_record(
    tx: AsyncManagedTransaction, label: Literal["Association"], slug: str
) -> StoredAssociation | None: ...
@overload
async def current_record(
    tx: AsyncManagedTransaction, label: Literal["Volunteer"], slug: str
) -> StoredVolunteer | None: ...
@overload
async def current_record(tx: AsyncManagedTransaction, label: Literal["Event"], slug: str) -> StoredEvent | None: ...
@overload
async def current_record(tx: AsyncManagedTransaction, label: str, slug: str) -> StoredRecord | None: ...


async def current_record(tx: AsyncManagedTransaction, label: str, slug: str) -> StoredRecord | None:
    return await RecordRepository(tx).record(label, slug)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """What the shared write path needs to know of one kind of record."""

    label: str
    noun: str
    model: type[M]
    # takes the stored record of `label` (StoredAssociation, StoredVolunteer or StoredEvent): which one is only
    # known at run time, from the label
    exported: Callable[[Any], ImportRecord]
    to_row: Callable[[M], NodeRow]
    references: Callable[[M], list[Reference]]  # the catalogue slugs a record names, checked before it is saved


async def insert_record(tx: AsyncManagedTransaction, kind: Kind[M], model: M) -> None:
    """Saves a new record; a slug that exists already is a conflict on the slug field.

    The look-up answers the usual case early; a record of the same slug written at the same moment by another
    transaction is caught by the unique constraint the creation runs against, with the same answer.
    """
    slug = model.slug
    article = "An" if kind.noun[0] in "aeiou" else "A"
    taken = Conflict(f"{article} {kind.noun} with slug '{slug}' exists already; choose another slug.", field="slug")
    if await current_record(tx, kind.label, slug) is not None:
        raise taken
    try:
        await save_record(tx, kind, model, new=True)
    except ConstraintError as error:
        raise taken from error


async def patch_record(
    tx: AsyncManagedTransaction, viewer: Viewer, kind: Kind[M], slug: str, patch: dict[str, Any]
) -> None:
    """Applies `patch` (import-format names) to the current record, validates the whole record, and saves it."""
    current = await current_record(tx, kind.label, slug)
    if current is None:
        raise NotFound(f"No {kind.noun} with slug '{slug}'.")
    require_may_change(
        viewer, current["id"], f"Only the accounts acting for this {kind.noun}, or staff, may change it."
    )
    changes = with_cleared_lists(kind.model, patch)
    model = kind.model.model_validate({**kind.exported(current), **changes, "slug": slug})
    await save_record(tx, kind, model)
