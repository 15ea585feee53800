"""Expiry: a peer or mentoring suggestion nobody answered within the configured days is EXPIRED for good.

Days count from when the pair was first proposed (`createdAt`), which difference writes never change; an expired
pair is hidden from its parties, cannot be answered, and is never proposed again. Event invites end with their
event instead, so they are not expired here.
"""

from network.kit.database import Database
from network.suggestions.changes_feed import ChangesFeed, tell
from network.suggestions.models import SuggestionKind
from network.suggestions.repository import SuggestionWrites

EXPIRING = [SuggestionKind.PEER.value, SuggestionKind.MENTORING.value]
BATCH = 5_000


async def expire_overdue(db: Database, days: int, feed: ChangesFeed | None = None) -> int:
    """Expires every overdue PROPOSED suggestion, a batch per transaction, and tells both sides of each after its
    batch committed (an expired pair leaves their lists); running it again expires nothing."""
    total = 0
    while expired := await db.write(lambda tx: SuggestionWrites(tx).expire(EXPIRING, days, BATCH)):
        total += len(expired)
        for kind in EXPIRING:
            await tell(feed, SuggestionKind(kind), [key for of_kind, key in expired if of_kind == kind])
    return total
