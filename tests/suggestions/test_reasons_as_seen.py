"""What a suggestion card needs beyond the codes: how rare a shared tool is, who can help whom as seen by the
reader, and whether the reader accepted already (never whether the other side did: that shows only when both did)."""

from typing import Any

from network.kit.authorisation import Role
from network.kit.database import Database
from network.suggestions.recompute import recompute_all
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import PARTY, RESPOND, import_parties, owned_peers, peer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

CARDS = (
    "query($slug: String!) { association(slug: $slug) { peerSuggestions { id youAccepted "
    f"reasons {{ code detail direction share weight }} candidate {{ {PARTY} }} }} }} }}"
)


def _card(found: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(s for s in found["association"]["peerSuggestions"] if s["candidate"]["slug"] == slug)


def _reason(card: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in card["reasons"] if r["code"] == code)


async def test_each_side_reads_who_can_help_whom_and_how_rare_the_shared_tool_is(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    expert, learner, other = slugs("expert"), slugs("learner"), slugs("other")
    await import_parties(
        db,
        [
            peer(expert, tools=[{"tool": "openslides", "proficiency": "EXPERT"}]),
            peer(learner, tools=[{"tool": "openslides", "proficiency": "BEGINNER"}]),
            peer(other, tools=[{"tool": "nextcloud", "proficiency": "INTERMEDIATE"}]),  # so openslides is rarer
        ],
    )
    await recompute_all(db)
    staff = await accounts.make(Role.STAFF)

    seen_by_expert = _card(await graphql(CARDS, staff, slug=expert), learner)
    seen_by_learner = _card(await graphql(CARDS, staff, slug=learner), expert)
    assert seen_by_expert["id"] == seen_by_learner["id"]  # one suggestion, read from both sides
    assert _reason(seen_by_expert, "CAN_MENTOR_TOOL")["direction"] == "OFFERS"
    assert _reason(seen_by_learner, "CAN_MENTOR_TOOL")["direction"] == "RECEIVES"

    [counts] = await cypher(
        db,
        "RETURN COUNT { (:Tool {slug: 'openslides'})<-[:USES]-(:Association) } AS users, "
        "COUNT { (:Association) } AS total",
    )
    shared = _reason(seen_by_expert, "SHARED_TOOL")
    assert shared["detail"] == "openslides" and shared["weight"] > 0
    assert abs(shared["share"] - counts["users"] / counts["total"]) < 1e-9
    assert _reason(seen_by_expert, "SAME_DISTRICT")["share"] is None  # not about a tool


async def test_each_side_reads_whether_it_accepted_but_not_whether_the_other_side_did(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    a, b, owner_a, owner_b = await owned_peers(db, slugs, accounts)
    card = _card(await graphql(CARDS, owner_a, slug=a), b)
    assert card["youAccepted"] is False

    await graphql(RESPOND, owner_a, id=card["id"], accept=True)

    after_a = _card(await graphql(CARDS, owner_a, slug=a), b)
    after_b = _card(await graphql(CARDS, owner_b, slug=b), a)
    assert after_a["youAccepted"] is True
    assert after_b["youAccepted"] is False  # nor does B learn that A said yes: that waits until B does too


async def test_a_nearby_district_names_the_other_sides_district_from_both_sides(
    db: Database, slugs: Slugs, accounts: Accounts, graphql: GraphQL
) -> None:
    north, centre = slugs("north"), slugs("centre")
    await import_parties(db, [peer(north, district="pankow"), peer(centre, district="mitte")])
    await recompute_all(db)
    staff = await accounts.make(Role.STAFF)

    seen_from_north = _card(await graphql(CARDS, staff, slug=north), centre)
    seen_from_centre = _card(await graphql(CARDS, staff, slug=centre), north)
    assert _reason(seen_from_north, "NEARBY_DISTRICT")["detail"] == "mitte"
    assert _reason(seen_from_centre, "NEARBY_DISTRICT")["detail"] == "pankow"
