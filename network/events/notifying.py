"""What a registration and a cancellation tell the parties, written into the outbox in the transaction of the
change (delivery reads the event as it is when the mail goes out)."""

import uuid

from neo4j import AsyncManagedTransaction

from network.events.repository import EventWrites
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox

SUBJECT = "Event"


async def confirm_registration(tx: AsyncManagedTransaction, event_id: str, party_id: str) -> int:
    """The registered party's accounts learn that their place is booked (once per event: the outbox's key)."""
    return await Outbox(tx).to_parties(
        NotificationKind.REGISTRATION_CONFIRMED, SUBJECT, [{"subject": event_id, "to": [party_id]}]
    )


async def send_message(tx: AsyncManagedTransaction, event_id: str, slug: str, subject: str, text: str) -> int:
    """Staff's message to everyone who takes part; each message is its own notification (a stage of its own).
    Returns the number of accounts it goes to."""
    attending = await EventWrites(tx).attending(slug)
    if not attending:
        return 0
    row: NotificationRow = {
        "subject": event_id,
        "to": attending,
        "stage": uuid.uuid4().hex,
        "data": {"subject": subject, "text": text},
    }
    return await Outbox(tx).to_parties(NotificationKind.EVENT_MESSAGE, SUBJECT, [row])


async def tell_cancelled(tx: AsyncManagedTransaction, event_id: str, slug: str) -> int:
    """Everyone who expected to come (registered, or accepted an invite) learns that the event is off."""
    attending = await EventWrites(tx).attending(slug)
    if not attending:
        return 0
    return await Outbox(tx).to_parties(
        NotificationKind.EVENT_CANCELLED, SUBJECT, [{"subject": event_id, "to": attending}]
    )
