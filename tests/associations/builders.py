"""Seeding through the import, reading the graph as stored, and the association operations the tests send."""

from typing import Any

from network.kit.database import Database
from network.transfer.service import import_document
from tests.support.accounts import GraphQL, TestAccount
from tests.transfer.builders import make_association, make_event, make_volunteer

__all__ = ["all_pages", "make_association", "make_event", "make_volunteer", "seed", "slugs_of", "stored"]

PROFILE = (
    "id slug name description members paidStaff languages visibility district { slug } fields { slug } "
    "targetGroups { slug } tools { tool { slug } proficiency since } considers { slug } "
    "needs { skill { slug } minLevel priority } contactEmail canEdit"
)
PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug } }"

ASSOCIATION = f"query($slug: String!) {{ association(slug: $slug) {{ {PROFILE} }} }}"
ASSOCIATIONS = (
    "query($filter: AssociationFilterInput, $first: Int, $after: String) "
    f"{{ associations(filter: $filter, first: $first, after: $after) {{ {PAGE} }} }}"
)
ERRORS = "errors { field code message }"
CREATE = (
    "mutation($input: CreateAssociationInput!) "
    f"{{ createAssociation(input: $input) {{ association {{ {PROFILE} }} {ERRORS} }} }}"
)
UPDATE = (
    "mutation($slug: String!, $input: UpdateAssociationInput!) "
    f"{{ updateAssociation(slug: $slug, input: $input) {{ association {{ {PROFILE} }} {ERRORS} }} }}"
)
SET_TOOLS = (
    "mutation($slug: String!, $tools: [ToolUsageInput!]!) "
    f"{{ setAssociationTools(slug: $slug, tools: $tools) {{ association {{ {PROFILE} }} {ERRORS} }} }}"
)
DELETE = f"mutation($slug: String!) {{ deleteAssociation(slug: $slug) {{ deletedId {ERRORS} }} }}"


async def seed(
    db: Database,
    *,
    associations: list[dict[str, Any]] | None = None,
    volunteers: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> None:
    """Writes records in the import format, the way `network import` does."""
    await import_document(
        db, {"associations": associations or [], "volunteers": volunteers or [], "events": events or []}
    )


async def stored(db: Database, label: str, slug: str) -> dict[str, Any] | None:
    """A node as the graph holds it, with the slugs of everything it links to (by relationship type)."""
    async with db.driver.session(database=db.name) as session:
        record = await (
            await session.run(
                f"MATCH (n:{label} {{slug: $slug}}) "
                "RETURN n {.*, links: COLLECT { MATCH (n)-[r]->(m) "
                "RETURN type(r) + ':' + coalesce(m.slug, m.id) }} AS n",
                slug=slug,
            )
        ).single()
    if record is None:
        return None
    node = dict(record["n"])
    node["links"] = sorted(node["links"])
    return node


def slugs_of(connection: dict[str, Any], prefix: str | None = None) -> list[str]:
    """The slugs of a connection's page, in order; only those of one test when `prefix` is given."""
    found = [edge["node"]["slug"] for edge in connection["edges"]]
    return [slug for slug in found if prefix is None or slug.startswith(prefix)]


async def all_pages(graphql: GraphQL, query: str, account: TestAccount | None = None, **variables: Any) -> list[str]:
    """The slugs of every row of a connection, following cursors (whatever else the graph holds)."""
    found: list[str] = []
    after = None
    while True:
        data = await graphql(query, account, first=100, after=after, **variables)
        page = next(iter(data.values()))
        found += slugs_of(page)
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]
