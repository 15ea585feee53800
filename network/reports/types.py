"""GraphQL types of experience reports, a tool's rating and staff's tips."""

import datetime as dt

import strawberry
from strawberry.dataloader import DataLoader

from network.associations import service as associations
from network.associations.repository import AssociationProfile
from network.associations.types import Association
from network.catalogue.types import Language, Tool
from network.kit import typed_strawberry as typed
from network.kit.authorisation import may_edit_report
from network.kit.context import Info
from network.kit.convert import native_datetime
from network.kit.node import Node
from network.reports.models import ReportStatus, SwitchDuration
from network.reports.repository import ReportRow, TipRow
from network.reports.service import global_id


@strawberry.type(description="The mean rating of a tool's approved reports that you can see, and how many there are.")
class ToolRating:
    average: float | None = strawberry.field(description="1 to 5, to two decimals; null while there is none.")
    count: int


@strawberry.type(description="A short tip on a tool, curated by staff.")
class ToolTip:
    row: strawberry.Private[TipRow]

    @strawberry.field
    def text(self) -> str:
        return str(self.row["text"])

    @strawberry.field
    def language(self) -> Language:
        return Language(self.row["language"])


def _datetime(value: object) -> dt.datetime:
    found = native_datetime(value)
    assert found is not None  # set on every report
    return found


@strawberry.type(description="What an association learnt from a tool: seen by everyone once staff approved it.")
class ExperienceReport(Node):
    row: strawberry.Private[ReportRow]

    @typed.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id(self.row["id"]))

    @typed.field(description="1 (poor) to 5 (excellent).")
    def rating(self) -> int:
        return int(self.row["rating"])

    @typed.field(description="What the association used the tool for.")
    def used_for(self) -> str:
        return str(self.row["usedFor"])

    @strawberry.field
    def went_well(self) -> str:
        return str(self.row["wentWell"])

    @strawberry.field
    def went_badly(self) -> str:
        return str(self.row["wentBadly"])

    @typed.field(description="How long the switch took; null when the report does not say.")
    def switch_duration(self) -> SwitchDuration | None:
        value = self.row["switchDuration"]
        return SwitchDuration(value) if value else None

    @typed.field(description="Tips for others who start with the tool.")
    def tips(self) -> str:
        return str(self.row["tips"])

    @strawberry.field
    def language(self) -> Language:
        return Language(self.row["language"])

    @strawberry.field
    async def tool(self, info: Info) -> Tool:
        catalogue = await info.context.cache.tools()
        return Tool(row=catalogue[self.row["tool"]], catalogue=catalogue)

    @typed.field(description="The tool of the catalogue it replaced, if it replaced one.")
    async def replaced(self, info: Info) -> Tool | None:
        slug = self.row["replaced"]
        if slug is None:
            return None
        catalogue = await info.context.cache.tools()
        return Tool(row=catalogue[slug], catalogue=catalogue) if slug in catalogue else None

    @typed.field(description="The association it reports for; null when you may not see it.")
    async def association(self, info: Info) -> Association | None:
        ref = self.row["association"]
        if ref is None:
            return None
        context = info.context

        async def load(ids: list[str]) -> list[AssociationProfile | None]:
            rows = {row["id"]: row for row in await associations.by_ids(context.db, context.viewer, ids)}
            return [rows.get(node_id) for node_id in ids]

        row = await context.loader("report.association", lambda: DataLoader(load_fn=load)).load(ref["id"])
        return Association(row=row) if row else None

    @typed.field(description="PENDING until staff approved it (again, after each change), or REJECTED.")
    def status(self) -> ReportStatus:
        return ReportStatus(self.row["status"])

    @typed.field(description="Why staff rejected it: for its authors and staff; null for everyone else.")
    def moderation_reason(self, info: Info) -> str | None:
        viewer = info.context.viewer
        ref = self.row["association"]
        if viewer.is_staff or (ref is not None and may_edit_report(viewer, ref["id"], self.row["authorId"])):
            return self.row["moderationReason"]
        return None

    @typed.field(description="Its version: 1 when written, one more with each change. Staff moderate a revision.")
    def revision(self) -> int:
        return int(self.row["revision"])

    @typed.field(description="When this version was written.")
    def written_at(self) -> dt.datetime:
        return _datetime(self.row["submittedAt"])

    @typed.field(description="When the report was first written.")
    def created_at(self) -> dt.datetime:
        return _datetime(self.row["createdAt"])

    @typed.field(description="When staff last approved or rejected it.")
    def moderated_at(self) -> dt.datetime | None:
        return native_datetime(self.row["moderatedAt"])

    @typed.field(description="Whether you may change it: you wrote it, or you act for its association.")
    def can_edit(self, info: Info) -> bool:
        ref = self.row["association"]
        return ref is not None and may_edit_report(info.context.viewer, ref["id"], self.row["authorId"])
