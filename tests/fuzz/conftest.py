"""The fuzz stage's marker and seed, one real API server per module, the callers it is fuzzed as, and removal of
everything the fuzzed mutations wrote."""

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from network.accounts.tokens import TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database
from network.settings import Settings
from tests.fuzz import budget
from tests.support.accounts import Accounts, TestAccount
from tests.support.server import running_api

CALLERS = ["anonymous", Role.MEMBER.value, Role.VOLUNTEER.value]


def _repeat() -> str:
    return f"FUZZ_SEED={budget.SEED} FUZZ_CASES={budget.CASES}"


def pytest_report_header() -> str:
    return f"fuzz: {_repeat()} (set both to repeat this run)"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if budget.RUNS:
        terminalreporter.write_line(f"fuzz: {sum(budget.RUNS)} cases; repeat with {_repeat()}")


@pytest.fixture(scope="module")
def api(signed_settings: Settings) -> Iterator[str]:
    """The whole app on uvicorn, accepting the tokens of `tests.support.accounts`."""
    with running_api(signed_settings) as base:
        yield base


@pytest.fixture(scope="module")
def http(api: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api, timeout=60) as client:
        yield client


class Callers:
    """One account per role for the whole module, replaced when a fuzzed mutation erased it or revoked its token."""

    def __init__(self, accounts: Accounts, http: httpx.Client) -> None:
        self.accounts, self.http = accounts, http
        self.made: dict[Role, TestAccount] = {}

    def _signed_in(self, account: TestAccount) -> bool:
        answer = self.http.post("/graphql", json={"query": "{ me { id } }"}, headers=account.bearer)
        return answer.status_code == 200 and (answer.json().get("data") or {}).get("me") is not None

    async def headers(self, role: Role) -> dict[str, str]:
        account = self.made.get(role)
        if account is None or not self._signed_in(account):
            account = self.made[role] = await self.accounts.make(role, name="fuzz")
        return account.bearer


@pytest.fixture(scope="module")
async def callers(db: Database, signer: TokenSigner, http: httpx.Client) -> AsyncIterator[Callers]:
    made = Accounts(db, signer)
    yield Callers(made, http)
    await made.remove()


@pytest.fixture(params=CALLERS)
async def caller(request: pytest.FixtureRequest, callers: Callers) -> tuple[str, dict[str, str]]:
    """Who the cases are sent as, and the headers that say so: nobody, or a signed-in account of a role."""
    if request.param == "anonymous":
        return "anonymous", {}
    return request.param, await callers.headers(Role(request.param))


async def _element_ids(db: Database) -> set[str]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(
            "CALL () { MATCH (n) RETURN collect(elementId(n)) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN collect(elementId(r)) AS links } RETURN nodes + links AS ids"
        )
        record = await result.single(strict=True)
        return set(record["ids"])


@pytest.fixture(scope="module")
async def graph_left_as_found(db: Database) -> AsyncIterator[None]:
    """Fuzzed mutations write under slugs and addresses nobody chose; whatever appeared in the graph while the
    module ran is removed after it. A member or volunteer can change only what it made, so this undoes them."""
    before = await _element_ids(db)
    yield
    added = list(await _element_ids(db) - before)
    async with db.driver.session(database=db.name) as session:
        for statement in (
            "MATCH ()-[r]->() WHERE elementId(r) IN $ids DELETE r",
            "MATCH (n) WHERE elementId(n) IN $ids DETACH DELETE n",
        ):
            await (await session.run(statement, ids=added)).consume()
