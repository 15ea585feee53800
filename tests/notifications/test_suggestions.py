"""New peer and mentoring suggestions and their answers tell the parties: the right kinds to every account acting
for each party, none for a party without accounts, in the transaction of the change, never twice."""

import pytest
from arq.connections import ArqRedis
from neo4j import AsyncManagedTransaction

from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import to_global_id
from network.matching.weights import ALGORITHM_VERSION
from network.suggestions.models import SuggestionKind, peer_key
from network.suggestions.recompute import recompute_all
from network.suggestions.repository import SuggestionRepository
from network.suggestions.service import answer_pair
from network.suggestions.writing import _create
from tests.notifications.helpers import (
    cypher,
    expected,
    forget_wakes,
    notes,
    ordered,
    own,
    queued_wakes,
    suggestion_between,
)
from tests.suggestions.helpers import RESPOND, import_parties, peer, volunteer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association


async def test_a_recompute_tells_every_account_of_both_peers_once(
    db: Database, slugs: Slugs, accounts: Accounts
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")  # c has no account
    await import_parties(db, [peer(a), peer(b), peer(c)])
    a1, a2, b1 = await accounts.make(Role.MEMBER, "a"), await accounts.make(Role.MEMBER, "a"), await accounts.make()
    await own(db, a1, a)
    await own(db, a2, a)
    await own(db, b1, b)

    await recompute_all(db)
    ab, ac, bc = [await suggestion_between(db, "PEER", x, y) for x, y in ((a, b), (a, c), (b, c))]
    want = ordered(
        expected("PEER_SUGGESTED", ab, [a1, a2, b1])
        + expected("PEER_SUGGESTED", ac, [a1, a2])
        + expected("PEER_SUGGESTED", bc, [b1])
    )
    assert await notes(db, accounts) == want

    await cypher(db, "MATCH (s:Suggestion {id: $id}) SET s.digest = 'stale'", id=ab)  # re-scored by the next run
    counts = await recompute_all(db)
    assert counts.updated >= 1
    assert await notes(db, accounts) == want  # a run that re-scores or leaves a pair tells nobody again


async def test_a_mentoring_suggestion_tells_the_association_and_the_volunteer(
    db: Database, slugs: Slugs, accounts: Accounts
) -> None:
    assoc, vol = slugs("assoc"), slugs("vol")
    await import_parties(db, [make_association(assoc)], [volunteer(vol)])
    member, helper = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    await own(db, member, assoc)
    await own(db, helper, vol)

    await recompute_all(db)
    s = await suggestion_between(db, "MENTORING", assoc, vol)
    want = ordered(expected("MENTOR_SUGGESTED", s, [member]) + expected("MENTEE_SUGGESTED", s, [helper]))
    assert await notes(db, accounts) == want
    await recompute_all(db)
    assert await notes(db, accounts) == want


async def test_answers_tell_the_other_side_then_introduce_both(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    a1, b1, b2 = await accounts.make(Role.MEMBER, "a"), await accounts.make(), await accounts.make()
    await own(db, a1, a)
    await own(db, b1, b)
    await own(db, b2, b)
    await recompute_all(db)
    ab = await suggestion_between(db, "PEER", a, b)
    suggested = ordered(expected("PEER_SUGGESTED", ab, [a1, b1, b2]))

    gid = to_global_id("Suggestion", ab)
    for _ in range(2):  # accepting again tells nobody again
        assert (await graphql(RESPOND, a1, id=gid, accept=True))["respondToSuggestion"]["errors"] == []
        assert await notes(db, accounts) == ordered(suggested + expected("OTHER_ACCEPTED", ab, [b1, b2]))

    assert (await graphql(RESPOND, b2, id=gid, accept=True))["respondToSuggestion"]["errors"] == []
    introduced = expected("INTRODUCED", ab, [a1, b1, b2])
    assert await notes(db, accounts) == ordered(suggested + expected("OTHER_ACCEPTED", ab, [b1, b2]) + introduced)
    again = (await graphql(RESPOND, b1, id=gid, accept=True))["respondToSuggestion"]
    assert again["errors"] == []  # accepting an accepted suggestion changes nothing, and tells nobody
    assert len(await notes(db, accounts, "INTRODUCED")) == 3


async def test_a_decline_tells_nobody_and_one_account_acting_for_both_sides_introduces_at_once(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c)])
    both, c1 = await accounts.make(Role.MEMBER, "both"), await accounts.make(Role.MEMBER, "c")
    await own(db, both, a)
    await own(db, both, b)
    await own(db, c1, c)
    await recompute_all(db)
    ab, ac = await suggestion_between(db, "PEER", a, b), await suggestion_between(db, "PEER", a, c)
    before = await notes(db, accounts)

    declined = (await graphql(RESPOND, c1, id=to_global_id("Suggestion", ac), accept=False))["respondToSuggestion"]
    assert declined["errors"] == []
    assert await notes(db, accounts) == before

    await graphql(RESPOND, both, id=to_global_id("Suggestion", ab), accept=True)  # answers for both sides at once
    assert await notes(db, accounts, "OTHER_ACCEPTED") == []
    assert await notes(db, accounts, "INTRODUCED") == expected("INTRODUCED", ab, [both])  # one per account


