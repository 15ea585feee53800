"""Suggestion lists are batched: a page of associations costs as many statements whatever its size."""

import strawberry
from arq.connections import ArqRedis

from network.catalogue.cache import CatalogueCache
from network.kit.authorisation import Role, Viewer
from network.kit.context import Context
from network.kit.database import Database, counting_queries
from network.settings import Settings
from network.suggestions.recompute import recompute_all
from tests.suggestions.helpers import import_parties, peer
from tests.support.cleanup import Slugs

PAGE = """
query ($first: Int!, $text: String!) {
  associations(first: $first, filter: {text: $text}) { edges { node {
    slug
    peerSuggestions(first: 3) { score reasons { code } candidate { ... on Association { slug } } }
    mentorSuggestions { score }
  } } }
}
"""
STAFF = Viewer(account_id="staff-of-the-batching-test", role=Role.STAFF)


async def _count(
    schema: strawberry.Schema, db: Database, queue: ArqRedis, settings: Settings, first: int, text: str
) -> tuple[int, int]:
    context = Context(db=db, queue=queue, settings=settings, catalogue=CatalogueCache(db), viewer=STAFF)
    with counting_queries() as counter:
        result = await schema.execute(PAGE, variable_values={"first": first, "text": text}, context_value=context)
    assert result.errors is None, result.errors
    edges = result.data["associations"]["edges"]
    assert all(edge["node"]["peerSuggestions"] for edge in edges)
    return counter[0], len(edges)


async def test_a_page_of_12_costs_as_many_statements_as_a_page_of_3(
    db: Database, slugs: Slugs, graphql_schema: strawberry.Schema, job_queue: ArqRedis, signed_settings: Settings
) -> None:
    await import_parties(db, [peer(slugs(f"{i:02d}"), name=f"Verein {slugs.prefix} {i}") for i in range(12)])
    await recompute_all(db)
    small, small_rows = await _count(graphql_schema, db, job_queue, signed_settings, 3, slugs.prefix)
    large, large_rows = await _count(graphql_schema, db, job_queue, signed_settings, 12, slugs.prefix)
    assert (small_rows, large_rows) == (3, 12)
    assert small == large
