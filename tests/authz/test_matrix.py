"""Who may do what: every mutation and every private field against five callers, over HTTP with bearer tokens.

Callers: anonymous (no header); member (a MEMBER acting for nothing of the subject); owner (whoever created the
subject: the member of the association, the volunteer of the profile; events have no owner, so there it is the
member whose association takes part); volunteer (a VOLUNTEER with a profile of its own); staff (made by the
accounts service, as the CLI does); unverified (a MEMBER as signing up leaves it, before staff verify it: it reads
as anonymous callers do and changes nothing but its own account). Each cell is its own test with its own subjects.
"""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from network.accounts.tokens import TokenSigner
from network.kit.authorisation import SIGN_IN, UNVERIFIED, Role
from network.kit.database import Database
from network.kit.pagination import encode_cursor
from tests.authz.cast import CALLERS, CREATE_VOLUNTEER, Cast, created, starts_at, volunteer_input
from tests.authz.client import Client, snapshot
from tests.authz.operations import MUTATIONS, Mutation
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs

OK, NP, CONFLICT = "allowed", "NOT_PERMITTED", "CONFLICT"
AUTH = "sign in first"  # NOT_PERMITTED, with the message that asks for a bearer token
VERIFY = "verify first"  # NOT_PERMITTED, with the message that says staff verify new accounts
NULL, VALUE, HIDDEN, LISTED = "null", "the value", "not listed", "listed"

MUTATION_MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    # operation                anonymous member owner     volunteer staff unverified
    "createAssociation": (AUTH, OK, OK, NP, OK, VERIFY),
    "updateAssociation": (AUTH, NP, OK, NP, OK, NP),
    "setAssociationTools": (AUTH, NP, OK, NP, OK, NP),
    "setAssociationNeeds": (AUTH, NP, OK, NP, OK, NP),
    "deleteAssociation": (AUTH, NP, OK, NP, OK, NP),
    "createVolunteerProfile": (AUTH, NP, CONFLICT, OK, OK, VERIFY),  # the owner has its one profile already
    "updateVolunteerProfile": (AUTH, NP, OK, NP, OK, NP),
    "createEvent": (AUTH, NP, NP, NP, OK, NP),
    "updateEvent": (AUTH, NP, NP, NP, OK, NP),
    "cancelEvent": (AUTH, NP, NP, NP, OK, NP),
    "registerForEvent": (AUTH, NP, OK, NP, OK, NP),  # registers the owner's association
    "formEventGroups": (AUTH, NP, NP, NP, OK, NP),
    "exportMyData": (AUTH, OK, OK, OK, OK, OK),  # each gets its own data only
    "deleteMyAccount": (AUTH, OK, OK, OK, OK, OK),  # erases the caller, nobody else
    "respondToSuggestion": (AUTH, NP, OK, NP, NP, NP),  # the parties answer; staff only read
    "recomputeSuggestions": (AUTH, NP, NP, NP, OK, NP),
}

READ_MATRIX: dict[str, tuple[str, str, str, str, str, str]] = {
    # what is read (the association is PUBLIC)            anonymous member  owner   volunteer staff  unverified
    "Association.contactEmail": (NULL, NULL, VALUE, NULL, VALUE, NULL),
    "Volunteer.contactEmail": (HIDDEN, NULL, VALUE, NULL, VALUE, HIDDEN),
    "MEMBERS association": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
    "MEMBERS event": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
    "volunteer profile": (HIDDEN, LISTED, LISTED, LISTED, LISTED, HIDDEN),
}


def cells(matrix: dict[str, tuple[str, ...]]) -> list[Any]:
    return [
        pytest.param(name, caller, outcome, id=f"{name}-{caller}-{outcome}".replace(" ", "_"))
        for name, outcomes in matrix.items()
        for caller, outcome in zip(CALLERS, outcomes, strict=True)
    ]


