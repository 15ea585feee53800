"""A small cast for experience reports: members acting for associations of their own, staff; the reports go with
the associations (`slugs`), and the tool tips a test set are emptied after it."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.database import Database
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

ERRORS = "errors { field code message }"
REPORT = (
    "id rating usedFor wentWell wentBadly switchDuration tips language status moderationReason revision canEdit "
    "tool { slug } replaced { slug } association { slug }"
)
WRITE = (
    "mutation($input: ExperienceReportInput!) { writeExperienceReport(input: $input) "
    f"{{ report {{ {REPORT} }} {ERRORS} }} }}"
)
EDIT = (
    "mutation($id: ID!, $input: EditExperienceReportInput!) { editExperienceReport(id: $id, input: $input) "
    f"{{ report {{ {REPORT} }} {ERRORS} }} }}"
)
DELETE = f"mutation($id: ID!) {{ deleteExperienceReport(id: $id) {{ deletedId {ERRORS} }} }}"
APPROVE = (
    "mutation($id: ID!, $revision: Int!) { approveExperienceReport(id: $id, revision: $revision) "
    f"{{ report {{ {REPORT} }} {ERRORS} }} }}"
)
REJECT = (
    "mutation($id: ID!, $revision: Int!, $reason: String!) "
    "{ rejectExperienceReport(id: $id, revision: $revision, reason: $reason) "
    f"{{ report {{ {REPORT} }} {ERRORS} }} }}"
)
ONE = f"query($id: ID!) {{ experienceReport(id: $id) {{ {REPORT} }} }}"
PAGE = "totalCount pageInfo { hasNextPage endCursor } nodes { id rating status association { slug } }"
QUEUE = (
    "query($first: Int, $after: String) "
    f"{{ experienceReportModerationQueue(first: $first, after: $after) {{ {PAGE} }} }}"
)
MINE = f"query($first: Int, $after: String) {{ myExperienceReports(first: $first, after: $after) {{ {PAGE} }} }}"
ON_TOOL = (
    "query($id: ID!, $order: ReportOrder!, $first: Int, $after: String) { node(id: $id) { ... on Tool { "
    f"experienceReports(order: $order, first: $first, after: $after) {{ {PAGE} }} "
    "averageRating { average count } } } }"
)
TIPS = (
    "mutation($tool: String!, $tips: [ToolTipInput!]!) { setToolTips(tool: $tool, tips: $tips) "
    f"{{ tool {{ slug tips {{ text language }} }} {ERRORS} }} }}"
)
CREATE_ASSOCIATION = (
    "mutation($input: CreateAssociationInput!) { createAssociation(input: $input) "
    f"{{ association {{ id slug }} {ERRORS} }} }}"
)


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


def report_input(association: str, tool: str = "nextcloud", **overrides: Any) -> dict[str, Any]:
    return {
        "association": association,
        "tool": tool,
        "rating": 4,
        "usedFor": "Dateiablage für den Vorstand",
        "wentWell": "Freigaben per Link",
        "wentBadly": "Die Desktop-App braucht Geduld",
        "switchDuration": "ONE_TO_THREE_MONTHS",
        "replaced": "google-drive",
        "tips": "Erst die Ordnerstruktur planen",
        "language": "DE",
        **overrides,
    }


@dataclass
class ReportCast:
    """Members, each acting for an association of its own (named like it), and staff; writes and moderates."""

    graphql: GraphQL
    accounts: Accounts
    slugs: Slugs
    members: dict[str, TestAccount] = field(default_factory=dict)
    staff: TestAccount | None = None

    async def member(self, name: str, visibility: str = "PUBLIC") -> TestAccount:
        account = await self.accounts.make(Role.MEMBER, name)
        data = await self.graphql(
            CREATE_ASSOCIATION,
            account,
            input={"slug": self.slugs(name), "name": f"Verein {name}", "visibility": visibility},
        )
        assert data["createAssociation"]["errors"] == [], data
        self.members[name] = account
        return account

    async def moderator(self) -> TestAccount:
        if self.staff is None:
            self.staff = await self.accounts.make(Role.STAFF, "staff")
        return self.staff

    async def write(self, name: str, **overrides: Any) -> dict[str, Any]:
        """The report of the association `name` (its member writes it), pending."""
        data = await self.graphql(WRITE, self.members[name], input=report_input(self.slugs(name), **overrides))
        payload: dict[str, Any] = data["writeExperienceReport"]
        assert payload["errors"] == [], payload
        return payload["report"]  # type: ignore[no-any-return]

    async def approve(self, report: dict[str, Any]) -> dict[str, Any]:
        data = await self.graphql(APPROVE, await self.moderator(), id=report["id"], revision=report["revision"])
        payload: dict[str, Any] = data["approveExperienceReport"]
        assert payload["errors"] == [], payload
        return payload["report"]  # type: ignore[no-any-return]

    async def approved(self, name: str, **overrides: Any) -> dict[str, Any]:
        return await self.approve(await self.write(name, **overrides))


@pytest.fixture
async def cast(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db: Database) -> AsyncIterator[ReportCast]:
    made = ReportCast(graphql, accounts, slugs)
    yield made
    # Reports whose association was not made by this test (none should be) go with their authors.
    await cypher(
        db,
        "MATCH (a:Account)-[:WROTE]->(r:ExperienceReport) WHERE a.email STARTS WITH $prefix DETACH DELETE r",
        prefix=accounts.prefix,
    )


@pytest.fixture
async def tips_reset(db: Database) -> AsyncIterator[list[str]]:
    """Tools whose tips a test set (append their slugs): their tips are removed after it."""
    tools: list[str] = []
    yield tools
    await cypher(db, "MATCH (t:Tool)-[:HAS_TIP]->(p:ToolTip) WHERE t.slug IN $tools DETACH DELETE p", tools=tools)
