"""Cypher shared by every repository: the shape each listed entity has (look-ups by slug or id, keyset pages with
a count), and the ping that says the database answers."""

from collections.abc import Collection, Mapping
from typing import Any, Generic, TypeVar, cast

from neo4j import AsyncManagedTransaction

# The row type of one entity's PROFILE projection (a TypedDict of its repository).
RowT = TypeVar("RowT", bound=Mapping[str, Any])
PING = "RETURN 1"  # the cheapest statement the database answers


def projection(properties: list[str], dates: list[str], links: dict[str, str], fields: Collection[str]) -> str:
    """A map projection of `n` with `properties`, and those of `dates` and `links` (keyed by the GraphQL field that
    shows them) that `fields` names (a property never set comes as null)."""
    parts = [f".{name}" for name in properties]
    parts += [f".{name}" for name in dates if name in fields]
    parts += [part for name, part in links.items() if name in fields]
    return "n {" + ", ".join(parts) + "}"


class ListingRepository(Generic[RowT]):
    """Subclasses name their label and PROFILE projection (of `n`), and turn a filter into MATCH ... WHERE ...

    Only fixed Cypher is put together here; every value a caller gives travels as a parameter.
    """

    label: str
    profile: str

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    def visible(self) -> str:
        """The condition under which `n` may be shown, using $visibilities."""
        return "n.visibility IN $visibilities"

    async def rows(self, query: str, **parameters: Any) -> list[RowT]:
        # the one place a listed row leaves the driver: PROFILE makes it the subclass's RowT
        return [cast(RowT, record["row"]) async for record in await self.tx.run(query, parameters)]

    async def by_slug(self, slug: str, visibilities: list[str], profile: str | None = None) -> RowT | None:
        """`profile`: a projection of `n` reading less than the whole profile (the selection of a query)."""
        found = await self.rows(
            f"MATCH (n:{self.label} {{slug: $slug}}) WHERE {self.visible()} RETURN {profile or self.profile} AS row",
            slug=slug,
            visibilities=visibilities,
        )
        return found[0] if found else None

    async def by_ids(self, ids: list[str], visibilities: list[str]) -> list[RowT]:
        return await self.rows(
            f"MATCH (n:{self.label}) WHERE n.id IN $ids AND {self.visible()} RETURN {self.profile} AS row",
            ids=ids,
            visibilities=visibilities,
        )

    async def filtered_page(
        self, match: str, parameters: dict[str, Any], after: str | None, limit: int, profile: str | None = None
    ) -> list[RowT]:
        return await self.rows(
            f"{match} AND ($after IS NULL OR n.slug > $after) "
            f"WITH n ORDER BY n.slug LIMIT $limit RETURN {profile or self.profile} AS row",
            after=after,
            limit=limit,
            **parameters,
        )

    async def filtered_count(self, match: str, parameters: dict[str, Any]) -> int:
        record = await (await self.tx.run(f"{match} RETURN count(n) AS total", parameters)).single()
        return int(record["total"]) if record else 0
