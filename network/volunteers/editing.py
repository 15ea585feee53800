"""Changing volunteer profiles: one profile per volunteer account, changed by its owner or staff."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.kit.authorisation import Role, Viewer, require_signed_in, require_volunteer_creator
from network.kit.database import Database
from network.kit.errors import Conflict
from network.records.writes import insert_record, patch_record
from network.volunteers.models import VolunteerInput
from network.volunteers.records import KIND
from network.volunteers.repository import VolunteerProfile, VolunteerRepository, VolunteerWrites


async def create(db: Database, viewer: Viewer, data: dict[str, Any]) -> VolunteerProfile:
    require_volunteer_creator(viewer)
    model = VolunteerInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> VolunteerProfile:
        writes = VolunteerWrites(tx)
        if viewer.role is Role.VOLUNTEER and await writes.has_profile(viewer.account_id or ""):
            raise Conflict("This account has a volunteer profile already; change it with updateVolunteerProfile.")
        await insert_record(tx, KIND, model)
        if viewer.role is Role.VOLUNTEER:
            await writes.act_for(viewer.account_id or "", model.slug)
        return await _profile(tx, model.slug)

    return await db.write(work)


async def change(db: Database, viewer: Viewer, slug: str, patch: dict[str, Any]) -> VolunteerProfile:
    require_signed_in(viewer)

    async def work(tx: AsyncManagedTransaction) -> VolunteerProfile:
        await patch_record(tx, viewer, KIND, slug, patch)
        return await _profile(tx, slug)

    return await db.write(work)


async def _profile(tx: AsyncManagedTransaction, slug: str) -> VolunteerProfile:
    row = await VolunteerRepository(tx).by_slug(slug, [])
    assert row is not None  # written in this very transaction
    return row
