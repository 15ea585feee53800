"""Any suggestion by its id, read and answered as its kind requires: both sides of a peer or mentoring suggestion
(double opt-in), the invited party alone for an event invite (accepting registers it)."""

from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from network.invites.answers import answer_invite
from network.invites.repository import InviteRepository
from network.kit.authorisation import (
    Viewer,
    may_read_suggestion,
    require_signed_in,
    require_suggestion_sides,
    suggestion_sides,
)
from network.kit.database import Database
from network.kit.errors import NotFound
from network.kit.global_id import from_global_id
from network.suggestions.models import SuggestionKind
from network.suggestions.repository import SuggestionRepository, SuggestionRow
from network.suggestions.service import answer_pair


@dataclass(frozen=True)
class Answered:
    row: SuggestionRow  # the suggestion as the answering side sees it
    introduced: str | None  # when this answer completed the double opt-in: the party now introduced
    pair_key: str  # "<party>|<candidate>": whose suggestions changed (for those watching them)


async def respond(db: Database, viewer: Viewer, global_id: str, accept: bool) -> Answered:
    """Records one side's answer in one write transaction."""
    require_signed_in(viewer)
    type_name, suggestion_id = from_global_id(global_id)
    if type_name != "Suggestion":
        raise NotFound(f"No suggestion has the id '{global_id}'.", field="id")

    async def work(tx: AsyncManagedTransaction) -> Answered:
        found = await SuggestionRepository(tx).parties(suggestion_id)
        if found is None:
            raise NotFound(f"No suggestion has the id '{global_id}'.", field="id")
        sides = require_suggestion_sides(viewer, found["party"], found["candidate"])
        pair_key = f"{found['party']}|{found['candidate']}"
        if found["kind"] == SuggestionKind.EVENT_INVITE:  # one side only: the invited party (the event is `party`)
            return Answered(await answer_invite(tx, suggestion_id, found, accept), None, pair_key)
        row, introduced = await answer_pair(tx, suggestion_id, found, sides, accept)
        return Answered(row, introduced, pair_key)

    return await db.write(work)


async def by_id(db: Database, viewer: Viewer, suggestion_id: str) -> SuggestionRow | None:
    """For `node(id)`: the suggestion as the viewer's side sees it (staff see the proposing side's view); None when
    it is unknown or the viewer may not read it (the same readers as the lists: its parties and staff)."""

    async def work(tx: AsyncManagedTransaction) -> SuggestionRow | None:
        found = await SuggestionRepository(tx).sides(suggestion_id)
        if found is None:
            return None
        invite = found["kind"] == SuggestionKind.EVENT_INVITE  # the event has no account: the invited party and staff
        if not may_read_suggestion(viewer, found["party"], found["candidate"], invite=invite):
            return None
        if invite:
            return await InviteRepository(tx).one(suggestion_id)
        sides = suggestion_sides(viewer, found["party"], found["candidate"])
        return await SuggestionRepository(tx).one(suggestion_id, sides[0] if sides else found["party"])

    return await db.read(work)
