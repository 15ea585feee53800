"""Fixtures of the accounts tests: unique e-mail addresses with cleanup, a known token secret, the schema."""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from arq.connections import ArqRedis
from pydantic import SecretStr

from network.accounts import ratelimit, service
from network.accounts.ratelimit import LogInKeys
from network.accounts.tokens import TokenSigner
from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.graphql.schema import build_schema
from network.kit.authorisation import ANONYMOUS, Viewer
from network.kit.context import Context
from network.kit.database import Database
from network.settings import Settings
from tests.accounts.operations import LOG_IN, SIGN_UP_AS
from tests.support.cleanup import Slugs, slugs  # noqa: F401  (fixture)

PASSWORD = "correct horse battery"
# Known to the tests, so they can forge the tokens an attacker or a clock would produce.
SECRET = "accounts-test-secret-" + "s" * 32


class Emails:
    """Hands out e-mail addresses with a per-test prefix, so cleanup removes exactly this test's accounts, and a
    client address of the test's own, so the abuse limits of one test do not spill into another."""

    def __init__(self) -> None:
        self.prefix = f"t{uuid.uuid4().hex[:10]}"
        self.client = f"client-{self.prefix}"
        self.handed_out: set[str] = set()

    def __call__(self, name: str) -> str:
        email = f"{self.prefix}-{name}@example.org"
        self.handed_out.add(email.lower())
        return email


@pytest.fixture(scope="session")
def auth_settings(live_stack: Settings) -> Settings:
    return live_stack.model_copy(update={"token_secret": SecretStr(SECRET)})


@pytest.fixture
def tokens(auth_settings: Settings) -> TokenSigner:
    return TokenSigner.from_settings(auth_settings)


@pytest.fixture
async def queue(live_stack: Settings) -> AsyncIterator[ArqRedis]:
    redis = open_queue(live_stack)
    yield redis
    await redis.aclose()


@pytest.fixture
async def emails(db: Database, queue: ArqRedis) -> AsyncIterator[Emails]:
    made = Emails()
    yield made
    async with db.driver.session(database=db.name) as session:
        await (
            await session.run("MATCH (a:Account) WHERE a.email STARTS WITH $prefix DETACH DELETE a", prefix=made.prefix)
        ).consume()
    for email in made.handed_out:
        await ratelimit.clear(queue, email)
    await queue.delete(LogInKeys.of(made.client, "").client, ratelimit.sign_up_key(made.client))


@pytest.fixture(scope="module")
def schema(settings: Settings) -> strawberry.Schema:
    return build_schema(settings)


class Api:
    """Runs GraphQL operations in-process, as a given viewer, and returns the data."""

    def __init__(
        self,
        schema: strawberry.Schema,
        db: Database,
        queue: ArqRedis,
        settings: Settings,
        tokens: TokenSigner,
        client: str,
    ) -> None:
        self.schema, self.db, self.queue, self.settings, self.tokens = schema, db, queue, settings, tokens
        self.client = client  # the caller's address, as the limits count it; a test may switch it

    async def result(self, query: str, viewer: Viewer = ANONYMOUS, **variables: Any) -> Any:
        context = Context(
            db=self.db,
            queue=self.queue,
            settings=self.settings,
            catalogue=CatalogueCache(self.db),
            viewer=viewer,
            client=self.client,
            tokens=self.tokens,
        )
        return await self.schema.execute(query, variable_values=variables, context_value=context)

    async def __call__(self, query: str, viewer: Viewer = ANONYMOUS, **variables: Any) -> Any:
        result = await self.result(query, viewer, **variables)
        assert result.errors is None, result.errors
        return result.data


@pytest.fixture
def api(
    schema: strawberry.Schema,
    db: Database,
    queue: ArqRedis,
    auth_settings: Settings,
    tokens: TokenSigner,
    emails: Emails,
) -> Api:
    return Api(schema, db, queue, auth_settings, tokens, emails.client)


async def verified(db: Database, email: str) -> None:
    """Verifies an account as staff would."""
    await service.verify(db, email)


async def graph_account(db: Database, email: str) -> dict[str, Any] | None:
    """The stored node as it is, password hash included, to check what was really written."""
    async with db.driver.session(database=db.name) as session:
        record = await (await session.run("MATCH (a:Account {email: $email}) RETURN a {.*} AS a", email=email)).single()
    return None if record is None else dict(record["a"])


async def joined(api: Api, email: str, password: str = PASSWORD, role: str = "MEMBER") -> dict[str, Any]:
    """Signs up, then logs in as the web client does; the log-in payload."""
    signed_up = (await api(SIGN_UP_AS, email=email, password=password, role=role))["signUp"]
    assert signed_up == {"ok": True, "errors": [], "retryAfterSeconds": None}, signed_up
    logged_in = (await api(LOG_IN, email=email, password=password))["logIn"]
    assert logged_in["errors"] == [], logged_in
    return logged_in  # type: ignore[no-any-return]
