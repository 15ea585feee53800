"""Builders and operations of the invite and group tests: parties, events, the worker, the GraphQL documents."""

from typing import Any

from network.kit.database import Database
from network.transfer.service import import_document
from tests.events.builders import at
from tests.support.accounts import GraphQL, TestAccount
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association, make_volunteer

ERRORS = "errors { field code message }"
PARTY = "... on Association { slug } ... on Volunteer { slug }"
SUGGESTION = f"id kind score status reasons {{ code detail }} computedAt candidate {{ {PARTY} }}"
INVITES = f"query($slug: String!) {{ event(slug: $slug) {{ inviteSuggestions {{ {SUGGESTION} }} }} }}"
GROUPS = f"query($slug: String!) {{ event(slug: $slug) {{ groups {{ number members {{ {PARTY} }} }} }} }}"
CREATE = f"mutation($input: CreateEventInput!) {{ createEvent(input: $input) {{ event {{ id slug }} {ERRORS} }} }}"
UPDATE = (
    "mutation($slug: String!, $input: UpdateEventInput!) "
    f"{{ updateEvent(slug: $slug, input: $input) {{ event {{ slug }} {ERRORS} }} }}"
)
REGISTER = (
    "mutation($event: String!, $party: String!) { registerForEvent(eventSlug: $event, partySlug: $party) "
    f"{{ event {{ registeredCount }} {ERRORS} }} }}"
)
RESPOND = (
    "mutation($id: ID!, $accept: Boolean!) { respondToSuggestion(id: $id, accept: $accept) { "
    f"suggestion {{ status kind candidate {{ {PARTY} }} }} {ERRORS} }} }}"
)
FORM = (
    "mutation($slug: String!, $size: Int!) { formEventGroups(eventSlug: $slug, size: $size) { "
    f"event {{ slug }} groups {{ number members {{ {PARTY} }} }} {ERRORS} }} }}"
)
# The topic tool of the tests: rare enough that only a test's own parties use it.
TOPIC = "engelsystem"


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


def established(slug: str, tool: str = TOPIC, proficiency: str = "EXPERT") -> dict[str, Any]:
    """Paid staff, an inner district, no target group: not an outreach party."""
    return make_association(
        slug,
        paidStaff=5,
        district="mitte",
        targetGroups=[],
        considers=[],
        needs=[],
        tools=[{"tool": tool, "proficiency": proficiency}],
    )


def small(slug: str, tool: str = TOPIC, proficiency: str = "BEGINNER") -> dict[str, Any]:
    """No paid staff: an outreach party (SMALL), otherwise like `established`."""
    return {**established(slug, tool, proficiency), "paidStaff": 0}


def helper(slug: str, tool: str = TOPIC, proficiency: str = "EXPERT") -> dict[str, Any]:
    return make_volunteer(
        slug, district="mitte", remote=True, skills=[], tools=[{"tool": tool, "proficiency": proficiency}]
    )


async def import_parties(
    db: Database, associations: list[dict[str, Any]], volunteers: list[dict[str, Any]] | None = None
) -> None:
    await import_document(db, {"associations": associations, "volunteers": volunteers or []})


def event_input(slugs: Slugs, name: str, **overrides: Any) -> dict[str, Any]:
    """A createEvent input about the topic tool, a day after the test's base time."""
    return {
        "slug": slugs(name),
        "title": f"Event {name}",
        "startsAt": at(slugs, 24),
        "endsAt": at(slugs, 26),
        "capacity": 10,
        "about": {"tools": [TOPIC]},
        **overrides,
    }


async def create_event(graphql: GraphQL, staff: TestAccount, slugs: Slugs, name: str, **overrides: Any) -> str:
    made = (await graphql(CREATE, staff, input=event_input(slugs, name, **overrides)))["createEvent"]
    assert made["errors"] == [], made
    return str(made["event"]["slug"])


async def invites(graphql: GraphQL, account: TestAccount | None, event: str) -> list[dict[str, Any]]:
    return (await graphql(INVITES, account, slug=event))["event"]["inviteSuggestions"]  # type: ignore[no-any-return]


async def own(db: Database, account: TestAccount, slug: str) -> None:
    """The account acts for the association or volunteer `slug`, as its creator would."""
    await cypher(
        db,
        "MATCH (a:Account {id: $account}), (n) WHERE (n:Association OR n:Volunteer) AND n.slug = $slug "
        "MERGE (a)-[:ACTS_FOR]->(n)",
        account=account.id,
        slug=slug,
    )


def slugs_of(found: list[dict[str, Any]]) -> list[str]:
    return [s["candidate"]["slug"] for s in found]
