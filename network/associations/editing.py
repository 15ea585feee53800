"""Changing associations: who may, what is valid, and each change as one write transaction."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.associations.models import AssociationInput
from network.associations.records import KIND
from network.associations.repository import AssociationProfile, AssociationRepository, AssociationWrites
from network.kit.authorisation import (
    EVERY_VISIBILITY,
    Role,
    Viewer,
    require_association_creator,
    require_may_change,
    require_signed_in,
)
from network.kit.database import Database
from network.kit.errors import NotFound
from network.records.writes import current_record, insert_record, patch_record


async def create(db: Database, viewer: Viewer, data: dict[str, Any]) -> AssociationProfile:
    """Creates an association; a member creating it acts for it from now on."""
    require_association_creator(viewer)
    model = AssociationInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> AssociationProfile:
        await insert_record(tx, KIND, model)
        if viewer.role is Role.MEMBER:
            await AssociationWrites(tx).act_for(viewer.account_id or "", model.slug)
        return await _profile(tx, model.slug)

    return await db.write(work)


async def change(db: Database, viewer: Viewer, slug: str, patch: dict[str, Any]) -> AssociationProfile:
    """Applies `patch` (import-format field names) to the current record, validates the whole, and saves it."""
    require_signed_in(viewer)

    async def work(tx: AsyncManagedTransaction) -> AssociationProfile:
        await patch_record(tx, viewer, KIND, slug, patch)
        return await _profile(tx, slug)

    return await db.write(work)


async def delete(db: Database, viewer: Viewer, slug: str) -> str:
    require_signed_in(viewer)

    async def work(tx: AsyncManagedTransaction) -> str:
        current = await current_record(tx, "Association", slug)
        if current is None:
            raise NotFound(f"No association with slug '{slug}'.")
        require_may_change(
            viewer, current["id"], "Only the accounts acting for this association, or staff, may delete it."
        )
        return await AssociationWrites(tx).delete(slug) or current["id"]

    return await db.write(work)


async def _profile(tx: AsyncManagedTransaction, slug: str) -> AssociationProfile:
    row = await AssociationRepository(tx).by_slug(slug, EVERY_VISIBILITY)
    assert row is not None  # written in this very transaction
    return row
