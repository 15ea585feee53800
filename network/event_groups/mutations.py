"""`formEventGroups`: staff deal an event's registered parties into groups."""

import strawberry

from network.event_groups import service
from network.event_groups.types import EventGroup, event_groups
from network.events.types import Event
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.graphql_errors import FieldError, attempt


@strawberry.type
class EventGroupsPayload:
    event: Event | None
    groups: list[EventGroup]
    errors: list[FieldError]


@strawberry.type
class EventGroupMutation:
    @typed.mutation(
        description="Deal the parties registered for an event into groups of at most `size` "
        "(staff): sizes differ by at most one, and each group mixes parties "
        "experienced in the event's topics with new ones as far as the registrations "
        "allow. Replaces earlier groups; the same registrations give the same groups."
    )
    async def form_event_groups(self, info: Info, event_slug: str, size: int) -> EventGroupsPayload:
        formed, errors = await attempt(service.form(info.context.db, info.context.viewer, event_slug, size))
        if formed is None:
            return EventGroupsPayload(event=None, groups=[], errors=errors)
        event, members = formed
        return EventGroupsPayload(event=Event(row=event) if event else None, groups=event_groups(members), errors=[])
