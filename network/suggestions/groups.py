"""Groups of an event's registered parties (tables, breakout rooms): formed by staff, read by staff and registrants.

Formation is synchronous: it reads the registrations of one event, deals them into groups (`form_groups`) and writes
each registration's group number in one transaction, in milliseconds even for thousands of registrations, so staff
get the groups in the answer. Forming again replaces the groups; the same registrations give the same groups.
A party registered after the last formation is in no group until staff form them again.
"""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.kit.errors import Conflict, InvalidInput, NotFound, NotPermitted
from network.kit.viewer import SIGN_IN, Viewer
from network.matching.events import EventTopics, experienced_associations, experienced_volunteers, form_groups
from network.matching.inputs import AssociationRecord, AssociationTable, Vocabulary, VolunteerRecord, VolunteerTable
from network.suggestions.event_group_repository import EventGroupRepository

Row = dict[str, Any]
MIN_SIZE = 2  # a group of one is no group
MAX_SIZE = 1_000


def may_read(viewer: Viewer, registered: list[str]) -> bool:
    """Staff, and whoever acts for a party registered for the event."""
    return viewer.is_staff or not viewer.acts_for.isdisjoint(registered)


def experienced(tools: list[str], skills: list[str], parties: list[Row]) -> list[bool]:
    """Per party: experienced in the event's topics, by the matching core's rule."""
    vocab = Vocabulary(
        tools=tuple(tools), skills=tuple(skills), fields=(), target_groups=(), districts=(), languages=()
    )
    topics = EventTopics(tools=tuple(range(len(tools))), skills=tuple(range(len(skills))))
    associations = AssociationTable.from_records(
        (
            AssociationRecord(key=p["id"], languages=(), tools=dict(p["tools"]))
            for p in parties
            if p["kind"] == "ASSOCIATION"
        ),
        vocab,
    )
    volunteers = VolunteerTable.from_records(
        (
            VolunteerRecord(
                key=p["id"],
                languages=(),
                tools=dict(p["tools"]),
                skills={slug: int(level) for slug, level in p["skills"]},
            )
            for p in parties
            if p["kind"] == "VOLUNTEER"
        ),
        vocab,
    )
    flags = dict(zip(associations.keys, experienced_associations(associations, topics).tolist(), strict=True))
    flags |= dict(zip(volunteers.keys, experienced_volunteers(volunteers, topics).tolist(), strict=True))
    return [bool(flags[p["id"]]) for p in parties]


def _check(viewer: Viewer, size: int) -> None:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    if not viewer.is_staff:
        raise NotPermitted("Only programme staff form event groups.")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise InvalidInput(f"size must be between {MIN_SIZE} and {MAX_SIZE}, got {size}", field="size")


async def form(db: Database, viewer: Viewer, event_slug: str, size: int) -> tuple[str, Row]:
    """Forms and stores the groups of an event; returns its id and its groups as `groups_of` reads them."""
    _check(viewer, size)

    async def work(tx: AsyncManagedTransaction) -> tuple[str, Row]:
        repository = EventGroupRepository(tx)
        event = await repository.registrations(event_slug)
        if event is None:
            raise NotFound(f"No event with slug '{event_slug}'.", field="eventSlug")
        if event["status"] == "CANCELLED":
            raise Conflict("The event is cancelled.", field="eventSlug")
        parties = event["parties"]
        flags = experienced(event["tools"], event["skills"], parties)
        groups = form_groups([p["id"] for p in parties], flags, size)
        numbers = {str(party): number for number, group in enumerate(groups, start=1) for party in group}
        await repository.save(event["id"], numbers, size)
        return event["id"], (await repository.groups_of([event["id"]]))[event["id"]]

    return await db.write(work)


async def groups_of(db: Database, ids: list[str]) -> list[Row]:
    """Per event id, in order: its registered party ids and grouped members (callers check `may_read`)."""
    found = await db.read(lambda tx: EventGroupRepository(tx).groups_of(ids))
    return [found.get(event_id, {"registered": [], "members": []}) for event_id in ids]
