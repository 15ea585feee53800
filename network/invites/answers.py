"""Answering an event invite: the invited party alone decides (no double opt-in; staff proposed it already).

Accepting registers the party for the event, within its capacity: a full, cancelled or started event is a conflict
and the invite stays PROPOSED. Declining is for good: no recompute proposes that party for that event again.
Accepting twice changes nothing; declining an accepted invite is a conflict (registrations are not withdrawn here).
"""

from neo4j import AsyncManagedTransaction

from network.events.notifying import confirm_registration
from network.events.repository import EventWrites
from network.invites.repository import InviteRepository
from network.kit.errors import Conflict
from network.suggestions.models import SuggestionStatus
from network.suggestions.repository import SuggestionParties, SuggestionRepository, SuggestionRow


async def answer_invite(
    tx: AsyncManagedTransaction, suggestion_id: str, found: SuggestionParties, accept: bool
) -> SuggestionRow:
    """`found`: the invite as `SuggestionRepository.parties` read it (party: the event, candidate: the invited
    party). Returns the invite with the invited party as its candidate."""
    status = found["status"]
    if status == SuggestionStatus.DECLINED:
        raise Conflict("This invitation was declined; it cannot be answered again.")
    if status == SuggestionStatus.ACCEPTED and not accept:
        raise Conflict("This invitation was accepted and the party is registered for the event already.")
    if status not in (SuggestionStatus.PROPOSED, SuggestionStatus.ACCEPTED):
        raise Conflict(f"This invitation is {status.lower()}; it cannot be answered any more.")
    party = found["candidate"]
    if status == SuggestionStatus.PROPOSED and accept:
        await _register(tx, suggestion_id, party)
        await SuggestionRepository(tx).set_answer(suggestion_id, SuggestionStatus.ACCEPTED, [party])
    elif status == SuggestionStatus.PROPOSED:
        await SuggestionRepository(tx).set_answer(suggestion_id, SuggestionStatus.DECLINED, [])
    row = await InviteRepository(tx).one(suggestion_id)
    assert row is not None  # read in this very transaction
    return row


async def _register(tx: AsyncManagedTransaction, suggestion_id: str, party: str) -> None:
    event = await InviteRepository(tx).event_of(suggestion_id)
    assert event is not None  # an invite is written with its event
    if event["status"] == "CANCELLED":
        raise Conflict("The event is cancelled.")
    if event["started"]:
        raise Conflict("The event has started already.")
    is_new, registered = await EventWrites(tx).register(event["slug"], party)
    capacity = event["capacity"]
    if is_new and capacity is not None and registered > capacity:
        raise Conflict(f"The event is full ({capacity} places).")  # raising rolls the registration back
    if is_new:
        await confirm_registration(tx, event["id"], party)
