"""GraphQL types of associations and their links to the catalogue."""

import datetime as dt

import strawberry

from network.associations.repository import AssociationProfile, SkillNeedRow, ToolUsageRow
from network.catalogue.types import District, Field, Skill, TargetGroup, Tool
from network.kit import typed_strawberry as typed
from network.kit.back_links import LazySuggestion
from network.kit.context import Info
from network.kit.convert import native_date, native_datetime
from network.kit.global_id import to_global_id
from network.kit.node import Node
from network.kit.selection import below
from network.kit.vocabulary import Proficiency, Visibility


async def _suggestions(info: Info, which: str, party_id: str, first: int | None) -> list[LazySuggestion]:
    from network.suggestions.resolvers import suggestions_of  # imported late: it imports this module

    return await suggestions_of(info.context, which, party_id, first, below(info))


@strawberry.type(description="An association uses a tool, this well, since then.")
class ToolUsage:
    row: strawberry.Private[ToolUsageRow]

    @strawberry.field
    async def tool(self, info: Info) -> Tool:
        catalogue = await info.context.cache.tools()
        return Tool(row=catalogue[self.row["tool"]], catalogue=catalogue)

    @strawberry.field
    def proficiency(self) -> Proficiency:
        return Proficiency(self.row["proficiency"])

    @strawberry.field
    def since(self) -> dt.date | None:
        return native_date(self.row.get("since"))


@strawberry.type(description="An association needs a skill at least at a DigComp level, with a priority.")
class SkillNeed:
    row: strawberry.Private[SkillNeedRow]

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return Skill(
            row=(await info.context.cache.skills())[self.row["skill"]], catalogue=await info.context.cache.tools()
        )

    @typed.field(description="DigComp 2.2 proficiency level, 1 to 8.")
    def min_level(self) -> int:
        return int(self.row["minLevel"])

    @typed.field(description="1 (most urgent) to 3.")
    def priority(self) -> int:
        return int(self.row["priority"])


@strawberry.type(description="An association, initiative or non-profit.")
class Association(Node):
    row: strawberry.Private[AssociationProfile]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Association", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def name(self) -> str:
        return str(self.row["name"])

    @strawberry.field
    def description(self) -> str | None:
        return self.row.get("description")

    @typed.field(description="Number of members.")
    def members(self) -> int | None:
        return self.row.get("members")

    @typed.field(description="Number of paid staff; 0 for an association run by volunteers only.")
    def paid_staff(self) -> int | None:
        return self.row.get("paidStaff")

    @typed.field(description="ISO 639-1 codes of the languages spoken.")
    def languages(self) -> list[str]:
        return list(self.row.get("languages") or [])

    @strawberry.field
    def visibility(self) -> Visibility:
        return Visibility(self.row["visibility"])

    @strawberry.field
    async def district(self, info: Info) -> District | None:
        slug = self.row.get("district")
        return District(row=(await info.context.cache.districts())[slug]) if slug else None

    @strawberry.field
    async def fields(self, info: Info) -> list[Field]:
        catalogue = await info.context.cache.fields()
        return [Field(row=catalogue[slug]) for slug in self.row["fields"]]

    @typed.field(description="Groups the association serves or belongs to.")
    async def target_groups(self, info: Info) -> list[TargetGroup]:
        catalogue = await info.context.cache.target_groups()
        return [TargetGroup(row=catalogue[slug]) for slug in self.row["targetGroups"]]

    @typed.field(description="Tools in use, with proficiency.")
    def tools(self) -> list[ToolUsage]:
        return [ToolUsage(row=usage) for usage in self.row["tools"]]

    @typed.field(description="Tools the association considers switching to.")
    async def considers(self, info: Info) -> list[Tool]:
        catalogue = await info.context.cache.tools()
        return [Tool(row=catalogue[slug], catalogue=catalogue) for slug in self.row["considers"]]

    @typed.field(description="Skills the association needs help with.")
    def needs(self) -> list[SkillNeed]:
        return [SkillNeed(row=need) for need in self.row["needs"]]

    @typed.field(description="Private: only for the association, staff and mutually introduced parties.")
    def contact_email(self, info: Info) -> str | None:
        return self.row.get("contactEmail") if info.context.viewer.may_read_private(self.row["id"]) else None

    @typed.field(description="Whether the viewer may change this association.")
    def can_edit(self, info: Info) -> bool:
        return info.context.viewer.may_change(self.row["id"])

    @strawberry.field
    def created_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("createdAt"))

    @strawberry.field
    def updated_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("updatedAt"))

    @typed.field(description="Associations worth meeting, best first; only for the association and staff.")
    async def peer_suggestions(self, info: Info, first: int | None = 10) -> list[LazySuggestion]:
        return await _suggestions(info, "peer", self.row["id"], first)

    @typed.field(description="Volunteers proposed as mentors, best first; only for the association and staff.")
    async def mentor_suggestions(self, info: Info, first: int | None = 10) -> list[LazySuggestion]:
        return await _suggestions(info, "mentor", self.row["id"], first)


@strawberry.input(description="Associations matching every given criterion; list criteria as described per field.")
class AssociationFilterInput:
    uses_tools: list[str] | None = strawberry.field(default=None, description="Uses all of these tools.")
    considers_tools: list[str] | None = strawberry.field(default=None, description="Considers all of these tools.")
    needs_skills: list[str] | None = strawberry.field(default=None, description="Needs any of these skills.")
    fields: list[str] | None = strawberry.field(default=None, description="Active in any of these fields.")
    target_groups: list[str] | None = strawberry.field(default=None, description="Serves any of these groups.")
    districts: list[str] | None = strawberry.field(default=None, description="Located in any of these districts.")
    languages: list[str] | None = strawberry.field(default=None, description="Speaks any of these languages.")
    text: str | None = strawberry.field(default=None, description="Words in the name or description.")
