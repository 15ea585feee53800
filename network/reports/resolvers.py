"""Experience reports to read: one by id, your own, staff's moderation queue, and a tool's reports, rating and tips
(back-links of the catalogue's `Tool`, batched per request: a list of tools costs one query per field)."""

import strawberry
from strawberry.dataloader import DataLoader

from network.kit import typed_strawberry as typed
from network.kit.context import Context, Info
from network.kit.limits import page_size
from network.kit.pagination import Connection, Page, connection, decode_cursor
from network.kit.vocabulary import ReportOrder
from network.reports import service
from network.reports.repository import Order, Rating, ReportRow, TipRow
from network.reports.types import ExperienceReport, ToolRating, ToolTip


def _connection(page: Page[ReportRow], total: int) -> Connection[ExperienceReport]:
    found: Connection[ExperienceReport] = connection(
        page, [ExperienceReport(row=row) for row in page.rows], total, key=service.cursor_key
    )
    return found


async def report_node(context: Context, node_id: str) -> ExperienceReport | None:
    """For `node(id)`: the report, to whom `experienceReport(id)` shows it."""
    row = await service.get(context.db, context.viewer, service.global_id(node_id))
    return ExperienceReport(row=row) if row else None


async def tool_reports(
    context: Context, slug: str, order: ReportOrder, first: int, after: str | None
) -> Connection[ExperienceReport]:
    async def load(slugs: list[str]) -> list[tuple[Page[ReportRow], int]]:
        by: Order = "BEST_RATED" if order is ReportOrder.BEST_RATED else "NEWEST"
        return await service.on_tools(context.db, context.viewer, slugs, by, first, after)

    loader = context.loader(f"tool.experienceReports:{order.value}:{first}:{after}", lambda: DataLoader(load_fn=load))
    return _connection(*await loader.load(slug))


async def tool_rating(context: Context, slug: str) -> ToolRating:
    async def load(slugs: list[str]) -> list[Rating]:
        return await service.ratings(context.db, context.viewer, slugs)

    found = await context.loader("tool.averageRating", lambda: DataLoader(load_fn=load)).load(slug)
    average = found["average"]
    return ToolRating(average=None if average is None else round(average, 2), count=found["count"])


async def tool_tips(context: Context, slug: str) -> list[ToolTip]:
    async def load(slugs: list[str]) -> list[list[TipRow]]:
        return await service.tips(context.db, slugs)

    return [ToolTip(row=row) for row in await context.loader("tool.tips", lambda: DataLoader(load_fn=load)).load(slug)]


@strawberry.type
class ReportQuery:
    @typed.field(description="One experience report; null when unknown or not yours to see.")
    async def experience_report(self, info: Info, id: strawberry.ID) -> ExperienceReport | None:
        row = await service.get(info.context.db, info.context.viewer, str(id))
        return ExperienceReport(row=row) if row else None

    @typed.field(description="Reports you wrote or that an association you act for has, in every status, newest first.")
    async def my_experience_reports(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ExperienceReport]:
        size = page_size(first)
        return _connection(*await service.mine(info.context.db, info.context.viewer, size, decode_cursor(after)))

    @typed.field(description="Reports waiting for moderation, oldest first (staff; empty for everyone else).")
    async def experience_report_moderation_queue(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ExperienceReport]:
        size = page_size(first)
        return _connection(*await service.queue(info.context.db, info.context.viewer, size, decode_cursor(after)))
