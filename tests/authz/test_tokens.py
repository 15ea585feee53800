"""Tokens an attacker can make: refused with 401 before anything runs, or worth no more than the real account."""

import base64
import datetime as dt
import json
from collections.abc import Callable

import jwt
import pytest

from network.accounts.tokens import TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database
from tests.authz.cast import Cast
from tests.authz.client import Client, cypher, snapshot
from tests.support.accounts import SECRET, Accounts, TestAccount
from tests.support.cleanup import Slugs

TAKE_OVER = (
    'mutation($slug: String!) { updateAssociation(slug: $slug, input: {contactEmail: "evil@example.org"}) '
    "{ association { contactEmail } errors { code } } }"
)
STAFF_ONLY = (
    'mutation($slug: String!) { createEvent(input: {slug: $slug, title: "Evil", '
    'startsAt: "2041-01-01T10:00:00Z", endsAt: "2041-01-01T11:00:00Z"}) '
    "{ event { slug } errors { code } } }"
)
PEEK = "query($slug: String!) { me { role } association(slug: $slug) { contactEmail canEdit } }"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(account: TestAccount, **changes: object) -> dict[str, object]:
    now = int(dt.datetime.now(dt.UTC).timestamp())
    return {"sub": account.id, "role": "STAFF", "ver": 0, "iat": now, "exp": now + 3600, **changes}


def _other_secret(account: TestAccount) -> str:
    return (
        TokenSigner("not-the-servers-secret-" + "x" * 32, dt.timedelta(hours=1)).issue(account.id, Role.STAFF, 0).token
    )


def _alg_none(account: TestAccount) -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(account))}."


def _alg_none_with_old_signature(account: TestAccount) -> str:
    """The member's own valid token with its header switched to alg none and its claims to STAFF."""
    signature = account.token.split(".")[2]
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims(account))}.{signature}"


def _expired(account: TestAccount) -> str:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    return TokenSigner(SECRET, dt.timedelta(hours=1)).issue(account.id, Role.MEMBER, 0, now=long_ago).token


def _hs384(account: TestAccount) -> str:
    return jwt.encode(_claims(account), SECRET, algorithm="HS384")


def _tampered(account: TestAccount) -> str:
    header, _, signature = account.token.split(".")
    return f"{header}.{_b64(_claims(account))}.{signature}"


def _unknown_account(account: TestAccount) -> str:
    return jwt.encode(_claims(account, sub="00000000-0000-4000-8000-000000000000"), SECRET, algorithm="HS256")


def _future_version(account: TestAccount) -> str:
    return jwt.encode(_claims(account, role="MEMBER", ver=1), SECRET, algorithm="HS256")


FORGERIES: dict[str, tuple[Callable[[TestAccount], str], str]] = {
    "signed-with-another-secret": (_other_secret, "signature"),
    "alg-none": (_alg_none, "malformed"),
    "alg-none-keeping-the-signature": (_alg_none_with_old_signature, "malformed"),
    "expired": (_expired, "expired"),
    "hs384-with-the-real-secret": (_hs384, "malformed"),
    "staff-claim-on-a-real-signature": (_tampered, "signature"),
    "unknown-account": (_unknown_account, "no longer exists"),
    "token-version-not-issued": (_future_version, "revoked"),
}


