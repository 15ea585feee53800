"""A small cast for technical questions: an asking member with an association, volunteers with profiles of their
own, staff; everything a test asked (questions, their notifications) is removed after it."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import from_global_id
from tests.support.accounts import Accounts, GraphQL, TestAccount
from tests.support.cleanup import Slugs

TOOL = "nextcloud"
SKILL = "it-security-basics"
ERRORS = "errors { field code message }"
QUESTION = (
    "id text status language about { kind slug name } askerName byMail answer claimedBy answeredBy "
    "canClaim canAnswer yourRoute { rank score reasons { code detail weight } } "
    "routes { volunteerName rank score reasons { code detail weight } }"
)
ASK = f"mutation($input: AskQuestionInput!) {{ askQuestion(input: $input) {{ question {{ {QUESTION} }} {ERRORS} }} }}"
CLAIM = f"mutation($id: ID!) {{ claimQuestion(id: $id) {{ question {{ {QUESTION} }} {ERRORS} }} }}"
ANSWER = (
    f"mutation($id: ID!, $text: String!) {{ answerQuestion(id: $id, text: $text) {{ question {{ {QUESTION} }} "
    f"{ERRORS} }} }}"
)
CLOSE = f"mutation($id: ID!) {{ closeQuestion(id: $id) {{ question {{ {QUESTION} }} {ERRORS} }} }}"
ONE = f"query($id: ID!) {{ helpQuestion(id: $id) {{ {QUESTION} }} }}"
PAGE = "totalCount pageInfo { hasNextPage endCursor } nodes { id status text }"
MINE = f"query($first: Int, $after: String) {{ myHelpQuestions(first: $first, after: $after) {{ {PAGE} }} }}"
FOR_ME = f"query {{ helpQuestionsForMe {{ {PAGE} }} }}"
STAFF_LIST = (
    "query($filter: HelpQuestionFilterInput, $first: Int, $after: String) "
    f"{{ helpQuestions(filter: $filter, first: $first, after: $after) {{ {PAGE} }} }}"
)
COUNTS = "query { helpQuestionCounts { open claimed answered closed unanswered unansweredAfterDays } }"
CREATE_VOLUNTEER = (
    "mutation($input: CreateVolunteerProfileInput!) { createVolunteerProfile(input: $input) "
    f"{{ volunteer {{ id slug }} {ERRORS} }} }}"
)
CREATE_ASSOCIATION = (
    "mutation($input: CreateAssociationInput!) { createAssociation(input: $input) "
    f"{{ association {{ id slug }} {ERRORS} }} }}"
)


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


@dataclass
class HelpCast:
    """Makes the people of a test: an asker acting for an association, volunteers with chosen know-how."""

    graphql: GraphQL
    accounts: Accounts
    slugs: Slugs
    volunteer_ids: dict[str, str] = field(default_factory=dict)  # account id -> volunteer profile id

    async def asker(self, name: str = "asker") -> TestAccount:
        account = await self.accounts.make(Role.MEMBER, name)
        data = await self.graphql(
            CREATE_ASSOCIATION,
            account,
            input={"slug": self.slugs(name), "name": f"Verein {name}", "visibility": "PUBLIC"},
        )
        assert data["createAssociation"]["errors"] == [], data
        return account

    async def volunteer(
        self,
        name: str,
        *,
        tool: str | None = "INTERMEDIATE",
        level: int | None = None,
        languages: tuple[str, ...] = ("de",),
        hours: int | None = 10,
    ) -> TestAccount:
        """A volunteer account with a profile: `tool` is its proficiency with TOOL, `level` its level of SKILL."""
        account = await self.accounts.make(Role.VOLUNTEER, name)
        profile: dict[str, Any] = {
            "slug": self.slugs(name),
            "displayName": f"Volunteer {name}",
            "languages": list(languages),
            "remote": True,
            "hoursPerMonth": hours,
            "tools": [{"tool": TOOL, "proficiency": tool}] if tool else [],
            "skills": [{"skill": SKILL, "level": level}] if level else [],
        }
        data = await self.graphql(CREATE_VOLUNTEER, account, input=profile)
        assert data["createVolunteerProfile"]["errors"] == [], data
        self.volunteer_ids[account.id] = from_global_id(data["createVolunteerProfile"]["volunteer"]["id"])[1]
        return account

    async def ask(self, account: TestAccount, **question: Any) -> dict[str, Any]:
        data = await self.graphql(ASK, account, input={"text": "Wie teile ich einen Ordner?", **question})
        payload: dict[str, Any] = data["askQuestion"]
        assert payload["errors"] == [], payload
        return payload["question"]  # type: ignore[no-any-return]


@pytest.fixture
async def cast(graphql: GraphQL, accounts: Accounts, slugs: Slugs, db: Database) -> AsyncIterator[HelpCast]:
    made = HelpCast(graphql, accounts, slugs)
    yield made
    # before `accounts` removes the askers: their questions and what was written about them go too
    await cypher(
        db,
        "MATCH (a:Account)-[:ASKED]->(q:HelpQuestion) WHERE a.email STARTS WITH $prefix "
        "OPTIONAL MATCH (n:Notification)-[:CONCERNS]->(q) DETACH DELETE n, q",
        prefix=accounts.prefix,
    )
    await cypher(
        db,
        "MATCH (n:Notification)-[:TO]->(a:Account) WHERE a.email STARTS WITH $prefix DETACH DELETE n",
        prefix=accounts.prefix,
    )
