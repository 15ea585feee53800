"""Double opt-in: contact details become visible to the other side once an introduction exists, and only then."""

from typing import Any

from network.kit.authorisation import Role
from network.kit.database import Database
from network.transfer.service import import_document
from tests.authz.cast import Cast
from tests.authz.client import Client, cypher
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs

ASSOCIATION = "query($slug: String!) { association(slug: $slug) { contactEmail canEdit } }"
VOLUNTEER = "query($slug: String!) { volunteer(slug: $slug) { contactEmail canEdit } }"
UPDATE = (
    'mutation($slug: String!) { updateAssociation(slug: $slug, input: {name: "Taken over"}) '
    "{ association { name } errors { code } } }"
)


def seen(client: Client, reader: TestAccount, query: str, slug: str) -> dict[str, Any]:
    return client.data(query, reader, slug=slug)["association" if query is ASSOCIATION else "volunteer"]


def email_of(client: Client, reader: TestAccount, query: str, slug: str) -> str | None:
    return seen(client, reader, query, slug)["contactEmail"]  # type: ignore[no-any-return]


async def test_connected_associations_see_each_others_contact_email(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    cast = Cast(client, slugs)
    owner = {name: await accounts.make(Role.MEMBER, f"owner-{name}") for name in ("a", "b", "c")}
    outsider = await accounts.make(Role.MEMBER, "outsider")
    for name, account in owner.items():
        cast.association(account, name)
    a, b, c = slugs("a"), slugs("b"), slugs("c")
    assert email_of(client, owner["b"], ASSOCIATION, a) is None
    assert email_of(client, owner["a"], ASSOCIATION, b) is None

    # An accepted introduction, as the import models it: A-B and A-C; B and C do not know each other.
    report = await import_document(db, {"connections": [{"a": a, "b": b}, {"a": c, "b": a}]})
    assert report.connections_created == 2

    assert email_of(client, owner["b"], ASSOCIATION, a) == f"{a}@example.org"
    assert email_of(client, owner["a"], ASSOCIATION, b) == f"{b}@example.org"
    assert email_of(client, owner["a"], ASSOCIATION, c) == f"{c}@example.org"  # either direction counts
    assert email_of(client, owner["c"], ASSOCIATION, a) == f"{a}@example.org"
    assert email_of(client, owner["b"], ASSOCIATION, c) is None  # a friend of a friend is no introduction
    assert email_of(client, outsider, ASSOCIATION, a) is None
    # Reading is not changing: an introduced party still may not edit the other association.
    assert seen(client, owner["b"], ASSOCIATION, a)["canEdit"] is False
    refused = client.data(UPDATE, owner["b"], slug=a)["updateAssociation"]
    assert refused == {"association": None, "errors": [{"code": "NOT_PERMITTED"}]}

    # Withdrawn, it hides the address again at once, for the very same token.
    await cypher(db, "MATCH (:Association {slug: $a})-[r:CONNECTED_WITH]-(:Association {slug: $b}) DELETE r", a=a, b=b)
    assert email_of(client, owner["b"], ASSOCIATION, a) is None
    assert email_of(client, owner["c"], ASSOCIATION, a) == f"{a}@example.org"


async def test_a_mentor_and_its_mentee_see_each_others_contact_email(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    cast = Cast(client, slugs)
    mentor, other_volunteer = await accounts.make(Role.VOLUNTEER, "mentor"), await accounts.make(Role.VOLUNTEER)
    mentee_owner, peer_owner = await accounts.make(Role.MEMBER, "mentee"), await accounts.make(Role.MEMBER, "peer")
    cast.volunteer(mentor, "mentor")
    cast.association(mentee_owner, "mentee")
    cast.association(peer_owner, "peer")
    v, a, peer = slugs("mentor"), slugs("mentee"), slugs("peer")
    await import_document(db, {"connections": [{"a": a, "b": peer}]})
    assert email_of(client, mentee_owner, VOLUNTEER, v) is None
    assert email_of(client, mentor, ASSOCIATION, a) is None

    # The matching engine writes the accepted mentoring pair this way.
    await cypher(db, "MATCH (v:Volunteer {slug: $v}), (a:Association {slug: $a}) CREATE (v)-[:MENTORS]->(a)", v=v, a=a)

    assert email_of(client, mentee_owner, VOLUNTEER, v) == f"{v}@example.org"
    assert email_of(client, mentor, ASSOCIATION, a) == f"{a}@example.org"
    assert email_of(client, peer_owner, VOLUNTEER, v) is None  # the mentee's peers were not introduced
    assert email_of(client, mentor, ASSOCIATION, peer) is None
    assert email_of(client, other_volunteer, ASSOCIATION, a) is None
    assert seen(client, mentor, ASSOCIATION, a)["canEdit"] is False
    assert seen(client, mentee_owner, VOLUNTEER, v)["canEdit"] is False
    refused = client.data(UPDATE, mentor, slug=a)["updateAssociation"]
    assert refused == {"association": None, "errors": [{"code": "NOT_PERMITTED"}]}
