"""Changing volunteer profiles: one profile per volunteer account, changed by its owner or staff."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.kit.errors import Conflict, NotPermitted
from network.kit.viewer import SIGN_IN, Role, Viewer
from network.transfer.records import exported_volunteer, volunteer_row
from network.transfer.writes import Kind, insert_record, patch_record
from network.volunteers.models import VolunteerInput
from network.volunteers.repository import Row, VolunteerRepository, VolunteerWrites

KIND = Kind("Volunteer", "volunteer", VolunteerInput, exported_volunteer, volunteer_row)


async def create(db: Database, viewer: Viewer, data: dict[str, Any]) -> Row:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    if viewer.role not in (Role.VOLUNTEER, Role.STAFF):
        raise NotPermitted("Only volunteer accounts (and staff) create volunteer profiles.")
    model = VolunteerInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> Row:
        writes = VolunteerWrites(tx)
        if viewer.role is Role.VOLUNTEER and await writes.has_profile(viewer.account_id or ""):
            raise Conflict("This account has a volunteer profile already; change it with updateVolunteerProfile.")
        await insert_record(tx, KIND, model)
        if viewer.role is Role.VOLUNTEER:
            await writes.act_for(viewer.account_id or "", model.slug)
        return await _profile(tx, model.slug)

    return await db.write(work)


async def change(db: Database, viewer: Viewer, slug: str, patch: dict[str, Any]) -> Row:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)

    async def work(tx: AsyncManagedTransaction) -> Row:
        await patch_record(tx, viewer, KIND, slug, patch)
        return await _profile(tx, slug)

    return await db.write(work)


async def _profile(tx: AsyncManagedTransaction, slug: str) -> Row:
    row = await VolunteerRepository(tx).by_slug(slug, [])
    assert row is not None  # written in this very transaction
    return row
