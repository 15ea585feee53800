"""No N+1: the Cypher statements one GraphQL request sends depend on the selection, not on the number of rows."""

import strawberry

from network.app import open_queue
from network.catalogue.cache import CatalogueCache
from network.graphql.schema import build_schema
from network.kit.context import Context
from network.kit.database import Database, counting_queries
from network.settings import Settings
from network.transfer.service import import_document
from tests.support.cleanup import Slugs
from tests.transfer.builders import make_association

PAGE = """
query ($first: Int!, $text: String!) {
  associations(first: $first, filter: {text: $text}) {
    totalCount
    edges { cursor node {
      slug name contactEmail
      district { name lat }
      fields { label(language: EN) }
      targetGroups { slug }
      tools { proficiency since tool { slug openSource usageCount } }
      considers { slug }
      needs { minLevel skill { slug } }
    } }
  }
}
"""


async def _count(schema: strawberry.Schema, db: Database, settings: Settings, first: int, text: str) -> tuple[int, int]:
    queue = open_queue(settings)
    try:
        with counting_queries() as counter:
            result = await schema.execute(
                PAGE,
                variable_values={"first": first, "text": text},
                context_value=Context(db=db, queue=queue, settings=settings, catalogue=CatalogueCache(db)),
            )
    finally:
        await queue.aclose()
    assert result.errors is None, result.errors
    return counter[0], len(result.data["associations"]["edges"])


async def test_a_page_of_100_costs_as_many_queries_as_a_page_of_10(
    db: Database, settings: Settings, slugs: Slugs
) -> None:
    records = [
        make_association(
            slugs(f"{i:03d}"),
            name=f"Verein {slugs.prefix} {i}",
            tools=[{"tool": tool, "proficiency": "EXPERT"} for tool in ("zoom", "nextcloud", "signal")],
            fields=["sport", "culture-music"],
            targetGroups=["young-people", "older-people"],
        )
        for i in range(110)
    ]
    await import_document(db, {"associations": records})
    schema = build_schema(settings)
    small, small_rows = await _count(schema, db, settings, 10, slugs.prefix)
    large, large_rows = await _count(schema, db, settings, 100, slugs.prefix)
    assert (small_rows, large_rows) == (10, 100)
    assert small == large
    # page + count, the catalogue kinds the selection touches (tools, skills, districts, fields, target groups),
    # and one batched usageCount: bounded by the selection's shape
    assert large <= 9, large
