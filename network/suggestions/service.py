"""Rules of suggestions: who reads them, and the double opt-in answer."""

from typing import Any

from network.kit.database import Database
from network.kit.errors import Conflict, NotFound, NotPermitted
from network.kit.global_id import from_global_id
from network.kit.viewer import SIGN_IN, Viewer
from network.suggestions.invite_answers import answer_invite
from network.suggestions.invite_repository import InviteRepository
from network.suggestions.models import SuggestionKind, SuggestionStatus
from network.suggestions.repository import SuggestionRepository

Row = dict[str, Any]
# (kind, label of the party, label of the candidate) of each list a party shows
LISTS = {
    "peer": (SuggestionKind.PEER, "Association", "Association"),
    "mentor": (SuggestionKind.MENTORING, "Association", "Volunteer"),
    "mentee": (SuggestionKind.MENTORING, "Volunteer", "Association"),
}


def may_read(viewer: Viewer, party_id: str) -> bool:
    """The parties themselves and staff; nobody else, not even an introduced party."""
    return viewer.may_change(party_id)


async def for_parties(db: Database, which: str, ids: list[str], first: int) -> list[list[Row]]:
    """Per party id, in order: its visible suggestions of one list, best first (callers check `may_read`)."""
    kind, label, candidate = LISTS[which]
    found = await db.read(lambda tx: SuggestionRepository(tx).for_parties(label, kind, candidate, ids, first))
    return [found.get(party_id, []) for party_id in ids]


async def respond(db: Database, viewer: Viewer, global_id: str, accept: bool) -> tuple[Row, str | None]:
    """Records one side's answer in one write transaction; returns the suggestion as the answering side sees it
    and, when this answer completed the double opt-in, the id of the party now introduced."""
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    type_name, suggestion_id = from_global_id(global_id)
    if type_name != "Suggestion":
        raise NotFound(f"No suggestion has the id '{global_id}'.", field="id")

    async def work(tx: Any) -> tuple[Row, str | None]:
        repo = SuggestionRepository(tx)
        found = await repo.parties(suggestion_id)
        if found is None:
            raise NotFound(f"No suggestion has the id '{global_id}'.", field="id")
        sides = [p for p in (found["party"], found["candidate"]) if p in viewer.acts_for]
        if not sides:
            raise NotPermitted("Only the two parties of a suggestion may answer it.")
        if found["kind"] == SuggestionKind.EVENT_INVITE:  # one side only: the invited party (the event is `party`)
            return await answer_invite(tx, suggestion_id, found, accept), None
        introduced = _answer(found, sides, accept)
        await repo.set_answer(suggestion_id, found["status"], found["acceptedBy"])
        if introduced and found["kind"] == SuggestionKind.PEER:
            await repo.connect_peers(found["party"], found["candidate"])
        elif introduced:
            await repo.connect_mentor(found["party"], found["candidate"])
        row = await repo.one(suggestion_id, sides[0])
        assert row is not None
        other = found["candidate"] if sides[0] == found["party"] else found["party"]
        return row, other if introduced else None

    return await db.write(work)


def _answer(found: Row, sides: list[str], accept: bool) -> bool:
    """Updates status and acceptedBy of `found` in place; True when both sides have now accepted."""
    status = found["status"]
    if status == SuggestionStatus.DECLINED:
        raise Conflict("This suggestion was declined; it cannot be answered again.")
    if status not in (SuggestionStatus.PROPOSED, SuggestionStatus.ACCEPTED):
        raise Conflict(f"This suggestion is {status.lower()}; it cannot be answered any more.")
    if not accept:
        if status == SuggestionStatus.ACCEPTED:
            raise Conflict("Both sides accepted this suggestion already; the connection exists.")
        found["status"] = SuggestionStatus.DECLINED
        return False
    found["acceptedBy"] = sorted(set(found["acceptedBy"]) | set(sides))
    both = {found["party"], found["candidate"]} <= set(found["acceptedBy"])
    if both and status == SuggestionStatus.PROPOSED:
        found["status"] = SuggestionStatus.ACCEPTED
        return True
    return False


async def by_id(db: Database, viewer: Viewer, suggestion_id: str) -> Row | None:
    """For `node(id)`: the suggestion as the viewer's side sees it (staff see the proposing side's view); None when
    it is unknown or the viewer may not read it (the same readers as the lists: its parties and staff)."""

    async def work(tx: Any) -> Row | None:
        found = await SuggestionRepository(tx).sides(suggestion_id)
        if found is None:
            return None
        if found["kind"] == SuggestionKind.EVENT_INVITE:  # the event has no account: the invited party and staff
            allowed = viewer.is_staff or found["candidate"] in viewer.acts_for
            return await InviteRepository(tx).one(suggestion_id) if allowed else None
        sides = [p for p in (found["party"], found["candidate"]) if p in viewer.acts_for]
        if not sides and not viewer.is_staff:
            return None
        return await SuggestionRepository(tx).one(suggestion_id, sides[0] if sides else found["party"])

    return await db.read(work)
