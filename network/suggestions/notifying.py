"""What a new or answered peer or mentoring suggestion tells its parties, written into the outbox in the
transaction of the change (delivery reads the suggestion as it is when the mail goes out)."""

from neo4j import AsyncManagedTransaction

from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.suggestions.models import SuggestionKind, SuggestionStatus
from network.suggestions.repository import CreatedSuggestion, SuggestionParties

SUBJECT = "Suggestion"


async def tell_new(tx: AsyncManagedTransaction, kind: SuggestionKind, created: list[CreatedSuggestion]) -> int:
    """A batch a run created: a peer suggestion to both associations, a mentoring one to the association (a mentor
    for it) and to the volunteer (a mentee for them). One query per kind of notification, never one per row;
    returns how many notifications were written."""
    if not created:
        return 0
    outbox = Outbox(tx)
    if kind == SuggestionKind.PEER:
        both: list[NotificationRow] = [{"subject": s["id"], "to": [s["party"], s["candidate"]]} for s in created]
        return await outbox.to_parties(NotificationKind.PEER_SUGGESTED, SUBJECT, both, new_subjects=True)
    if kind == SuggestionKind.MENTORING:
        associations: list[NotificationRow] = [{"subject": s["id"], "to": [s["party"]]} for s in created]
        volunteers: list[NotificationRow] = [{"subject": s["id"], "to": [s["candidate"]]} for s in created]
        mentors = await outbox.to_parties(NotificationKind.MENTOR_SUGGESTED, SUBJECT, associations, new_subjects=True)
        return mentors + await outbox.to_parties(
            NotificationKind.MENTEE_SUGGESTED, SUBJECT, volunteers, new_subjects=True
        )
    raise ValueError(f"{kind} suggestions are not written by a run")  # invites: network/invites


async def tell_answer(
    tx: AsyncManagedTransaction,
    suggestion_id: str,
    found: SuggestionParties,
    accepted_before: list[str],
    introduced: bool,
) -> int:
    """After an answer (`found` as it is now, `accepted_before` the sides that had accepted before it): when it
    completed the double opt-in (`introduced`) both sides learn whom to write to; when a side accepted and the other
    has not answered yet, that one learns it is its turn. An answer that changed nothing (a repeat, a decline) tells
    nobody."""
    sides = [found["party"], found["candidate"]]
    outbox = Outbox(tx)
    if introduced:
        return await outbox.to_parties(NotificationKind.INTRODUCED, SUBJECT, [{"subject": suggestion_id, "to": sides}])
    newly = set(found["acceptedBy"]) - set(accepted_before)
    waiting = [side for side in sides if side not in found["acceptedBy"]]
    if found["status"] == SuggestionStatus.PROPOSED and newly and waiting:
        row: NotificationRow = {"subject": suggestion_id, "to": waiting}
        return await outbox.to_parties(NotificationKind.OTHER_ACCEPTED, SUBJECT, [row])
    return 0
