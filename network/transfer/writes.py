"""Saving one validated record inside a caller's transaction: the same path for mutations and imports."""

from collections.abc import Callable
from typing import Any

from neo4j import AsyncManagedTransaction
from pydantic import BaseModel

from network.kit.errors import InvalidInputs
from network.transfer.records import unknown_references
from network.transfer.repository import Row, TransferRepository


async def save_record(tx: AsyncManagedTransaction, label: str, model: BaseModel,
                      to_row: Callable[[Any], Row]) -> None:
    """Checks every catalogue reference of `model`, then merges it by slug; raises with all unknown slugs."""
    repository = TransferRepository(tx)
    problems = unknown_references(model, await repository.catalogue_slugs())  # type: ignore[arg-type]
    if problems:
        raise InvalidInputs(problems)
    await repository.merge(label, [to_row(model)])


async def current_record(tx: AsyncManagedTransaction, label: str, slug: str) -> Row | None:
    return await TransferRepository(tx).record(label, slug)
