"""Peer suggestions: a recompute proposes them with reasons, never oneself or a connected pair, and respects answers."""

from network.kit.authorisation import Role
from network.kit.database import Database
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import CONTACT, PEERS, RESPOND, crowd, import_parties, own, owned_peers, peer, slugs_of
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

NODE = "query($id: ID!) { node(id: $id) { id ... on Suggestion { kind candidate { ... on Association { slug } } } } }"


async def test_a_recompute_proposes_peers_with_reasons_never_oneself_or_a_connected_pair(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    await import_parties(db, [peer(a), peer(b), peer(c), *crowd(slugs)], connections=[{"a": a, "b": c}])
    counts = await recompute_all(db)
    assert counts.peer >= 1 and counts.associations >= 3
    staff = await accounts.make(Role.STAFF)

    found = (await graphql(PEERS, staff, slug=a))["association"]["peerSuggestions"]
    assert b in slugs_of(found)
    assert a not in slugs_of(found) and c not in slugs_of(found)
    to_b = next(s for s in found if s["candidate"]["slug"] == b)
    assert to_b["kind"] == "PEER" and to_b["status"] == "PROPOSED" and to_b["score"] > 0
    assert {"code": "SHARED_TOOL", "detail": "openslides"} in to_b["reasons"]
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)
    # One suggestion per unordered pair: B sees the same node, with A as the candidate.
    from_b = (await graphql(PEERS, staff, slug=b))["association"]["peerSuggestions"]
    assert next(s for s in from_b if s["candidate"]["slug"] == a)["id"] == to_b["id"]

    again = await recompute_all(db)  # idempotent: the pair is updated, not duplicated
    assert again.peer == counts.peer
    pairs = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion)-[:FOR|OF]->"
        "(:Association {slug: $b}) RETURN count(s) AS n",
        a=a,
        b=b,
    )
    assert pairs == [{"n": 1}]


async def test_only_the_parties_and_staff_read_suggestions(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    await recompute_all(db)
    owner, staff = await accounts.make(Role.MEMBER, "owner"), await accounts.make(Role.STAFF)
    other_member, volunteer = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    await own(db, owner, a)

    for reader in (owner, staff):
        assert b in slugs_of((await graphql(PEERS, reader, slug=a))["association"]["peerSuggestions"])
    for reader in (None, other_member, volunteer):
        assert (await graphql(PEERS, reader, slug=a))["association"]["peerSuggestions"] == []

    suggestion = (await graphql(PEERS, owner, slug=a))["association"]["peerSuggestions"][0]
    refused = (await graphql(RESPOND, other_member, id=suggestion["id"], accept=True))["respondToSuggestion"]
    assert refused["suggestion"] is None and refused["errors"][0]["code"] == "NOT_PERMITTED"

    # node(id) follows the same rule: the party sees the other side as candidate, staff the proposing side's view
    for reader in (owner, staff):
        found = (await graphql(NODE, reader, id=suggestion["id"]))["node"]
        assert found["id"] == suggestion["id"] and found["kind"] == "PEER" and found["candidate"]["slug"] in (a, b)
    assert (await graphql(NODE, owner, id=suggestion["id"]))["node"]["candidate"]["slug"] == b
    for reader in (None, other_member, volunteer):
        assert (await graphql(NODE, reader, id=suggestion["id"]))["node"] is None


async def test_a_declined_pair_never_comes_back(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, owner_b = await owned_peers(db, slugs, accounts)
    suggestion = next(
        s
        for s in (await graphql(PEERS, owner_b, slug=b))["association"]["peerSuggestions"]
        if s["candidate"]["slug"] == a
    )

    answer = (await graphql(RESPOND, owner_b, id=suggestion["id"], accept=False))["respondToSuggestion"]
    assert answer["errors"] == [] and answer["suggestion"]["status"] == "DECLINED"
    await recompute_all(db)

    for owner, slug, other in ((owner_a, a, b), (owner_b, b, a)):
        assert other not in slugs_of((await graphql(PEERS, owner, slug=slug))["association"]["peerSuggestions"])
    late = (await graphql(RESPOND, owner_a, id=suggestion["id"], accept=True))["respondToSuggestion"]
    assert late["errors"][0]["code"] == "CONFLICT"


async def test_double_opt_in_connects_and_shows_contacts_and_a_recompute_keeps_it(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, owner_b = await owned_peers(db, slugs, accounts)
    suggestion = next(
        s
        for s in (await graphql(PEERS, owner_a, slug=a))["association"]["peerSuggestions"]
        if s["candidate"]["slug"] == b
    )
    assert (await graphql(CONTACT, owner_a, slug=b))["association"]["contactEmail"] is None

    first = (await graphql(RESPOND, owner_a, id=suggestion["id"], accept=True))["respondToSuggestion"]
    assert first["errors"] == [] and first["suggestion"]["status"] == "PROPOSED"
    assert (await graphql(CONTACT, owner_a, slug=b))["association"]["contactEmail"] is None  # one side is not enough
    second = (await graphql(RESPOND, owner_b, id=suggestion["id"], accept=True))["respondToSuggestion"]
    assert second["errors"] == [] and second["suggestion"]["status"] == "ACCEPTED"
    assert second["suggestion"]["candidate"] == {"slug": a, "contactEmail": f"{a}@example.org"}

    assert (await graphql(CONTACT, owner_a, slug=b))["association"]["contactEmail"] == f"{b}@example.org"
    assert (await graphql(CONTACT, owner_b, slug=a))["association"]["contactEmail"] == f"{a}@example.org"
    connected = await cypher(
        db,
        "MATCH (:Association {slug: $a})-[r:CONNECTED_WITH]-(:Association {slug: $b}) RETURN count(r) AS n",
        a=a,
        b=b,
    )
    assert connected == [{"n": 1}]

    await recompute_all(db)  # the pair is connected now, but an accepted suggestion is never dropped
    kept = (await graphql(PEERS, owner_a, slug=a))["association"]["peerSuggestions"]
    assert [(s["id"], s["status"]) for s in kept if s["candidate"]["slug"] == b] == [(suggestion["id"], "ACCEPTED")]
