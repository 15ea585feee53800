"""GraphQL type of an event group."""

from itertools import groupby

import strawberry

from network.event_groups.repository import GroupMember
from network.parties.types import Party, party


@strawberry.type(description="A group (a table, a breakout room) of parties registered for an event.")
class EventGroup:
    number: int = strawberry.field(description="1, 2, ...; groups are listed in this order.")
    members: list[Party] = strawberry.field(description="The registered associations and volunteers in it.")


def event_groups(members: list[GroupMember]) -> list[EventGroup]:
    """Groups from member rows (group, label, row) that come ordered by group number."""
    return [
        EventGroup(number=int(number), members=[party(m["label"], m["row"]) for m in rows])
        for number, rows in groupby(members, key=lambda m: m["group"])
    ]
