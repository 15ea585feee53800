"""`node(id:)` resolves a technical question by its global id, to exactly whom `helpQuestion(id:)` shows it."""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from network.kit.authorisation import Role
from network.kit.database import Database
from network.kit.global_id import to_global_id
from tests.authz.cast import Cast
from tests.authz.client import Client, remove_questions
from tests.authz.client import client as client  # the fixture: one real HTTP server
from tests.support.accounts import Accounts, TestAccount
from tests.support.cleanup import Slugs

FIELDS = "id text status askerName yourRoute { rank } routes { rank }"
BOTH = (
    f"query($id: ID!) {{ helpQuestion(id: $id) {{ {FIELDS} }} "
    f"node(id: $id) {{ __typename ... on HelpQuestion {{ {FIELDS} }} }} }}"
)


@pytest.fixture(autouse=True)
async def _remove_questions(db: Database, slugs: Slugs, accounts: Accounts) -> AsyncIterator[None]:
    yield
    await remove_questions(db, slugs.prefix, accounts.prefix)


def both(client: Client, account: TestAccount | None, question: str) -> tuple[Any, Any]:
    """The question as `helpQuestion(id:)` and as `node(id:)` show it to `account`."""
    data = client.data(BOTH, account, id=question)
    node = data["node"]
    if node is not None:
        assert node.pop("__typename") == "HelpQuestion"
    return data["helpQuestion"], node


async def test_node_shows_a_question_to_its_asker_its_volunteers_and_staff_only(
    accounts: Accounts, client: Client, slugs: Slugs, db: Database
) -> None:
    asker, volunteer = await accounts.make(Role.MEMBER, "asker"), await accounts.make(Role.VOLUNTEER, "helper")
    bystander, other = await accounts.make(Role.VOLUNTEER, "bystander"), await accounts.make(Role.MEMBER, "other")
    staff, unverified = await accounts.make(Role.STAFF), await accounts.make(Role.MEMBER, "new", verified=False)
    cast = Cast(client, slugs)
    cast.association(asker, "club")
    cast.volunteer(volunteer, "helper")
    cast.volunteer(bystander, "bystander")  # has a profile, but the question did not go to it
    question = (await cast.question(db, asker, routed_to=["helper"]))["id"]

    for reader in (asker, volunteer, staff):
        by_id, node = both(client, reader, question)
        assert by_id is not None and node == by_id, reader.email
    _, node = both(client, staff, question)
    assert node == {
        "id": question,
        "text": f"Wie sichere ich Nextcloud? ({slugs('question')})",
        "status": "OPEN",
        "askerName": f"Verein {slugs('club')}",
        "yourRoute": None,
        "routes": [{"rank": 1}],  # who else it went to: staff only
    }
    _, node = both(client, volunteer, question)
    assert node is not None and node["yourRoute"] == {"rank": 1} and node["routes"] == []
    for reader in (None, other, bystander, unverified):
        assert both(client, reader, question) == (None, None)

    unknown = to_global_id("HelpQuestion", "00000000-0000-4000-8000-000000000000")
    assert both(client, staff, unknown) == (None, None)
