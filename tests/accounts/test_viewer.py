"""The viewer of a token: its role from the graph, what it acts for, and whom those were introduced to."""

import uuid

from network.accounts.tokens import TokenSigner
from network.accounts.viewer import resolve_viewer, viewer_for_token
from network.kit.authorisation import ANONYMOUS, Role
from network.kit.database import Database
from tests.accounts.conftest import Api, Emails, joined
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

# The account acts for association `mine` and volunteer `me-v`. Introduced to it: `peer` and `back` (connected either
# way), `mentor` (mentors `mine`), `mentee` (mentored by `me-v`). Not introduced: `stranger` (no link),
# `friend-of-peer` (two steps away), `other-mentee` (an association `mine` "mentors", which the rule does not count).
GRAPH = """
CREATE (mine:Association {id: $ids.mine, slug: $s + '-mine'}),
       (mev:Volunteer {id: $ids.mev, slug: $s + '-me-v'}),
       (peer:Association {id: $ids.peer, slug: $s + '-peer'}),
       (back:Association {id: $ids.back, slug: $s + '-back'}),
       (mentor:Volunteer {id: $ids.mentor, slug: $s + '-mentor'}),
       (mentee:Association {id: $ids.mentee, slug: $s + '-mentee'}),
       (stranger:Association {id: $ids.stranger, slug: $s + '-stranger'}),
       (fop:Association {id: $ids.fop, slug: $s + '-friend-of-peer'}),
       (other:Association {id: $ids.other, slug: $s + '-other-mentee'}),
       (mine)-[:CONNECTED_WITH]->(peer), (back)-[:CONNECTED_WITH]->(mine), (peer)-[:CONNECTED_WITH]->(fop),
       (mentor)-[:MENTORS]->(mine), (mev)-[:MENTORS]->(mentee), (mine)-[:MENTORS]->(other)
WITH mine, mev
MATCH (a:Account {id: $account})
CREATE (a)-[:ACTS_FOR]->(mine), (a)-[:ACTS_FOR]->(mev)
"""


async def signed_up(api: Api, tokens: TokenSigner, email: str) -> tuple[str, str]:
    token = (await joined(api, email))["token"]
    return token, tokens.verify(token).account_id


async def run(db: Database, query: str, **parameters: object) -> None:
    async with db.driver.session(database=db.name) as session:
        await (await session.run(query, parameters)).consume()


async def test_the_viewer_knows_what_it_acts_for_and_who_was_introduced(
    api: Api, tokens: TokenSigner, emails: Emails, slugs: Slugs, db: Database
) -> None:
    token, account_id = await signed_up(api, tokens, emails("linked"))
    ids = {
        name: str(uuid.uuid4())
        for name in ("mine", "mev", "peer", "back", "mentor", "mentee", "stranger", "fop", "other")
    }
    await run(db, GRAPH, ids=ids, s=slugs.prefix, account=account_id)
    viewer = await viewer_for_token(db, tokens, token)
    assert viewer.account_id == account_id and viewer.role is Role.MEMBER
    assert viewer.acts_for == {ids["mine"], ids["mev"]}
    assert viewer.introduced_to == {ids["peer"], ids["back"], ids["mentor"], ids["mentee"]}
    assert viewer.may_change(ids["mine"]) and viewer.may_read_private(ids["peer"])
    assert not viewer.may_read_private(ids["stranger"]) and not viewer.may_read_private(ids["fop"])


async def test_the_role_comes_from_the_graph(api: Api, tokens: TokenSigner, emails: Emails, db: Database) -> None:
    token, account_id = await signed_up(api, tokens, emails("promoted"))
    await run(db, "MATCH (a:Account {id: $id}) SET a.role = 'STAFF'", id=account_id)
    viewer = await viewer_for_token(db, tokens, token)
    assert viewer.is_staff and viewer.acts_for == frozenset() and viewer.introduced_to == frozenset()


async def test_no_authorization_header_is_anonymous(db: Database, tokens: TokenSigner) -> None:
    scope = {"type": "http", "headers": [(b"accept", b"application/json")]}
    assert await resolve_viewer(db, tokens, scope) is ANONYMOUS  # type: ignore[arg-type]


async def test_a_bearer_header_resolves_the_account(
    api: Api, tokens: TokenSigner, emails: Emails, db: Database
) -> None:
    token, account_id = await signed_up(api, tokens, emails("header"))
    scope = {"type": "http", "headers": [(b"authorization", f"bearer  {token} ".encode())]}
    assert (await resolve_viewer(db, tokens, scope)).account_id == account_id  # type: ignore[arg-type]


async def test_me_lists_what_the_account_acts_for(graphql: GraphQL, accounts: Accounts, slugs: Slugs) -> None:
    member, volunteer = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    for slug in (slugs("zeta"), slugs("alpha")):
        made = await graphql(
            "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { errors { code } } }",
            member,
            i={"slug": slug, "name": f"Verein {slug}"},
        )
        assert made["createAssociation"]["errors"] == []
    made = await graphql(
        "mutation($i: CreateVolunteerProfileInput!) { createVolunteerProfile(input: $i) { errors { code } } }",
        volunteer,
        i={"slug": slugs("helper"), "displayName": "Helfer"},
    )
    assert made["createVolunteerProfile"]["errors"] == []
    query = "{ me { associations { slug } volunteer { slug } } }"

    assert (await graphql(query, member))["me"] == {
        "associations": [{"slug": slugs("alpha")}, {"slug": slugs("zeta")}],  # by slug
        "volunteer": None,
    }
    assert (await graphql(query, volunteer))["me"] == {"associations": [], "volunteer": {"slug": slugs("helper")}}
    assert (await graphql(query, None))["me"] is None