async def test_the_notifications_of_a_change_roll_back_with_it(db: Database, slugs: Slugs, accounts: Accounts) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    a1, b1 = await accounts.make(), await accounts.make()
    await own(db, a1, a)
    await own(db, b1, b)
    ids = {
        row["slug"]: row["id"]
        for row in await cypher(
            db, "MATCH (n:Association) WHERE n.slug IN [$a, $b] RETURN n.slug AS slug, n.id AS id", a=a, b=b
        )
    }
    row = {
        "pairKey": peer_key(ids[a], ids[b]),
        "forId": ids[a],
        "ofId": ids[b],
        "score": 0.5,
        "reasons": "[]",
        "digest": "",
    }

    async def create_then_fail(tx: AsyncManagedTransaction) -> None:
        assert await _create(tx, SuggestionKind.PEER, "Association", [row], ALGORITHM_VERSION) == 1
        raise RuntimeError("the rest of the change failed")

    with pytest.raises(RuntimeError):
        await db.write(create_then_fail)
    assert await notes(db, accounts) == []
    assert await cypher(db, "MATCH (s:Suggestion {pairKey: $key}) RETURN s.id", key=row["pairKey"]) == []

    await db.write(lambda tx: _create(tx, SuggestionKind.PEER, "Association", [row], ALGORITHM_VERSION))
    ab = await suggestion_between(db, "PEER", a, b)
    suggested = await notes(db, accounts)
    assert len(suggested) == 2

    async def answer_then_fail(tx: AsyncManagedTransaction) -> None:
        found = await SuggestionRepository(tx).parties(ab)
        assert found is not None
        await answer_pair(tx, ab, found, [ids[a]], accept=True)
        raise RuntimeError("the rest of the change failed")

    with pytest.raises(RuntimeError):
        await db.write(answer_then_fail)
    assert await notes(db, accounts) == suggested  # no OTHER_ACCEPTED without the answer


async def test_an_answer_wakes_the_delivery_after_it_committed(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL, job_queue: ArqRedis
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    a1 = await accounts.make()
    await own(db, a1, a)
    await recompute_all(db)
    ab = await suggestion_between(db, "PEER", a, b)
    await forget_wakes(job_queue)
    refused = (await graphql(RESPOND, a1, id=to_global_id("Suggestion", "unknown"), accept=True))["respondToSuggestion"]
    assert refused["errors"] and await queued_wakes(job_queue) == []  # nothing written, nothing to deliver
    assert (await graphql(RESPOND, a1, id=to_global_id("Suggestion", ab), accept=True))["respondToSuggestion"][
        "errors"
    ] == []
    assert len(await queued_wakes(job_queue)) == 1
    await forget_wakes(job_queue)
