"""Groups of an event's registered parties (tables, breakout rooms): formed by staff, read by staff and registrants.

Formation is synchronous: it reads the registrations of one event, deals them into groups (`form_groups`) and writes
each registration's group number in one transaction, in milliseconds even for thousands of registrations, so staff
get the groups in the answer. Forming again replaces the groups; the same registrations give the same groups.
A party registered after the last formation is in no group until staff form them again.
"""

from neo4j import AsyncManagedTransaction

from network.event_groups.repository import EventGroupRepository, EventGroups, GroupMember, RegisteredParty
from network.events.repository import EventProfile, EventRepository
from network.kit.authorisation import Viewer, may_read_event_groups, require_staff
from network.kit.database import Database
from network.kit.errors import Conflict, InvalidInput, NotFound
from network.matching.events import EventTopics, experienced_associations, experienced_volunteers, form_groups
from network.matching.inputs import AssociationRecord, AssociationTable, Vocabulary, VolunteerRecord, VolunteerTable

MIN_SIZE = 2  # a group of one is no group
MAX_SIZE = 1_000


def experienced(tools: list[str], skills: list[str], parties: list[RegisteredParty]) -> list[bool]:
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
                skills={str(slug): int(level) for slug, level in p["skills"]},
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
    require_staff(viewer, "Only programme staff form event groups.")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise InvalidInput(f"size must be between {MIN_SIZE} and {MAX_SIZE}, got {size}", field="size")


async def form(
    db: Database, viewer: Viewer, event_slug: str, size: int
) -> tuple[EventProfile | None, list[GroupMember]]:
    """Forms and stores the groups of an event; returns the event as the viewer sees it and its grouped members."""
    _check(viewer, size)

    async def work(tx: AsyncManagedTransaction) -> tuple[EventProfile | None, list[GroupMember]]:
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
        members = (await repository.groups_of([event["id"]]))[event["id"]]["members"]
        profiles = await EventRepository(tx).by_ids([event["id"]], viewer.visibilities())
        return (profiles[0] if profiles else None), members

    return await db.write(work)


async def groups_of(db: Database, viewer: Viewer, ids: list[str]) -> list[list[GroupMember]]:
    """Per event id, in order: its grouped members, for staff and the event's registered parties (empty for anyone
    else)."""
    found = await db.read(lambda tx: EventGroupRepository(tx).groups_of(ids))
    empty: EventGroups = {"registered": [], "members": []}
    groups = [found.get(event_id, empty) for event_id in ids]
    return [g["members"] if may_read_event_groups(viewer, g["registered"]) else [] for g in groups]
