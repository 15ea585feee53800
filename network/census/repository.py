"""Cypher for counting the graph."""

from neo4j import AsyncManagedTransaction


class CensusRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def nodes_by_label(self) -> dict[str, int]:
        result = await self.tx.run("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label")
        return {record["label"]: record["nodes"] async for record in result}
