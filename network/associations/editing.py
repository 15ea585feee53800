"""Changing associations: who may, what is valid, and each change as one write transaction."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.associations.models import AssociationInput
from network.associations.repository import AssociationRepository, AssociationWrites, Row
from network.kit.database import Database
from network.kit.errors import NotFound, NotPermitted
from network.kit.viewer import EVERY_VISIBILITY, SIGN_IN, Role, Viewer
from network.transfer.records import association_row, exported_association
from network.transfer.writes import Kind, current_record, insert_record, patch_record

KIND = Kind("Association", "association", AssociationInput, exported_association, association_row)


def _require_member(viewer: Viewer) -> None:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    if viewer.role not in (Role.MEMBER, Role.STAFF):
        raise NotPermitted("Only member and staff accounts create associations; volunteers have a volunteer profile.")


async def create(db: Database, viewer: Viewer, data: dict[str, Any]) -> Row:
    """Creates an association; a member creating it acts for it from now on."""
    _require_member(viewer)
    model = AssociationInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> Row:
        await insert_record(tx, KIND, model)
        if viewer.role is Role.MEMBER:
            await AssociationWrites(tx).act_for(viewer.account_id or "", model.slug)
        return await _profile(tx, model.slug)

    return await db.write(work)


async def change(db: Database, viewer: Viewer, slug: str, patch: dict[str, Any]) -> Row:
    """Applies `patch` (import-format field names) to the current record, validates the whole, and saves it."""
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)

    async def work(tx: AsyncManagedTransaction) -> Row:
        await patch_record(tx, viewer, KIND, slug, patch)
        return await _profile(tx, slug)

    return await db.write(work)


async def delete(db: Database, viewer: Viewer, slug: str) -> str:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)

    async def work(tx: AsyncManagedTransaction) -> str:
        current = await current_record(tx, "Association", slug)
        if current is None:
            raise NotFound(f"No association with slug '{slug}'.")
        if not viewer.may_change(current["id"]):
            raise NotPermitted("Only the accounts acting for this association, or staff, may delete it.")
        return await AssociationWrites(tx).delete(slug) or current["id"]

    return await db.write(work)


async def _profile(tx: AsyncManagedTransaction, slug: str) -> Row:
    row = await AssociationRepository(tx).by_slug(slug, EVERY_VISIBILITY)
    assert row is not None  # written in this very transaction
    return row
