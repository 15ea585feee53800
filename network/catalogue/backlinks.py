"""Who uses a tool, offers or needs a skill: batched per request, so a list of tools costs one query per field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from network.associations import service as associations
from network.kit.context import Context
from network.kit.pagination import Page
from network.volunteers import service as volunteers

if TYPE_CHECKING:
    from network.associations.repository import AssociationProfile
    from network.volunteers.repository import VolunteerProfile


def users_of_tools(
    context: Context, first: int, after: str | None
) -> DataLoader[str, tuple[Page[AssociationProfile], int]]:
    async def load(slugs: list[str]) -> list[tuple[Page[AssociationProfile], int]]:
        return await associations.using_tools(context.db, context.viewer, slugs, first, after)

    return context.loader(f"tool.usedBy:{first}:{after}", lambda: DataLoader(load_fn=load))


def usage_counts(context: Context) -> DataLoader[str, int]:
    async def load(slugs: list[str]) -> list[int]:
        return await associations.usage_counts(context.db, slugs)

    return context.loader("tool.usageCount", lambda: DataLoader(load_fn=load))


def needing_skills(context: Context, first: int) -> DataLoader[str, list[AssociationProfile]]:
    async def load(slugs: list[str]) -> list[list[AssociationProfile]]:
        return await associations.needing_skills(context.db, context.viewer, slugs, first)

    return context.loader(f"skill.neededBy:{first}", lambda: DataLoader(load_fn=load))


def offering_skills(context: Context, first: int) -> DataLoader[str, list[VolunteerProfile]]:
    async def load(slugs: list[str]) -> list[list[VolunteerProfile]]:
        return await volunteers.offering_skills(context.db, context.viewer, slugs, first)

    return context.loader(f"skill.offeredBy:{first}", lambda: DataLoader(load_fn=load))
