"""PeerModel nodes: one per version of the peer weights."""

import json
from typing import Any

from neo4j import AsyncManagedTransaction

from network.kit.convert import native_datetime
from network.matching.peer_stats import PeerStats
from network.matching.weights import PeerWeights
from network.peer_model.models import PeerModel


class PeerModelRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def latest(self) -> PeerModel | None:
        record = await (
            await self.tx.run("MATCH (m:PeerModel) RETURN m {.*} AS m ORDER BY m.version DESC LIMIT 1")
        ).single()
        return _model(record["m"]) if record else None

    async def create(
        self, weights: PeerWeights, profile_rows: int, answers: int, accepted: int, stats: PeerStats
    ) -> PeerModel:
        """The next version; the writer lock of the runs keeps two from being made at once, the unique constraint
        refuses it if they were."""
        record = await (
            await self.tx.run(
                "OPTIONAL MATCH (old:PeerModel) WITH coalesce(max(old.version), 0) + 1 AS version "
                "CREATE (m:PeerModel {version: version, weights: $weights, profileRows: $profileRows, "
                "answers: $answers, accepted: $accepted, createdAt: datetime(), statistics: $statistics, "
                "statisticsFrozenAt: datetime()}) RETURN m {.*} AS m",
                weights=json.dumps(weights.as_dict()),
                profileRows=profile_rows,
                answers=answers,
                accepted=accepted,
                statistics=json.dumps(stats.as_json()),
            )
        ).single()
        assert record is not None  # CREATE returns its node
        return _model(record["m"])

    async def freeze(self, version: int, stats: PeerStats) -> PeerModel:
        """New collection statistics for a version whose weights stay."""
        record = await (
            await self.tx.run(
                "MATCH (m:PeerModel {version: $version}) "
                "SET m.statistics = $statistics, m.statisticsFrozenAt = datetime() RETURN m {.*} AS m",
                version=version,
                statistics=json.dumps(stats.as_json()),
            )
        ).single()
        if record is None:
            raise LookupError(f"no peer model of version {version}")
        return _model(record["m"])


def _model(row: dict[str, Any]) -> PeerModel:
    return PeerModel(
        version=int(row["version"]),
        weights=PeerWeights(**json.loads(row["weights"])),
        profile_rows=int(row["profileRows"]),
        answers=int(row["answers"]),
        accepted=int(row["accepted"]),
        created_at=native_datetime(row.get("createdAt")),
        stats=PeerStats.from_json(json.loads(row["statistics"])) if row.get("statistics") else None,
        stats_frozen_at=native_datetime(row.get("statisticsFrozenAt")),
    )
