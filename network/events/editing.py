"""Changing events (staff only) and registering for them (for whom one acts)."""

from typing import Any

import structlog
from arq.connections import ArqRedis
from neo4j import AsyncManagedTransaction

from network.events.models import EventInput, EventMessageInput
from network.events.notifying import confirm_registration, send_message, tell_cancelled
from network.events.records import KIND, exported_event
from network.events.repository import EventProfile, EventRepository, EventWrites, PartyWithSlug
from network.job_runs.service import enqueue
from network.kit import tasks
from network.kit.authorisation import EVERY_VISIBILITY, Viewer, may_register_any, require_signed_in, require_staff
from network.kit.database import Database
from network.kit.errors import Conflict, InvalidInput, NotFound, NotPermitted
from network.outbox.wake import wake_delivery
from network.records.conversions import ImportRecord
from network.records.writes import current_record, insert_record, save_record

log = structlog.get_logger(__name__)
STAFF_ONLY = "Only programme staff create and change events."
# What the invite list depends on: a change to any of these recomputes it.
RANKED_BY = ("about", "outreachShare", "capacity", "startsAt")


async def create(db: Database, queue: ArqRedis, viewer: Viewer, data: dict[str, Any]) -> EventProfile:
    """Saves a new event, then (committed) enqueues the computation of its invites."""
    require_staff(viewer, STAFF_ONLY)
    model = EventInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> EventProfile:
        await insert_record(tx, KIND, model)
        return await _profile(tx, model.slug)

    row = await db.write(work)
    await _schedule_invites(db, queue, row["id"])
    return row


async def change(db: Database, queue: ArqRedis, viewer: Viewer, slug: str, patch: dict[str, Any]) -> EventProfile:
    """Saves the change, then (committed) enqueues a recompute of the invites when what they depend on changed."""
    require_staff(viewer, STAFF_ONLY)

    async def work(tx: AsyncManagedTransaction) -> tuple[EventProfile, bool]:
        current = await current_record(tx, "Event", slug)
        if current is None:
            raise NotFound(f"No event with slug '{slug}'.")
        record = exported_event(current)
        about = {**record.get("about", {}), **patch.pop("about", {})}
        model = EventInput.model_validate({**record, **patch, "about": about, "slug": slug})
        await save_record(tx, KIND, model)
        if current.get("status") == "CANCELLED":
            await EventWrites(tx).cancel(slug)  # a change does not bring a cancelled event back
        saved = await current_record(tx, "Event", slug)
        assert saved is not None  # written in this very transaction
        after = exported_event(saved)
        return await _profile(tx, slug), any(_ranked(record, k) != _ranked(after, k) for k in RANKED_BY)

    row, reranked = await db.write(work)
    if reranked:
        await _schedule_invites(db, queue, row["id"])
    return row


def _ranked(record: ImportRecord, key: str) -> Any:
    """A record's value of `key` in a form that compares equal when only the order of topics differs."""
    value = record.get(key)
    return {k: sorted(v) for k, v in value.items()} if isinstance(value, dict) else value


async def cancel(db: Database, queue: ArqRedis, viewer: Viewer, slug: str) -> EventProfile:
    """Cancels the event and tells those who expected to come, then (committed) wakes the mail delivery and
    enqueues the recompute that removes its proposed invites."""
    require_staff(viewer, STAFF_ONLY)

    async def work(tx: AsyncManagedTransaction) -> EventProfile:
        if await current_record(tx, "Event", slug) is None:
            raise NotFound(f"No event with slug '{slug}'.")
        await EventWrites(tx).cancel(slug)
        row = await _profile(tx, slug)
        await tell_cancelled(tx, row["id"], slug)
        return row

    row = await db.write(work)
    await wake_delivery(queue)
    await _schedule_invites(db, queue, row["id"])
    return row


async def message(db: Database, queue: ArqRedis, viewer: Viewer, slug: str, data: dict[str, Any]) -> int:
    """Writes staff's message to everyone who takes part in the event (registered, or accepted an invite), each as
    their mail settings say, then (committed) wakes the mail delivery; returns how many accounts it goes to."""
    require_staff(viewer, "Only programme staff write to those who take part in an event.")
    model = EventMessageInput.model_validate(data)

    async def work(tx: AsyncManagedTransaction) -> int:
        current = await current_record(tx, "Event", slug)
        if current is None:
            raise NotFound(f"No event with slug '{slug}'.", field="slug")
        if current.get("status") == "CANCELLED":
            raise Conflict("This event is cancelled; those who took part were told so.", field="slug")
        return await send_message(tx, str(current["id"]), slug, model.subject, model.text)

    sent = await db.write(work)
    if sent:
        await wake_delivery(queue)
    return sent


async def register(
    db: Database, queue: ArqRedis, viewer: Viewer, event_slug: str, party_slug: str, kind: str | None = None
) -> EventProfile:
    """Registers an association or volunteer profile the viewer acts for and confirms it to the party's accounts,
    then (committed) wakes the mail delivery; a second call changes nothing.

    `kind` (ASSOCIATION or VOLUNTEER) settles a slug that both an association and a volunteer have; without it,
    the one the viewer acts for is taken.
    """
    require_signed_in(viewer)

    async def work(tx: AsyncManagedTransaction) -> EventProfile:
        event = await EventRepository(tx).by_slug(event_slug, viewer.visibilities())
        if event is None:
            raise NotFound(f"No event with slug '{event_slug}'.")
        writes = EventWrites(tx)
        party = _choose_party(viewer, await writes.parties(party_slug), party_slug, kind)
        if event.get("status") == "CANCELLED":
            raise Conflict("The event is cancelled.")
        is_new, registered = await writes.register(event_slug, party["id"])
        capacity = event.get("capacity")
        if is_new and capacity is not None and registered > capacity:
            raise Conflict(f"The event is full ({capacity} places).")  # raising rolls the registration back
        await writes.accept_invite(event_slug, party["id"])
        if is_new:
            await confirm_registration(tx, event["id"], party["id"])
        return await _profile(tx, event_slug)

    row = await db.write(work)
    await wake_delivery(queue)
    return row


def _choose_party(viewer: Viewer, found: list[PartyWithSlug], slug: str, kind: str | None) -> PartyWithSlug:
    candidates = [p for p in found if kind is None or p["kind"] == kind]
    if not candidates:
        raise NotFound(f"No association or volunteer with slug '{slug}'.", field="partySlug")
    mine = [p for p in candidates if p["id"] in viewer.acts_for]
    if mine:
        return mine[0]
    if not may_register_any(viewer):
        raise NotPermitted("You can register only an association or volunteer profile you act for.")
    if len(candidates) > 1:
        raise InvalidInput(
            f"Both an association and a volunteer have the slug '{slug}'; say which with partyKind.", field="partyKind"
        )
    return candidates[0]


async def _schedule_invites(db: Database, queue: ArqRedis, event_id: str) -> None:
    """Enqueues the recompute of the event's invites, after the event's transaction committed.

    A failure is logged, not raised: the event is saved, and the nightly recompute repairs its invites.
    """
    try:
        await enqueue(db, queue, tasks.EVENT_INVITES, event_id)
    except Exception:  # any fault of Redis or of the run record: the caller's change must stand
        log.exception("could not enqueue the invite recompute; the nightly run repairs it", event_id=event_id)


async def _profile(tx: AsyncManagedTransaction, slug: str) -> EventProfile:
    row = await EventRepository(tx).by_slug(slug, EVERY_VISIBILITY)
    assert row is not None  # written in this very transaction
    return row
