"""`insights`: staff read small tables of counts over the whole network, private by construction."""

import strawberry

from network.insights import service
from network.insights.types import Insights
from network.kit import typed_strawberry as typed
from network.kit.context import Info


@strawberry.type
class InsightsQuery:
    @typed.field(description="Staff insights (staff only; null for everyone else).")
    async def insights(self, info: Info) -> Insights | None:
        min_count = info.context.settings.insights_min_count
        tables = await service.visible_insights(info.context.db, info.context.viewer, min_count)
        return None if tables is None else Insights(tables={t.key: t for t in tables}, min_count=min_count)