@pytest.fixture(scope="module")
async def regulars(db: Database, signer: TokenSigner, client: Client) -> AsyncIterator[dict[str, TestAccount]]:
    """The member, volunteer and staff callers, shared by the cells whose operation leaves them as they are."""
    made, module_slugs = Accounts(db, signer), Slugs()
    cast = {
        "member": await made.make(Role.MEMBER, "member"),
        "volunteer": await made.make(Role.VOLUNTEER, "vol"),
        "staff": await made.make(Role.STAFF, "staff"),
        "unverified": await made.make(Role.MEMBER, "unverified", verified=False),
    }
    created(client, cast["volunteer"], CREATE_VOLUNTEER, "volunteer", volunteer_input(module_slugs("own")))
    yield cast
    await made.remove()
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run("MATCH (n) WHERE n.slug STARTS WITH $p DETACH DELETE n", p=module_slugs.prefix)
        ).consume()


async def cast_for(
    subject: str,
    fresh: tuple[str, ...],
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
) -> Cast:
    cast = Cast(client, slugs, {"anonymous": None})
    roles = {"member": Role.MEMBER, "volunteer": Role.VOLUNTEER, "staff": Role.STAFF}
    for name, role in roles.items():
        cast.callers[name] = await accounts.make(role, name) if name in fresh else regulars[name]
    if "unverified" in fresh:
        cast.callers["unverified"] = await accounts.make(Role.MEMBER, "unverified", verified=False)
    else:
        cast.callers["unverified"] = regulars["unverified"]
    if subject == "volunteer":
        cast.callers["owner"] = await accounts.make(Role.VOLUNTEER, "owner")
        cast.volunteer(cast.callers["owner"])
    else:
        cast.callers["owner"] = await accounts.make(Role.MEMBER, "owner")
        cast.association(cast.callers["owner"], visibility="MEMBERS" if subject == "members-only" else "PUBLIC")
    return cast


def send(
    client: Client, mutation: Mutation, operation: str, account: TestAccount | None, variables: dict[str, Any]
) -> dict[str, Any]:
    """The mutation's payload; for one without a payload, its object under `key` and its GraphQL errors (200 all
    the same) in the payload's shape."""
    if mutation.payload:
        return client.data(mutation.query, account, **variables)[operation]  # type: ignore[no-any-return]
    response = client.post(mutation.query, account, **variables)
    assert response.status_code == 200, response.text
    body = response.json()
    errors = [{"code": error["extensions"]["code"], "message": error["message"]} for error in body.get("errors", [])]
    return {mutation.key: (body["data"] or {}).get(operation), "errors": errors}


@pytest.mark.parametrize(("operation", "caller", "outcome"), cells(MUTATION_MATRIX))
async def test_mutation(
    operation: str,
    caller: str,
    outcome: str,
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
    db: Database,
) -> None:
    mutation = MUTATIONS[operation]
    cast = await cast_for(mutation.subject, mutation.fresh, regulars, accounts, client, slugs)
    if mutation.event:
        cast.event(regulars["staff"])
    if mutation.suggestion:
        await cast.suggestion(db, regulars["staff"])
    before = await snapshot(db, slugs.prefix, cast.account_ids)

    payload = send(client, mutation, operation, cast[caller], mutation.variables(cast))

    if outcome == OK:
        assert payload["errors"] == [], payload
        await mutation.effect(db, cast, caller, payload)
    else:
        assert [error["code"] for error in payload["errors"]] == [NP if outcome in (AUTH, VERIFY) else outcome], payload
        assert outcome != AUTH or payload["errors"][0]["message"] == SIGN_IN, payload
        assert outcome != VERIFY or payload["errors"][0]["message"] == UNVERIFIED, payload
        assert payload[mutation.key] in (None, False), payload
        assert await snapshot(db, slugs.prefix, cast.account_ids) == before, "a refused mutation changed the graph"


# Every path to an association or volunteer: by slug, by global id, in a list, from a tool, in search results.
ASSOCIATION_READS = (
    "query($slug: String!, $id: ID!, $after: String!, $text: String!) {"
    " association(slug: $slug) { slug contactEmail }"
    " node(id: $id) { ... on Association { slug contactEmail } }"
    " associations(first: 3, after: $after) { nodes { slug contactEmail } }"
    " tools { slug usedBy(first: 3, after: $after) { nodes { slug contactEmail } } }"
    " search(text: $text, first: 5) { party { ... on Association { slug contactEmail } } } }"
)
VOLUNTEER_READS = (
    "query($slug: String!, $id: ID!, $text: String!) { volunteer(slug: $slug) { slug contactEmail }"
    " node(id: $id) { ... on Volunteer { slug contactEmail } }"
    " search(text: $text, first: 5) { party { ... on Volunteer { slug contactEmail } } } }"
)
VOLUNTEER_LIST = "query($after: String!) { volunteers(first: 3, after: $after) { nodes { slug contactEmail } } }"
EVENT_READS = (
    "query($slug: String!, $id: ID!, $at: DateTime!) { event(slug: $slug) { slug }"
    " node(id: $id) { ... on Event { slug } }"
    " events(filter: {startsFrom: $at, startsUntil: $at}) { nodes { slug } } }"
)
REGISTER = (
    "mutation($event: String!, $party: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    "{ errors { code } } }"
)


