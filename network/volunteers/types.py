"""GraphQL types of volunteer profiles."""

import datetime as dt

import strawberry

from network.catalogue.types import District, Skill, Tool
from network.kit import typed_strawberry as typed
from network.kit.back_links import LazySuggestion
from network.kit.context import Info
from network.kit.convert import native_datetime
from network.kit.global_id import to_global_id
from network.kit.node import Node
from network.kit.selection import below
from network.kit.vocabulary import Proficiency
from network.volunteers.repository import SkillOfferRow, ToolKnowledgeRow, VolunteerProfile


async def _suggestions(info: Info, which: str, party_id: str, first: int | None) -> list[LazySuggestion]:
    from network.suggestions.resolvers import suggestions_of  # imported late: it imports this module

    return await suggestions_of(info.context, which, party_id, first, below(info))


@strawberry.type(description="A volunteer offers a skill at a DigComp 2.2 level (1 to 8).")
class SkillOffer:
    row: strawberry.Private[SkillOfferRow]

    @strawberry.field
    async def skill(self, info: Info) -> Skill:
        return Skill(
            row=(await info.context.cache.skills())[self.row["skill"]], catalogue=await info.context.cache.tools()
        )

    @strawberry.field
    def level(self) -> int:
        return int(self.row["level"])


@strawberry.type(description="A volunteer knows a tool this well.")
class ToolKnowledge:
    row: strawberry.Private[ToolKnowledgeRow]

    @strawberry.field
    async def tool(self, info: Info) -> Tool:
        catalogue = await info.context.cache.tools()
        return Tool(row=catalogue[self.row["tool"]], catalogue=catalogue)

    @strawberry.field
    def proficiency(self) -> Proficiency:
        return Proficiency(self.row["proficiency"])


@strawberry.type(description="A volunteer offering digital skills to associations.")
class Volunteer(Node):
    row: strawberry.Private[VolunteerProfile]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Volunteer", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def display_name(self) -> str:
        return str(self.row["displayName"])

    @strawberry.field
    def bio(self) -> str | None:
        return self.row.get("bio")

    @typed.field(description="ISO 639-1 codes.")
    def languages(self) -> list[str]:
        return list(self.row.get("languages") or [])

    @typed.field(description="Helps online, wherever an association is.")
    def remote(self) -> bool:
        return bool(self.row.get("remote"))

    @strawberry.field
    def hours_per_month(self) -> int | None:
        return self.row.get("hoursPerMonth")

    @typed.field(description="At most this many associations at a time.")
    def max_mentees(self) -> int:
        return int(self.row.get("maxMentees", 2))

    @strawberry.field
    async def district(self, info: Info) -> District | None:
        slug = self.row.get("district")
        return District(row=(await info.context.cache.districts())[slug]) if slug else None

    @strawberry.field
    def skills(self) -> list[SkillOffer]:
        return [SkillOffer(row=offer) for offer in self.row["skills"]]

    @strawberry.field
    def tools(self) -> list[ToolKnowledge]:
        return [ToolKnowledge(row=known) for known in self.row["tools"]]

    @typed.field(description="Private: only for the volunteer, staff and mutually introduced parties.")
    def contact_email(self, info: Info) -> str | None:
        return self.row.get("contactEmail") if info.context.viewer.may_read_private(self.row["id"]) else None

    @typed.field(description="Whether the viewer may change this profile.")
    def can_edit(self, info: Info) -> bool:
        return info.context.viewer.may_change(self.row["id"])

    @strawberry.field
    def created_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("createdAt"))

    @typed.field(description="Associations proposed as mentees, best first; only for the volunteer and staff.")
    async def mentee_suggestions(self, info: Info, first: int | None = 10) -> list[LazySuggestion]:
        return await _suggestions(info, "mentee", self.row["id"], first)


@strawberry.input(description="Volunteers matching every given criterion.")
class VolunteerFilterInput:
    skill: str | None = strawberry.field(default=None, description="Offers this skill ...")
    min_level: int = strawberry.field(default=1, description="... at least at this DigComp level (1 to 8).")
    tools: list[str] | None = strawberry.field(default=None, description="Knows any of these tools.")
    districts: list[str] | None = strawberry.field(
        default=None, description="Available in any of these districts (remote volunteers always match)."
    )
    remote: bool | None = strawberry.field(default=None, description="Only remote (true) or on-site (false) helpers.")
    languages: list[str] | None = strawberry.field(default=None, description="Speaks any of these languages.")
    text: str | None = strawberry.field(default=None, description="Words in the name or bio.")
