"""What a registration and a cancellation tell the parties, written into the outbox in the transaction of the
change (delivery reads the event as it is when the mail goes out)."""

from neo4j import AsyncManagedTransaction

from network.events.repository import EventWrites
from network.outbox.models import NotificationKind
from network.outbox.repository import Outbox

SUBJECT = "Event"


async def confirm_registration(tx: AsyncManagedTransaction, event_id: str, party_id: str) -> int:
    """The registered party's accounts learn that their place is booked (once per event: the outbox's key)."""
    return await Outbox(tx).to_parties(
        NotificationKind.REGISTRATION_CONFIRMED, SUBJECT, [{"subject": event_id, "to": [party_id]}]
    )


async def tell_cancelled(tx: AsyncManagedTransaction, event_id: str, slug: str) -> int:
    """Everyone who expected to come (registered, or accepted an invite) learns that the event is off."""
    attending = await EventWrites(tx).attending(slug)
    if not attending:
        return 0
    return await Outbox(tx).to_parties(
        NotificationKind.EVENT_CANCELLED, SUBJECT, [{"subject": event_id, "to": attending}]
    )