def _find(slug: str, shown: list[dict[str, Any]]) -> dict[str, Any] | None:
    found = [item for item in shown if item.get("slug") == slug]
    assert len(found) <= 1, shown
    return found[0] if found else None


def read_associations(client: Client, cast: Cast, caller: str) -> list[Any]:
    """The association as each path shows it to the caller; None where it is not shown."""
    subject = cast.subject["assoc"]
    data = client.data(
        ASSOCIATION_READS,
        cast[caller],
        slug=subject["slug"],
        id=subject["id"],
        after=encode_cursor(cast.slugs.prefix),
        text=cast.slugs.prefix,
    )
    used_by = next(tool["usedBy"]["nodes"] for tool in data["tools"] if tool["slug"] == "nextcloud")
    return [
        data["association"],
        data["node"],
        _find(subject["slug"], data["associations"]["nodes"]),
        _find(subject["slug"], used_by),
        _find(subject["slug"], [hit["party"] for hit in data["search"]]),
    ]


def read_volunteers(client: Client, cast: Cast, caller: str) -> list[Any]:
    subject, account = cast.subject["vol"], cast[caller]
    data = client.data(VOLUNTEER_READS, account, slug=subject["slug"], id=subject["id"], text=cast.slugs.prefix)
    response = client.post(VOLUNTEER_LIST, account, after=encode_cursor(cast.slugs.prefix)).json()
    if account is None:  # the list itself is refused to anonymous callers, with a reason
        assert response["data"] is None and "signed-in users only" in response["errors"][0]["message"]
        listed = None
    elif caller == "unverified":  # and to unverified accounts, with theirs
        assert response["data"] is None and response["errors"][0]["message"] == UNVERIFIED
        listed = None
    else:
        listed = _find(subject["slug"], response["data"]["volunteers"]["nodes"])
    return [data["volunteer"], data["node"], listed, _find(subject["slug"], [hit["party"] for hit in data["search"]])]


def read_events(client: Client, cast: Cast, caller: str) -> list[Any]:
    subject = cast.subject["event"]
    data = client.data(
        EVENT_READS, cast[caller], slug=subject["slug"], id=subject["id"], at=starts_at(cast.slugs.prefix).isoformat()
    )
    return [data["event"], data["node"], _find(subject["slug"], data["events"]["nodes"])]


@pytest.mark.parametrize(("field", "caller", "outcome"), cells(READ_MATRIX))
async def test_read(
    field: str,
    caller: str,
    outcome: str,
    regulars: dict[str, TestAccount],
    accounts: Accounts,
    client: Client,
    slugs: Slugs,
) -> None:
    subject = {
        "Volunteer.contactEmail": "volunteer",
        "volunteer profile": "volunteer",
        "MEMBERS association": "members-only",
    }.get(field, "association")
    cast = await cast_for(subject, (), regulars, accounts, client, slugs)
    if field == "MEMBERS event":
        cast.event(regulars["staff"], visibility="MEMBERS")
        owner = cast["owner"]
        assert client.data(REGISTER, owner, event=slugs("event"), party=slugs("assoc"))["registerForEvent"] == {
            "errors": []
        }
        seen = read_events(client, cast, caller)
    elif subject == "volunteer":
        seen = read_volunteers(client, cast, caller)
    else:
        seen = read_associations(client, cast, caller)

    if outcome == HIDDEN:
        assert seen == [None] * len(seen)
        return
    assert all(shown is not None for shown in seen), seen
    if outcome != LISTED:
        email = f"{slugs('vol' if subject == 'volunteer' else 'assoc')}@example.org"
        assert [shown["contactEmail"] for shown in seen] == [email if outcome == VALUE else None] * len(seen), seen
