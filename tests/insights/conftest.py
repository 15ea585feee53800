"""Fixtures: a district and skills of the test's own, so its cells hold only what it wrote, and their removal."""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from network.kit.database import Database
from tests.support.cleanup import Slugs


async def cypher(db: Database, query: str, **parameters: Any) -> list[dict[str, Any]]:
    async with db.driver.session(database=db.name) as session:
        result = await session.run(query, parameters)
        return [record.data() async for record in result]


@pytest.fixture
async def own(db: Database, slugs: Slugs) -> AsyncIterator[Slugs]:
    """`slugs`, plus removal of the districts, skills, target groups and suggestions the test made under its prefix
    (before `slugs` removes its parties)."""
    yield slugs
    await cypher(
        db, "MATCH (s:Suggestion)-[:FOR|OF]->(n) WHERE n.slug STARTS WITH $prefix DETACH DELETE s", prefix=slugs.prefix
    )
    await cypher(
        db,
        "MATCH (n) WHERE (n:District OR n:Skill OR n:TargetGroup) AND n.slug STARTS WITH $prefix DETACH DELETE n",
        prefix=slugs.prefix,
    )


async def district(db: Database, slug: str) -> None:
    await cypher(db, "CREATE (:District {id: $slug, slug: $slug, name: $slug})", slug=slug)


async def skill(db: Database, slug: str) -> None:
    await cypher(db, "CREATE (:Skill {id: $slug, slug: $slug, labelEn: $slug})", slug=slug)


async def associations_needing(db: Database, slugs: list[str], district_slug: str, skill_slug: str) -> None:
    await cypher(
        db,
        "MATCH (d:District {slug: $district}), (k:Skill {slug: $skill}) UNWIND $slugs AS slug "
        "CREATE (a:Association {id: slug, slug: slug, name: slug, visibility: 'PUBLIC'}) "
        "CREATE (a)-[:LOCATED_IN]->(d), (a)-[:NEEDS {priority: 1}]->(k)",
        slugs=slugs,
        district=district_slug,
        skill=skill_slug,
    )


async def volunteer(db: Database, slug: str, skill_slug: str, hours: int | None = None) -> None:
    await cypher(
        db,
        "MATCH (k:Skill {slug: $skill}) CREATE (v:Volunteer {id: $slug, slug: $slug, displayName: $slug}) "
        "SET v.hoursPerMonth = $hours CREATE (v)-[:OFFERS {level: 4}]->(k)",
        slug=slug,
        skill=skill_slug,
        hours=hours,
    )
