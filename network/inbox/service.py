"""Any suggestion by its id, read, marked seen and answered as its kind requires: both sides of a peer or mentoring
suggestion (double opt-in), the invited party alone for an event invite (accepting registers it)."""

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
from network.kit.errors import InvalidInput, InvalidInputs, NotFound, NotPermitted
from network.kit.global_id import from_global_id
from network.suggestions.models import SuggestionKind
from network.suggestions.repository import SeenMark, SuggestionRepository, SuggestionRow
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


# The most suggestions one call marks: a screen of cards, many times over.
MAX_SEEN = 200


async def mark_seen(db: Database, viewer: Viewer, global_ids: list[str]) -> int:
    """Marks suggestions seen by the viewer's sides, in one write transaction: all or, when one of them is not a
    suggestion or not the viewer's, none. Suggestions gone meanwhile (a recompute removes unanswered pairs) are
    skipped, so a card shown a moment ago never fails the call. Returns how many a side saw for the first time."""
    require_signed_in(viewer)
    if len(global_ids) > MAX_SEEN:
        raise InvalidInput(f"At most {MAX_SEEN} suggestions at once, not {len(global_ids)}.", field="ids")
    wanted: dict[str, int] = {}  # suggestion id -> its first place in the input
    problems: list[tuple[str, str]] = []
    for place, global_id in enumerate(global_ids):
        try:
            type_name, suggestion_id = from_global_id(global_id)
        except InvalidInput:
            type_name, suggestion_id = "", ""
        if type_name != "Suggestion":
            problems.append((f"ids[{place}]", f"'{global_id}' is not the id of a suggestion"))
            continue
        wanted.setdefault(suggestion_id, place)
    if problems:
        raise InvalidInputs(problems)

    async def work(tx: AsyncManagedTransaction) -> int:
        repo = SuggestionRepository(tx)
        marks: list[SeenMark] = []
        for found in await repo.sides_of(list(wanted)):
            sides = suggestion_sides(viewer, found["party"], found["candidate"])
            if not sides:  # staff read every list, but only a party's own look marks it seen
                field = f"ids[{wanted[found['id']]}]"
                raise NotPermitted(f"{field}: only the parties of a suggestion mark it seen.", field=field)
            marks.append({"id": found["id"], "sides": sides})
        return await repo.mark_seen(marks)

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
