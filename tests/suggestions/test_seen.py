"""Marking suggestions seen: each side for itself, all of a call or none of it, and what it tells the reader."""

from typing import Any

from network.inbox.service import MAX_SEEN
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import from_global_id, to_global_id
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import PARTY, owned_peers
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

CARDS = (
    f"query($slug: String!) {{ association(slug: $slug) {{ peerSuggestions {{ id seen candidate {{ {PARTY} }} }} }} }}"
)
MARK = "mutation($ids: [ID!]!) { markSuggestionsSeen(ids: $ids) { marked errors { field code message } } }"


async def _card(graphql: GraphQL, account: TestAccount, slug: str, other: str) -> dict[str, Any]:
    found = await graphql(CARDS, account, slug=slug)
    return next(s for s in found["association"]["peerSuggestions"] if s["candidate"]["slug"] == other)


async def _seen_by(db: Database, global_id: str) -> list[str] | None:
    node = from_global_id(global_id)[1]
    [row] = await cypher(db, "MATCH (s:Suggestion {id: $id}) RETURN s.seenBy AS seenBy", id=node)
    return row["seenBy"]  # type: ignore[no-any-return]


async def test_each_side_marks_its_own_sight_once_and_reads_it_back(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, owner_b = await owned_peers(db, slugs, accounts)
    card = await _card(graphql, owner_a, a, b)
    assert card["seen"] is False

    first = await graphql(MARK, owner_a, ids=[card["id"], card["id"]])  # twice in one call counts once
    again = await graphql(MARK, owner_a, ids=[card["id"]])
    assert first["markSuggestionsSeen"] == {"marked": 1, "errors": []}
    assert again["markSuggestionsSeen"] == {"marked": 0, "errors": []}  # seen already
    assert (await _card(graphql, owner_a, a, b))["seen"] is True
    assert (await _card(graphql, owner_b, b, a))["seen"] is False  # A's look is not B's

    both = await graphql(MARK, owner_b, ids=[card["id"]])
    assert both["markSuggestionsSeen"]["marked"] == 1
    assert (await _card(graphql, owner_b, b, a))["seen"] is True
    [party_a] = await cypher(db, "MATCH (n:Association {slug: $s}) RETURN n.id AS id", s=a)
    [party_b] = await cypher(db, "MATCH (n:Association {slug: $s}) RETURN n.id AS id", s=b)
    assert sorted(await _seen_by(db, card["id"]) or []) == sorted([party_a["id"], party_b["id"]])


async def test_one_bad_id_marks_none_and_names_its_place(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, _ = await owned_peers(db, slugs, accounts)
    card = await _card(graphql, owner_a, a, b)
    other_kind = to_global_id("Association", "x")

    found = await graphql(MARK, owner_a, ids=[card["id"], other_kind, "%%%"])
    payload = found["markSuggestionsSeen"]
    assert payload["marked"] == 0
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("ids[1]", "INVALID_INPUT"),
        ("ids[2]", "INVALID_INPUT"),
    ]
    assert await _seen_by(db, card["id"]) is None  # nothing half-written

    too_many = await graphql(MARK, owner_a, ids=[card["id"]] * (MAX_SEEN + 1))
    assert [(e["field"], e["code"]) for e in too_many["markSuggestionsSeen"]["errors"]] == [("ids", "INVALID_INPUT")]


async def test_another_party_or_staff_cannot_mark_it_and_a_suggestion_gone_is_skipped(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, _ = await owned_peers(db, slugs, accounts)
    card = await _card(graphql, owner_a, a, b)
    stranger, staff = await accounts.make(Role.MEMBER, "stranger"), await accounts.make(Role.STAFF)

    for caller in (stranger, staff):  # staff read every list, but their look is not the party's
        refused = (await graphql(MARK, caller, ids=[card["id"]]))["markSuggestionsSeen"]
        assert refused["marked"] == 0
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [("ids[0]", "NOT_PERMITTED")]
    assert await _seen_by(db, card["id"]) is None

    gone = to_global_id("Suggestion", "no-such-suggestion")  # removed by a recompute since the card was shown
    kept = (await graphql(MARK, owner_a, ids=[gone, card["id"]]))["markSuggestionsSeen"]
    assert kept == {"marked": 1, "errors": []}
