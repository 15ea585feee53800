"""Verification before access: an unverified account reads volunteers and MEMBERS content as an anonymous caller
does and creates nothing, until staff verify it (mutation or command line)."""

from network.accounts.tokens import TokenSigner
from network.accounts.viewer import viewer_for_token
from network.kit.authorisation import UNVERIFIED, Role, Viewer
from network.kit.database import Database
from tests.accounts.conftest import Api, Emails, joined
from tests.accounts.operations import VERIFY
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs

ME = "{ me { email verified } }"


def test_an_unverified_account_reads_as_anonymous() -> None:
    unverified = Viewer(account_id="a", role=Role.MEMBER, verified=False)
    assert not unverified.signed_in and unverified.visibilities() == ["PUBLIC"]
    assert Viewer(account_id="a", role=Role.MEMBER, verified=True).visibilities() == ["PUBLIC", "MEMBERS"]
    assert Viewer(account_id="s", role=Role.STAFF, verified=False).signed_in  # staff are made verified


async def test_staff_verify_an_account(
    api: Api, emails: Emails, db: Database, tokens: TokenSigner, accounts: Accounts
) -> None:
    token = (await joined(api, emails("waiting")))["token"]
    viewer = await viewer_for_token(db, tokens, token)
    assert viewer.verified is False and (await api(ME, viewer=viewer))["me"]["verified"] is False

    member = await accounts.viewer(await accounts.make(Role.MEMBER))
    refused = (await api(VERIFY, viewer=member, email=emails("waiting")))["verifyAccount"]
    assert refused == {"account": None, "errors": [{"field": None, "code": "NOT_PERMITTED"}]}
    assert (await viewer_for_token(db, tokens, token)).verified is False

    staff = await accounts.viewer(await accounts.make(Role.STAFF))
    done = (await api(VERIFY, viewer=staff, email=emails("WAITING")))["verifyAccount"]
    assert done == {"account": {"email": emails("waiting"), "verified": True}, "errors": []}
    after = await viewer_for_token(db, tokens, token)  # the same token: verification applies at once
    assert after.verified and after.signed_in
    missing = (await api(VERIFY, viewer=staff, email=emails("nobody")))["verifyAccount"]
    assert missing["errors"] == [{"field": "email", "code": "NOT_FOUND"}]


async def test_an_unverified_account_sees_no_volunteer_and_no_members_content(
    graphql: GraphQL, accounts: Accounts, slugs: Slugs
) -> None:
    member, helper = await accounts.make(Role.MEMBER), await accounts.make(Role.VOLUNTEER)
    newcomer = await accounts.make(Role.MEMBER, verified=False)
    made = await graphql(
        "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { errors { code } } }",
        member,
        i={"slug": slugs("closed"), "name": "Verein", "visibility": "MEMBERS"},
    )
    assert made["createAssociation"]["errors"] == []
    made = await graphql(
        "mutation($i: CreateVolunteerProfileInput!) { createVolunteerProfile(input: $i) { errors { code } } }",
        helper,
        i={"slug": slugs("helper"), "displayName": "Helfer"},
    )
    assert made["createVolunteerProfile"]["errors"] == []
    reads = "query($a: String!, $v: String!) { association(slug: $a) { slug } volunteer(slug: $v) { slug } }"
    for reader, expected in ((newcomer, None), (None, None), (member, "seen")):
        found = await graphql(reads, reader, a=slugs("closed"), v=slugs("helper"))
        shown = {"association": {"slug": slugs("closed")}, "volunteer": {"slug": slugs("helper")}}
        assert found == (shown if expected else {"association": None, "volunteer": None}), reader
    refused = await graphql.error("{ volunteers(first: 3) { nodes { slug } } }", newcomer)
    assert refused == UNVERIFIED
    create = await graphql(
        "mutation($i: CreateAssociationInput!) { createAssociation(input: $i) { errors { code message } } }",
        newcomer,
        i={"slug": slugs("spam"), "name": "Spam"},
    )
    assert create["createAssociation"]["errors"] == [{"code": "NOT_PERMITTED", "message": UNVERIFIED}]
