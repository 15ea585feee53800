"""Accounts of every role (STAFF too, made through the accounts service as the CLI does), their tokens and viewers.

Import the fixtures into a folder's conftest.py: `from tests.support.accounts import accounts, graphql, ...`.
Everything an `Accounts` made is removed after the test.
"""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import strawberry
from arq.connections import ArqRedis
from pydantic import SecretStr

from network.accounts import service
from network.accounts.models import AccountInput
from network.accounts.tokens import TokenSigner
from network.accounts.viewer import viewer_for_token
from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.graphql.schema import build_schema
from network.kit.authorisation import ANONYMOUS, Role, Viewer
from network.kit.context import Context
from network.kit.database import Database
from network.settings import Settings

PASSWORD = "correct horse battery staple"
# Known to the tests, so an HTTP server started with `signed_settings` accepts the tokens made here.
SECRET = "support-accounts-test-secret-" + "k" * 32


@dataclass(frozen=True)
class TestAccount:
    __test__ = False  # not a test class, whatever pytest thinks of its name

    id: str
    email: str
    role: Role
    token: str

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Accounts:
    """Makes accounts with a per-test e-mail prefix; `viewer()` reads what an account acts for from the graph."""

    def __init__(self, db: Database, signer: TokenSigner) -> None:
        self.db, self.signer = db, signer
        self.prefix = f"t{uuid.uuid4().hex[:10]}"
        self._count = 0

    async def make(
        self, role: Role | str = Role.MEMBER, name: str | None = None, *, verified: bool = True
    ) -> TestAccount:
        """A verified account, as staff make it; `verified=False`: as signing up leaves it."""
        role = Role(role)
        self._count += 1
        email = f"{self.prefix}-{name or role.value.lower()}{self._count}@example.org"
        row = await service.create_account(self.db, AccountInput(email=email, password=PASSWORD, role=role))
        if not verified:
            async with self.db.driver.session(database=self.db.name) as session:
                await (
                    await session.run(
                        "MATCH (a:Account {id: $id}) SET a.verified = false REMOVE a.verifiedAt", id=row["id"]
                    )
                ).consume()
        issued = self.signer.issue(row["id"], role, int(row["tokenVersion"]))
        return TestAccount(id=row["id"], email=row["email"], role=role, token=issued.token)

    async def viewer(self, account: TestAccount) -> Viewer:
        """The viewer of the account's token as a request would resolve it now (acts_for included)."""
        return await viewer_for_token(self.db, self.signer, account.token)

    async def remove(self) -> None:
        async with self.db.driver.session(database=self.db.name) as session:
            await (
                await session.run(
                    # with what was to be mailed to them, so no later delivery run of the session sends it
                    "MATCH (a:Account) WHERE a.email STARTS WITH $prefix "
                    "OPTIONAL MATCH (a)<-[:TO]-(n:Notification) DETACH DELETE n, a",
                    prefix=self.prefix,
                )
            ).consume()


class GraphQL:
    """Runs operations in-process as an account (resolved from its token, like a request) or anonymously."""

    def __init__(
        self, schema: strawberry.Schema, db: Database, queue: ArqRedis, settings: Settings, accounts: Accounts
    ) -> None:
        self.schema, self.db, self.queue, self.settings, self.accounts = schema, db, queue, settings, accounts

    async def result(self, query: str, account: TestAccount | None = None, **variables: Any) -> Any:
        viewer = ANONYMOUS if account is None else await self.accounts.viewer(account)
        context = Context(
            db=self.db,
            queue=self.queue,
            settings=self.settings,
            catalogue=CatalogueCache(self.db),
            viewer=viewer,
            tokens=self.accounts.signer,
        )
        return await self.schema.execute(query, variable_values=variables, context_value=context)

    async def __call__(self, query: str, account: TestAccount | None = None, **variables: Any) -> Any:
        """The data of an operation that must succeed without GraphQL errors."""
        result = await self.result(query, account, **variables)
        assert result.errors is None, result.errors
        return result.data

    async def error(self, query: str, account: TestAccount | None = None, **variables: Any) -> str:
        """The message of the one GraphQL error an operation must fail with."""
        result = await self.result(query, account, **variables)
        assert result.errors is not None and len(result.errors) == 1, result.errors
        return str(result.errors[0].message)


@pytest.fixture(scope="session")
def signed_settings(live_stack: Settings) -> Settings:
    return live_stack.model_copy(update={"token_secret": SecretStr(SECRET)})


@pytest.fixture(scope="session")
def signer(signed_settings: Settings) -> TokenSigner:
    return TokenSigner.from_settings(signed_settings)


@pytest.fixture(scope="session")
def graphql_schema(signed_settings: Settings) -> strawberry.Schema:
    return build_schema(signed_settings)


@pytest.fixture(scope="session")
async def job_queue(live_stack: Settings) -> AsyncIterator[ArqRedis]:
    redis = open_queue(live_stack)
    yield redis
    await redis.aclose()


@pytest.fixture
async def accounts(db: Database, signer: TokenSigner) -> AsyncIterator[Accounts]:
    made = Accounts(db, signer)
    yield made
    await made.remove()


@pytest.fixture
def graphql(
    graphql_schema: strawberry.Schema, db: Database, job_queue: ArqRedis, signed_settings: Settings, accounts: Accounts
) -> GraphQL:
    return GraphQL(graphql_schema, db, job_queue, signed_settings, accounts)
