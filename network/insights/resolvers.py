"""`insights`: staff read small tables of counts over the whole network, private by construction."""

import strawberry

from network.insights import store
from network.insights.types import Insights
from network.kit import typed_strawberry as typed
from network.kit.context import Info


@strawberry.type
class InsightsQuery:
    @typed.field(
        description="Staff insights (staff only; null for everyone else): the worker's last run, each table with the "
        "time it was taken (`coveredTo`), or taken now when the server computes them on each request."
    )
    async def insights(self, info: Info) -> Insights | None:
        context = info.context
        tables = await store.visible(context.db, context.queue, context.viewer, context.settings)
        min_count = context.settings.insights_min_count
        return None if tables is None else Insights(tables={t.key: t for t in tables}, min_count=min_count)
