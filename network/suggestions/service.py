"""Rules of peer and mentoring suggestions: the lists a party reads, and the double opt-in answer."""

from neo4j import AsyncManagedTransaction

from network.kit.database import Database
from network.kit.errors import Conflict
from network.suggestions.models import SuggestionKind, SuggestionStatus
from network.suggestions.notifying import tell_answer
from network.suggestions.repository import SuggestionParties, SuggestionRepository, SuggestionRow

# (kind, label of the party, label of the candidate) of each list a party shows
LISTS = {
    "peer": (SuggestionKind.PEER, "Association", "Association"),
    "mentor": (SuggestionKind.MENTORING, "Association", "Volunteer"),
    "mentee": (SuggestionKind.MENTORING, "Volunteer", "Association"),
}


async def for_parties(
    db: Database, which: str, ids: list[str], first: int, shown: frozenset[str] | None = None
) -> list[list[SuggestionRow]]:
    """Per party id, in order: its suggestions of one list, best first (callers check `may_read_suggestions_of`);
    `shown` as `SuggestionRepository.for_parties` takes it."""
    kind, label, candidate = LISTS[which]
    found = await db.fetch(lambda tx: SuggestionRepository(tx).for_parties(label, kind, candidate, ids, first, shown))
    return [found.get(party_id, []) for party_id in ids]


async def answer_pair(
    tx: AsyncManagedTransaction, suggestion_id: str, found: SuggestionParties, sides: list[str], accept: bool
) -> tuple[SuggestionRow, str | None]:
    """Records the answer of `sides` to a peer or mentoring suggestion (`found`, as `SuggestionRepository.parties`
    read it) and what it tells the parties (`notifying.py`); returns it as the answering side sees it and, when this
    answer completed the double opt-in, the id of the party now introduced."""
    repo = SuggestionRepository(tx)
    accepted_before = list(found["acceptedBy"])
    introduced = _answer(found, sides, accept)
    await repo.set_answer(suggestion_id, found["status"], found["acceptedBy"])
    await tell_answer(tx, suggestion_id, found, accepted_before, introduced)
    if introduced and found["kind"] == SuggestionKind.PEER:
        await repo.connect_peers(found["party"], found["candidate"])
    elif introduced:
        await repo.connect_mentor(found["party"], found["candidate"])
    row = await repo.one(suggestion_id, sides[0])
    assert row is not None
    other = found["candidate"] if sides[0] == found["party"] else found["party"]
    return row, other if introduced else None


def _answer(found: SuggestionParties, sides: list[str], accept: bool) -> bool:
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
