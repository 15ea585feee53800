"""Bearer tokens over real HTTP: who `me` is, and a 401 with a reason for every token that cannot be trusted."""

import base64
import datetime as dt
import json
import secrets
from collections.abc import Iterator

import httpx
import pytest
from arq.connections import ArqRedis

from network.accounts import ratelimit
from network.accounts.ratelimit import LogInKeys
from network.accounts.tokens import TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import from_global_id
from network.settings import Settings
from tests.accounts.conftest import PASSWORD, SECRET, Emails
from tests.accounts.operations import LOG_IN, ME, SIGN_UP
from tests.support.server import running_api


@pytest.fixture(scope="module")
def base(auth_settings: Settings, db: Database) -> Iterator[str]:
    # Loopback is a trusted proxy here, so each test names its own client in X-Forwarded-For (sign-ups are limited
    # per client).
    with running_api(auth_settings.model_copy(update={"trusted_proxies": ["127.0.0.1"]})) as url:
        yield url


def post(
    base: str,
    query: str,
    token: str | None = None,
    authorization: str | None = None,
    client: str | None = None,
    **variables: object,
) -> httpx.Response:
    authorization = authorization or (None if token is None else f"Bearer {token}")
    headers = {} if authorization is None else {"Authorization": authorization}
    if client is not None:
        headers["X-Forwarded-For"] = client
    return httpx.post(f"{base}/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=10)


def sign_up(base: str, email: str) -> dict:
    """Signs up and logs in, from a client of its own; the log-in payload."""
    client = f"198.18.{secrets.randbelow(256)}.{secrets.randbelow(256)}"
    signed_up = post(base, SIGN_UP, client=client, email=email, password=PASSWORD).json()["data"]["signUp"]
    assert signed_up["ok"] is True, signed_up
    payload = post(base, LOG_IN, client=client, email=email, password=PASSWORD).json()["data"]["logIn"]
    assert payload["errors"] == [], payload
    return payload


async def test_a_forwarded_for_header_from_an_untrusted_peer_is_ignored(
    auth_settings: Settings, emails: Emails, queue: ArqRedis
) -> None:
    """Without trusted proxies every request counts for its peer, whatever X-Forwarded-For it claims."""
    loopback = LogInKeys.of("127.0.0.1", "").client
    before = int(await queue.get(loopback) or 0)  # other tests over HTTP fail log-ins from loopback too
    try:
        with running_api(auth_settings) as plain:
            for n in range(ratelimit.CLIENT_FAILURES - before):
                post(plain, LOG_IN, client=f"198.18.1.{n}", email=emails(f"sprayed{n}"), password="Spring2026!")
            refused = post(plain, LOG_IN, client="198.18.2.1", email=emails("last"), password="Spring2026!").json()
        assert [e["code"] for e in refused["data"]["logIn"]["errors"]] == ["RATE_LIMITED"]
    finally:  # as it was, so that this test's failures do not refuse other tests' log-ins from loopback
        if before:
            await queue.set(loopback, before, keepttl=True)
        else:
            await queue.delete(loopback)


def refused(response: httpx.Response, problem: str, error: str = "invalid_token") -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert problem in response.json()["detail"], response.json()
    assert response.headers["www-authenticate"].startswith(f'Bearer error="{error}"')


def test_sign_up_then_me_with_the_token(base: str, emails: Emails) -> None:
    signed_up = sign_up(base, emails("http"))
    me = post(base, ME, signed_up["token"])
    assert me.status_code == 200
    assert me.json()["data"]["me"] == {k: signed_up["account"][k] for k in ("id", "email", "role")}
    logged_in = post(base, LOG_IN, email=emails("http"), password=PASSWORD).json()["data"]["logIn"]
    assert post(base, ME, logged_in["token"]).json()["data"]["me"]["email"] == emails("http")


def test_me_without_a_token_is_null(base: str) -> None:
    response = post(base, ME)
    assert response.status_code == 200 and response.json() == {"data": {"me": None}}


def test_an_expired_token_is_refused(base: str, emails: Emails, tokens: TokenSigner) -> None:
    account_id = from_global_id(sign_up(base, emails("old"))["account"]["id"])[1]
    assert post(base, ME, tokens.issue(account_id, Role.MEMBER, 0).token).status_code == 200
    long_ago = dt.datetime.now(dt.UTC) - tokens.ttl - dt.timedelta(minutes=5)
    stale = tokens.issue(account_id, Role.MEMBER, 0, now=long_ago)
    refused(post(base, ME, stale.token), "expired")


def _with_claims(token: str, **changes: object) -> str:
    """The token with changed claims but the old signature, as an attacker would try."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**claims, **changes}).encode()).decode().rstrip("=")
    return f"{header}.{forged}.{signature}"


def test_a_tampered_token_is_refused(base: str, emails: Emails) -> None:
    token = sign_up(base, emails("sneaky"))["token"]
    refused(post(base, ME, _with_claims(token, role="STAFF")), "signature")


def test_a_token_of_another_secret_is_refused(base: str, emails: Emails) -> None:
    signed_up = sign_up(base, emails("elsewhere"))
    other = TokenSigner(SECRET[::-1] + "-other", dt.timedelta(hours=1))
    forged = other.issue(from_global_id(signed_up["account"]["id"])[1], Role.STAFF, 0)
    refused(post(base, ME, forged.token), "signature")


@pytest.mark.parametrize("token", ["not-a-token", "a.b.c", "eyJhbGciOiJub25lIn0.e30."])
def test_a_malformed_token_is_refused(base: str, token: str) -> None:
    refused(post(base, ME, token), "malformed")


async def test_a_token_of_a_deleted_account_is_refused(base: str, emails: Emails, db: Database) -> None:
    token = sign_up(base, emails("gone"))["token"]
    assert post(base, ME, token).status_code == 200
    async with db.driver.session(database=db.name) as session:
        await (await session.run("MATCH (a:Account {email: $email}) DETACH DELETE a", email=emails("gone"))).consume()
    refused(post(base, ME, token), "no longer exists")


async def test_a_token_of_an_older_version_is_refused(base: str, emails: Emails, db: Database) -> None:
    token = sign_up(base, emails("revoked"))["token"]
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run(
                "MATCH (a:Account {email: $email}) SET a.tokenVersion = a.tokenVersion + 1", email=emails("revoked")
            )
        ).consume()
    refused(post(base, ME, token), "revoked")


@pytest.mark.parametrize("authorization", ["Basic dXNlcjpwYXNz", "Bearer", "Token abc", "bearer"])
def test_another_scheme_is_refused(base: str, authorization: str) -> None:
    refused(post(base, ME, authorization=authorization), "Bearer <token>", "invalid_request")
