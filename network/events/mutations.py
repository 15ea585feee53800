"""Event mutations: staff create, change and cancel events; members and volunteers register."""

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from network.events import editing
from network.events.models import EventFormat
from network.events.repository import EventProfile
from network.events.types import Event
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.graphql_errors import FieldError, attempt
from network.kit.inputs import as_data
from network.kit.vocabulary import Visibility

UNSET = strawberry.UNSET


@strawberry.input(description="What an event is about: slugs of tools, skills and fields.")
class EventTopicsInput:
    tools: list[str] = strawberry.field(default_factory=list)
    skills: list[str] = strawberry.field(default_factory=list)
    fields: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Topics to change: a list left out stays as it is.")
class UpdateEventTopicsInput:
    tools: list[str] | None = UNSET
    skills: list[str] | None = UNSET
    fields: list[str] | None = UNSET


@strawberry.enum(description="Which kind of party a slug means, where an association and a volunteer share it.")
class PartyKind(Enum):
    ASSOCIATION = "ASSOCIATION"
    VOLUNTEER = "VOLUNTEER"


@strawberry.input
class CreateEventInput:
    slug: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    description: str | None = None
    format: EventFormat = EventFormat.IN_PERSON
    district: str | None = None
    capacity: int | None = None
    visibility: Visibility = Visibility.PUBLIC
    outreach_share: float = 0.3
    about: EventTopicsInput | None = None


@strawberry.input(description="Fields to change; a field left out stays as it is, null clears it.")
class UpdateEventInput:
    title: str | None = UNSET
    description: str | None = UNSET
    starts_at: dt.datetime | None = UNSET
    ends_at: dt.datetime | None = UNSET
    format: EventFormat | None = UNSET
    district: str | None = UNSET
    capacity: int | None = UNSET
    visibility: Visibility | None = UNSET
    outreach_share: float | None = UNSET
    about: UpdateEventTopicsInput | None = strawberry.field(default=UNSET, description="null clears every topic.")


@strawberry.input(description="A message to those who take part in an event.")
class EventMessageInput:
    subject: str
    text: str


@strawberry.type
class EventMessagePayload:
    recipients: int = strawberry.field(description="Accounts the message goes to.")
    errors: list[FieldError]


@strawberry.type
class EventPayload:
    event: Event | None
    errors: list[FieldError]


def _payload(row: EventProfile | None, errors: list[FieldError]) -> EventPayload:
    return EventPayload(event=Event(row=row) if row else None, errors=errors)


def _data(value: object) -> dict[str, Any]:
    data: dict[str, Any] = as_data(value)
    for key in ("startsAt", "endsAt"):
        if isinstance(data.get(key), dt.datetime):
            data[key] = data[key].isoformat()
    if "about" in data and data["about"] is None:
        data["about"] = {"tools": [], "skills": [], "fields": []}  # null clears the topics
    elif "about" in data:
        data["about"] = {name: value or [] for name, value in data["about"].items()}
    return data


@strawberry.type
class EventMutation:
    @typed.mutation(description="Create an event (staff).")
    async def create_event(self, info: Info, input: CreateEventInput) -> EventPayload:
        context = info.context
        return _payload(*await attempt(editing.create(context.db, context.queue, context.viewer, _data(input))))

    @typed.mutation(description="Change an event (staff).")
    async def update_event(self, info: Info, slug: str, input: UpdateEventInput) -> EventPayload:
        context = info.context
        return _payload(*await attempt(editing.change(context.db, context.queue, context.viewer, slug, _data(input))))

    @typed.mutation(description="Cancel an event (staff); it stays visible as cancelled.")
    async def cancel_event(self, info: Info, slug: str) -> EventPayload:
        context = info.context
        return _payload(*await attempt(editing.cancel(context.db, context.queue, context.viewer, slug)))

    @typed.mutation(
        description="Write to everyone who takes part in an upcoming event (staff): registered parties and those "
        "who accepted an invite get it by mail, each as their mail settings say."
    )
    async def message_event_participants(self, info: Info, slug: str, input: EventMessageInput) -> EventMessagePayload:
        context = info.context
        sent, errors = await attempt(editing.message(context.db, context.queue, context.viewer, slug, as_data(input)))
        return EventMessagePayload(recipients=sent or 0, errors=errors)

    @typed.mutation(description="Register an association or volunteer profile you act for.")
    async def register_for_event(
        self, info: Info, event_slug: str, party_slug: str, party_kind: PartyKind | None = None
    ) -> EventPayload:
        kind = party_kind.value if party_kind else None
        context = info.context
        return _payload(
            *await attempt(editing.register(context.db, context.queue, context.viewer, event_slug, party_slug, kind))
        )
