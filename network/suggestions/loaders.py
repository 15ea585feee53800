"""Batch loaders of what suggestion types show beside their own rows: one query per request for all of them."""

from strawberry.dataloader import DataLoader

from network.associations import service as associations
from network.kit.context import Context


async def tool_shares(context: Context, slugs: list[str]) -> dict[str, float]:
    """The share of associations using each tool (slugs that are no tool left out), for the reasons that name it."""

    async def load(slugs: list[str]) -> list[float | None]:
        return await associations.usage_shares(context.db, slugs)

    found = await context.loader("tool.usageShare", lambda: DataLoader(load_fn=load)).load_many(slugs)
    return {slug: share for slug, share in zip(slugs, found, strict=True) if share is not None}
