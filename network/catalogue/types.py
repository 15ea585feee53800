"""GraphQL types of the catalogue; built from repository rows, labels in German and English."""

from enum import Enum
from typing import TypedDict

import strawberry

from network.catalogue.repository import (
    DistrictRow,
    FieldRow,
    LabelledRow,
    SkillRow,
    TargetGroupRow,
    ToolCategoryRow,
    ToolRow,
)
from network.kit import typed_strawberry as typed
from network.kit.back_links import (
    LazyAssociation,
    LazyExperienceReport,
    LazyToolRating,
    LazyToolTip,
    LazyVolunteer,
)
from network.kit.context import Info
from network.kit.global_id import to_global_id
from network.kit.limits import page_size
from network.kit.node import Node
from network.kit.pagination import Connection, decode_cursor
from network.kit.vocabulary import ReportOrder


@strawberry.enum(description="Language of a label.")
class Language(Enum):
    DE = "de"
    EN = "en"


class CategoryOfTool(TypedDict):
    """A tool's main category as its row has it: no id, and no labels when the tool has no IN_CATEGORY link."""

    slug: str
    labelDe: str | None
    labelEn: str | None


def _label(row: LabelledRow | CategoryOfTool, language: Language) -> str:
    return str(row["labelDe"] if language is Language.DE else row["labelEn"])


@strawberry.type(description="A kind of tool, such as video conferencing or member management.")
class ToolCategory:
    row: strawberry.Private[ToolCategoryRow | CategoryOfTool]

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)


