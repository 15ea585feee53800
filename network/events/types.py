"""GraphQL types of events."""

import datetime as dt
from enum import Enum

import strawberry

from network.catalogue.types import District, Field, Skill, Tool
from network.events.loaders import your_registrations
from network.events.models import EventFormat
from network.events.repository import EventProfile
from network.kit import typed_strawberry as typed
from network.kit.authorisation import may_edit_events
from network.kit.back_links import LazyEventGroup, LazySuggestion
from network.kit.context import Info
from network.kit.convert import native_datetime
from network.kit.global_id import to_global_id
from network.kit.node import Node
from network.kit.vocabulary import Visibility
from network.parties.types import Party, party


@strawberry.enum
class EventStatus(Enum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


@strawberry.type(description="A networking event or workshop.")
class Event(Node):
    row: strawberry.Private[EventProfile]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Event", self.row["id"]))

    @strawberry.field
    def slug(self) -> str:
        return str(self.row["slug"])

    @strawberry.field
    def title(self) -> str:
        return str(self.row["title"])

    @strawberry.field
    def description(self) -> str | None:
        return self.row.get("description")

    @strawberry.field
    def starts_at(self) -> dt.datetime:
        value = native_datetime(self.row["startsAt"])
        assert value is not None  # every event has its start and end
        return value

    @strawberry.field
    def ends_at(self) -> dt.datetime:
        value = native_datetime(self.row["endsAt"])
        assert value is not None
        return value

    @strawberry.field
    def format(self) -> EventFormat:
        return EventFormat(self.row["format"])

    @strawberry.field
    def status(self) -> EventStatus:
        return EventStatus(self.row.get("status", "SCHEDULED"))

    @strawberry.field
    def visibility(self) -> Visibility:
        return Visibility(self.row.get("visibility", "PUBLIC"))

    @strawberry.field
    def capacity(self) -> int | None:
        return self.row.get("capacity")

    @typed.field(description="Associations and volunteers registered so far.")
    def registered_count(self) -> int:
        return int(self.row.get("registered", 0))

    @typed.field(
        description="The parties you act for that are registered for this event, by slug; the others are only "
        "counted (registeredCount)."
    )
    async def your_registrations(self, info: Info) -> list[Party]:
        found = await your_registrations(info.context, self.row["id"])
        return [party(registered["label"], registered["row"]) for registered in found]

    @typed.field(
        description="Share of invitations reserved for small associations, outer districts and "
        "under-represented groups."
    )
    def outreach_share(self) -> float:
        return float(self.row.get("outreachShare", 0.3))

    @strawberry.field
    async def district(self, info: Info) -> District | None:
        slug = self.row.get("district")
        return District(row=(await info.context.cache.districts())[slug]) if slug else None

    @typed.field(description="Tools the event is about.")
    async def tools(self, info: Info) -> list[Tool]:
        catalogue = await info.context.cache.tools()
        return [Tool(row=catalogue[slug], catalogue=catalogue) for slug in self.row["tools"]]

    @typed.field(description="Skills the event is about.")
    async def skills(self, info: Info) -> list[Skill]:
        skills, tools = await info.context.cache.skills(), await info.context.cache.tools()
        return [Skill(row=skills[slug], catalogue=tools) for slug in self.row["skills"]]

    @typed.field(description="Fields of engagement the event is about.")
    async def fields(self, info: Info) -> list[Field]:
        catalogue = await info.context.cache.fields()
        return [Field(row=catalogue[slug]) for slug in self.row["fields"]]

    @typed.field(description="Whether the viewer may change this event (staff only).")
    def can_edit(self, info: Info) -> bool:
        return may_edit_events(info.context.viewer)

    @typed.field(
        description="Associations and volunteers worth inviting, best first, with at least the "
        "outreach share from small associations, outer districts and under-represented "
        "groups. Staff see all; a party sees only its own invitation, to answer it with "
        "respondToSuggestion (accept registers it); anyone else gets an empty list."
    )
    async def invite_suggestions(self, info: Info, first: int | None = 50) -> list[LazySuggestion]:
        from network.invites.resolvers import invites_of  # imported late: invites build on events

        return await invites_of(info.context, self.row["id"], first)

    @typed.field(
        description="Groups of the registered parties as staff last formed them (formEventGroups), "
        "by number; for staff and registered parties, empty for anyone else."
    )
    async def groups(self, info: Info) -> list[LazyEventGroup]:
        from network.event_groups.resolvers import groups_for  # imported late: groups build on events

        return await groups_for(info.context, self.row["id"])


@strawberry.input(description="Events matching every given criterion.")
class EventFilterInput:
    starts_from: dt.datetime | None = strawberry.field(default=None, description="Starting at or after.")
    starts_until: dt.datetime | None = strawberry.field(default=None, description="Starting at or before.")
    topics: list[str] | None = strawberry.field(
        default=None, description="About any of these tool, skill or field slugs."
    )
    formats: list[EventFormat] | None = None
    include_cancelled: bool = False