@pytest.mark.parametrize("forgery", FORGERIES)
async def test_a_forged_token_is_refused_and_changes_nothing(
    forgery: str, accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    victim, attacker = await accounts.make(Role.MEMBER, "victim"), await accounts.make(Role.MEMBER, "attacker")
    Cast(client, slugs).association(victim)
    make, problem = FORGERIES[forgery]
    token = make(attacker)
    before = await snapshot(db, slugs.prefix, [victim.id, attacker.id])

    for query in (TAKE_OVER, STAFF_ONLY, PEEK):
        response = client.post(query, token=token, slug=slugs("assoc") if query != STAFF_ONLY else slugs("evil"))
        assert response.status_code == 401, response.text
        assert problem in response.json()["detail"]
        assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    assert await snapshot(db, slugs.prefix, [victim.id, attacker.id]) == before


async def test_a_staff_role_in_a_validly_signed_token_gives_no_privileges(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    """Even a correctly signed token (a leaked secret, a role changed since) counts only the role in the graph."""
    victim, member = await accounts.make(Role.MEMBER, "victim"), await accounts.make(Role.MEMBER, "member")
    Cast(client, slugs).association(victim)
    claiming = TokenSigner(SECRET, dt.timedelta(hours=1)).issue(member.id, Role.STAFF, 0).token
    before = await snapshot(db, slugs.prefix, [victim.id, member.id])

    seen = client.post(PEEK, token=claiming, slug=slugs("assoc")).json()["data"]
    assert seen == {"me": {"role": "MEMBER"}, "association": {"contactEmail": None, "canEdit": False}}
    took = client.post(TAKE_OVER, token=claiming, slug=slugs("assoc")).json()["data"]["updateAssociation"]
    made = client.post(STAFF_ONLY, token=claiming, slug=slugs("evil")).json()["data"]["createEvent"]
    assert took == {"association": None, "errors": [{"code": "NOT_PERMITTED"}]}
    assert made == {"event": None, "errors": [{"code": "NOT_PERMITTED"}]}
    assert await snapshot(db, slugs.prefix, [victim.id, member.id]) == before


async def test_a_member_cannot_register_someone_elses_association_or_profile(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    owner, intruder = await accounts.make(Role.MEMBER, "owner"), await accounts.make(Role.MEMBER, "intruder")
    volunteer, staff = await accounts.make(Role.VOLUNTEER), await accounts.make(Role.STAFF)
    cast = Cast(client, slugs)
    cast.association(owner)
    cast.association(intruder, "own")
    cast.volunteer(volunteer)
    cast.event(staff)
    register = (
        "mutation($party: String!, $event: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
        "{ event { registeredCount } errors { code } } }"
    )
    before = await snapshot(db, slugs.prefix, [owner.id, intruder.id, volunteer.id])

    for party in (slugs("assoc"), slugs("vol")):
        refused = client.data(register, intruder, party=party, event=slugs("event"))["registerForEvent"]
        assert refused == {"event": None, "errors": [{"code": "NOT_PERMITTED"}]}
    assert await snapshot(db, slugs.prefix, [owner.id, intruder.id, volunteer.id]) == before
    mine = client.data(register, intruder, party=slugs("own"), event=slugs("event"))["registerForEvent"]
    assert mine == {"event": {"registeredCount": 1}, "errors": []}


async def test_registering_finds_the_callers_party_when_a_volunteer_shares_its_slug(
    accounts: Accounts, client: Client, slugs: Slugs
) -> None:
    """Slugs are unique per label only, so an association and a volunteer may share one. Each account must still
    register its own party: today `EventWrites.party` picks one of the two, and the other owner is refused."""
    member, volunteer, staff = (
        await accounts.make(Role.MEMBER),
        await accounts.make(Role.VOLUNTEER),
        await accounts.make(Role.STAFF),
    )
    cast = Cast(client, slugs)
    cast.association(member, "shared")
    cast.volunteer(volunteer, "shared")
    cast.event(staff)
    register = (
        "mutation($party: String!, $event: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
        "{ event { registeredCount } errors { code } } }"
    )
    for caller, expected in ((member, 1), (volunteer, 2)):
        done = client.data(register, caller, party=slugs("shared"), event=slugs("event"))["registerForEvent"]
        assert done == {"event": {"registeredCount": expected}, "errors": []}


async def test_nobody_signs_up_as_staff(client: Client, accounts: Accounts, db: Database) -> None:
    email = f"{accounts.prefix}-self-made-staff@example.org"
    response = client.post(
        "mutation($e: String!, $p: String!) { signUp(email: $e, password: $p, role: STAFF) { ok errors { code } } }",
        e=email,
        p="long enough password",
    )
    assert response.status_code == 200 and response.json()["data"] is None
    assert "SignUpRole" in response.json()["errors"][0]["message"]
    assert await cypher(db, "MATCH (a:Account {email: $email}) RETURN a.role AS role", email=email) == []
