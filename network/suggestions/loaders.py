"""Batch loaders of what suggestion types show beside their own rows: one query per request for all of them."""

from strawberry.dataloader import DataLoader

from network.associations import service as associations
from network.kit.context import Context


async def tool_share(context: Context, slug: str) -> float | None:
    """The share of associations using a tool, for the reasons that name it."""

    async def load(slugs: list[str]) -> list[float | None]:
        return await associations.usage_shares(context.db, slugs)

    return await context.loader("tool.usageShare", lambda: DataLoader(load_fn=load)).load(slug)
