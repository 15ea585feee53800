"""An answer and a refresh racing on one suggestion: the refresh deletes only what is still unanswered once it holds
the suggestion, so an acceptance committed while the refresh waited is kept (the soak found one lost)."""

import asyncio
import uuid

from network.kit.database import Database
from network.suggestions.repository import SuggestionWrites
from tests.suggestions.conftest import cypher
from tests.support.cleanup import Slugs


async def test_a_refresh_keeps_a_suggestion_accepted_while_it_waited(db: Database, slugs: Slugs) -> None:
    key = f"race-{uuid.uuid4()}"
    await cypher(
        db,
        "CREATE (:Association {id: $a, slug: $a})<-[:FOR]-(:Suggestion {id: $key, kind: 'PEER', pairKey: $key, "
        "status: 'PROPOSED', acceptedBy: []})-[:OF]->(:Association {id: $b, slug: $b})",
        a=slugs("party"),
        b=slugs("candidate"),
        key=key,
    )
    async with db.driver.session(database=db.name) as session:
        answer = await session.begin_transaction()
        # an answer as `respondToSuggestion` writes it: the suggestion locked, then the acceptance
        await answer.run(
            "MATCH (s:Suggestion {pairKey: $key}) SET s._lock = true REMOVE s._lock SET s.acceptedBy = ['party']",
            key=key,
        )
        refresh = asyncio.create_task(db.write(lambda tx: SuggestionWrites(tx).delete_unanswered("PEER", [key])))
        await asyncio.sleep(1.0)
        assert not refresh.done(), "the delete did not wait for the answer's lock"
        await answer.commit()
    deleted = await asyncio.wait_for(refresh, timeout=30)

    assert deleted == 0
    kept = await cypher(db, "MATCH (s:Suggestion {pairKey: $key}) RETURN s.acceptedBy AS acceptedBy", key=key)
    assert kept == [{"acceptedBy": ["party"]}]
