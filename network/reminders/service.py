"""Writing the reminders that are due into the outbox, a bounded batch per transaction (the hourly `reminders.write`
task runs this).

A suggestion's reminders count from when it was proposed (`createdAt`, which recomputes never change): the first
after REMINDER_FIRST_DAYS, the last after REMINDER_LAST_DAYS, only to the sides that have not answered, and never
once it is past SUGGESTION_EXPIRY_DAYS. An event's reminder goes to its registered parties EVENT_REMINDER_DAYS
before it starts. Each is written at most once (the outbox's key), and a batch is marked done in the transaction
that writes it, so a run that dies loses nothing and writes nothing twice.
"""

from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.reminders.repository import ReminderRepository
from network.settings import Settings

BATCH = 2_000  # suggestions or registrations per transaction


@dataclass(frozen=True)
class ReminderCounts:
    suggestions: int  # suggestions reminded of (first and last)
    events: int  # registrations reminded of
    notifications: int  # written, one per account


async def _suggestion_batch(tx: AsyncManagedTransaction, settings: Settings, limit: int) -> tuple[int, int]:
    due = await ReminderRepository(tx).due_suggestions(
        settings.reminder_first_days, settings.reminder_last_days, settings.suggestion_expiry_days, limit
    )
    outbox, written = Outbox(tx), 0
    for stage in ("first", "last"):
        rows: list[NotificationRow] = [
            {"subject": s["id"], "to": s["waiting"], "stage": stage} for s in due if s["stage"] == stage
        ]
        written += await outbox.to_parties(NotificationKind.SUGGESTION_REMINDER, "Suggestion", rows)
    return len(due), written


async def _event_batch(tx: AsyncManagedTransaction, settings: Settings, limit: int) -> tuple[int, int]:
    due = await ReminderRepository(tx).due_registrations(settings.event_reminder_days, limit)
    rows: list[NotificationRow] = [{"subject": e["id"], "to": e["parties"]} for e in due]
    written = await Outbox(tx).to_parties(NotificationKind.EVENT_REMINDER, "Event", rows)
    return sum(len(e["parties"]) for e in due), written


async def write_reminders(db: Database, settings: Settings, batch: int = BATCH) -> ReminderCounts:
    """Every reminder due now, `batch` suggestions or registrations per transaction; a second run right after
    writes nothing."""
    suggestions = events = notifications = 0
    while True:
        found, written = await db.write(_suggestion_batch, settings, batch)
        suggestions, notifications = suggestions + found, notifications + written
        if found < batch:
            break
    while True:
        found, written = await db.write(_event_batch, settings, batch)
        events, notifications = events + found, notifications + written
        if found < batch:
            break
    return ReminderCounts(suggestions=suggestions, events=events, notifications=notifications)