@strawberry.type(description="A digital tool that associations use or consider.")
class Tool(Node):
    row: strawberry.Private[ToolRow]
    catalogue: strawberry.Private[dict[str, ToolRow]]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Tool", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def name(self) -> str:
        return str(self.row["name"])

    @typed.field(description="The main category.")
    def category(self) -> ToolCategory:
        row = self.row
        return ToolCategory(
            row={"slug": row["category"], "labelDe": row["categoryLabelDe"], "labelEn": row["categoryLabelEn"]}
        )

    @typed.field(description="Published under a free or open-source licence; null where unsure.")
    def open_source(self) -> bool | None:
        return self.row.get("openSource")

    @strawberry.field
    def license(self) -> str | None:
        return self.row.get("license")

    @typed.field(description="An organisation can run its own server; null where not applicable.")
    def self_hostable(self) -> bool | None:
        return self.row.get("selfHostable")

    @typed.field(description="How it is offered: self-hosted, saas, desktop, ...")
    def deployment(self) -> list[str]:
        return list(self.row.get("deployment") or [])

    @typed.field(description="Open-source tools that can replace this one.")
    def alternatives(self) -> list["Tool"]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["alternatives"]]

    @typed.field(description="Tools that this open-source tool can replace.")
    def replaces(self) -> list["Tool"]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["replaces"]]

    @typed.field(description="Associations using this tool (those visible to you), in slug order.")
    async def used_by(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[LazyAssociation]:
        from network.associations.resolvers import tool_users  # a back-link: imported when it runs

        found: Connection[LazyAssociation] = await tool_users(
            info.context, self.row["slug"], page_size(first), decode_cursor(after)
        )
        return found

    @typed.field(description="How many associations visible to you use this tool.")
    async def usage_count(self, info: Info) -> int:
        from network.associations.resolvers import tool_usage_count  # a back-link: imported when it runs

        return await tool_usage_count(info.context, self.row["slug"])

    @typed.field(
        description="Approved experience reports on this tool by associations visible to you, newest or best rated "
        "first (your own pending ones: myExperienceReports)."
    )
    async def experience_reports(
        self, info: Info, order: ReportOrder = ReportOrder.NEWEST, first: int | None = None, after: str | None = None
    ) -> Connection[LazyExperienceReport]:
        from network.reports.resolvers import tool_reports  # a back-link: imported when it runs

        found: Connection[LazyExperienceReport] = await tool_reports(
            info.context, self.row["slug"], order, page_size(first), decode_cursor(after)
        )
        return found

    @typed.field(description="The mean rating of the approved reports in experienceReports, and their number.")
    async def average_rating(self, info: Info) -> LazyToolRating:
        from network.reports.resolvers import tool_rating  # a back-link: imported when it runs

        found: LazyToolRating = await tool_rating(info.context, self.row["slug"])
        return found

    @typed.field(description="Short tips on this tool, curated by staff, in their order; of one language if given.")
    async def tips(self, info: Info, language: Language | None = None) -> list[LazyToolTip]:
        from network.reports.resolvers import tool_tips  # a back-link: imported when it runs

        found: list[LazyToolTip] = await tool_tips(info.context, self.row["slug"])
        return [tip for tip in found if language is None or tip.row["language"] == language.value]


@strawberry.type(description="A DigComp 2.2 competence (for example 3.4 Programming).")
class Competence:
    code: str
    slug: str
    title: str
    area_slug: str
    area_title: str


@strawberry.type(description="A practical digital skill a volunteer can offer or an association can need.")
class Skill(Node):
    row: strawberry.Private[SkillRow]
    catalogue: strawberry.Private[dict[str, ToolRow]]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Skill", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)

    @typed.field(description="The DigComp 2.2 competences this skill belongs to.")
    def competences(self) -> list[Competence]:
        return [
            Competence(
                code=c["code"], slug=c["slug"], title=c["title"], area_slug=c["areaSlug"], area_title=c["areaTitle"]
            )
            for c in self.row["competences"]
        ]

    @typed.field(description="Tools this skill is about.")
    def tools(self) -> list[Tool]:
        return [Tool(row=self.catalogue[slug], catalogue=self.catalogue) for slug in self.row["tools"]]

    @typed.field(description="Volunteers offering this skill, highest level first (signed-in users only).")
    async def offered_by(self, info: Info, first: int | None = None) -> list[LazyVolunteer]:
        from network.volunteers.resolvers import skill_offerers  # a back-link: imported when it runs

        found: list[LazyVolunteer] = await skill_offerers(info.context, self.row["slug"], page_size(first, default=10))
        return found

    @typed.field(description="Associations needing this skill (those visible to you), in slug order.")
    async def needed_by(self, info: Info, first: int | None = None) -> list[LazyAssociation]:
        from network.associations.resolvers import skill_needers  # a back-link: imported when it runs

        found: list[LazyAssociation] = await skill_needers(info.context, self.row["slug"], page_size(first, default=10))
        return found


@strawberry.type(description="One of Berlin's twelve districts (Bezirke).")
class District(Node):
    row: strawberry.Private[DistrictRow]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("District", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @typed.field(description="The official name, which is the same in every language.")
    def name(self) -> str:
        return str(self.row["name"])

    @typed.field(description="The official two-digit district number.")
    def number(self) -> str:
        return str(self.row["number"])

    @typed.field(description="Latitude of the area-weighted centroid.")
    def lat(self) -> float:
        return float(self.row["lat"])

    @typed.field(description="Longitude of the area-weighted centroid.")
    def lon(self) -> float:
        return float(self.row["lon"])

    @typed.field(description="Inside, across or outside the Ringbahn: inner, mixed or outer.")
    def ringbahn_position(self) -> str:
        return str(self.row["ringbahnPosition"])


@strawberry.type(description="A field of engagement (sport, culture, social, environment, ...).")
class Field(Node):
    row: strawberry.Private[FieldRow]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Field", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)


@strawberry.type(description="A group that associations serve or belong to, and that outreach aims to reach.")
class TargetGroup(Node):
    row: strawberry.Private[TargetGroupRow]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("TargetGroup", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def label(self, language: Language = Language.DE) -> str:
        return _label(self.row, language)

    @typed.field(description="'person' for people, 'organisation' for kinds of association.")
    def kind(self) -> str:
        return str(self.row["kind"])
