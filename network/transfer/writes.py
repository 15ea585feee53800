"""Saving one validated record inside a caller's transaction: the same path for mutations and imports."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from network.kit.errors import Conflict, InvalidInputs, NotFound, NotPermitted
from network.kit.models import with_cleared_lists
from network.kit.viewer import Viewer
from network.transfer.records import unknown_references
from network.transfer.repository import Row, TransferRepository


async def save_record(tx: AsyncManagedTransaction, label: str, model: BaseModel, to_row: Callable[[Any], Row]) -> None:
    """Checks every catalogue reference of `model`, then merges it by slug; raises with all unknown slugs."""
    repository = TransferRepository(tx)
    problems = unknown_references(model, await repository.catalogue_slugs())  # type: ignore[arg-type]
    if problems:
        raise InvalidInputs(problems)
    await repository.merge(label, [to_row(model)])


async def current_record(tx: AsyncManagedTransaction, label: str, slug: str) -> Row | None:
    return await TransferRepository(tx).record(label, slug)


@dataclass(frozen=True)
class Kind:
    """What the shared write path needs to know of one kind of record."""

    label: str
    noun: str
    model: type[BaseModel]
    exported: Callable[[Row], Row]
    to_row: Callable[[Any], Row]


async def insert_record(tx: AsyncManagedTransaction, kind: Kind, model: BaseModel) -> None:
    """Saves a new record; a slug that exists already is a conflict on the slug field."""
    slug = model.slug  # type: ignore[attr-defined]
    if await current_record(tx, kind.label, slug) is not None:
        article = "An" if kind.noun[0] in "aeiou" else "A"
        raise Conflict(f"{article} {kind.noun} with slug '{slug}' exists already; choose another slug.", field="slug")
    await save_record(tx, kind.label, model, kind.to_row)


async def patch_record(
    tx: AsyncManagedTransaction, viewer: Viewer, kind: Kind, slug: str, patch: dict[str, Any]
) -> None:
    """Applies `patch` (import-format names) to the current record, validates the whole record, and saves it."""
    current = await current_record(tx, kind.label, slug)
    if current is None:
        raise NotFound(f"No {kind.noun} with slug '{slug}'.")
    if not viewer.may_change(current["id"]):
        raise NotPermitted(f"Only the accounts acting for this {kind.noun}, or staff, may change it.")
    changes = with_cleared_lists(kind.model, patch)
    model = kind.model.model_validate({**kind.exported(current), **changes, "slug": slug})
    await save_record(tx, kind.label, model, kind.to_row)
