"""Cypher for `JobRun` nodes."""

import json
from typing import Any, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime


class JobRunRow(TypedDict):
    """`r {.*}` (a property set to null is left out), with `counts` decoded from the JSON stored on the node."""

    id: str
    kind: str  # the task, e.g. suggestions.recompute
    status: str  # QUEUED, RUNNING, SUCCEEDED or FAILED
    queuedAt: DateTime
    startedAt: NotRequired[DateTime]
    attempts: NotRequired[int]
    progress: NotRequired[float]
    stage: NotRequired[str]
    heartbeatAt: NotRequired[DateTime]  # renewed while RUNNING; a stale one means its worker died
    finishedAt: NotRequired[DateTime]
    error: NotRequired[str]
    counts: dict[str, Any]  # the job's own figures; {} until it finished


class JobRunRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def create_queued(self, run_id: str, kind: str) -> None:
        await self.tx.run(
            "MERGE (r:JobRun {id: $id}) ON CREATE SET r.kind = $kind, r.status = 'QUEUED', r.queuedAt = datetime()",
            id=run_id,
            kind=kind,
        )

    async def mark_running(self, run_id: str) -> bool:
        """Moves a queued (or retried) run to RUNNING; False when the run is unknown or already finished."""
        result = await self.tx.run(
            "MATCH (r:JobRun {id: $id}) WHERE r.status IN ['QUEUED', 'RUNNING'] "
            "SET r.status = 'RUNNING', r.startedAt = datetime(), r.heartbeatAt = datetime(), "
            "r.attempts = coalesce(r.attempts, 0) + 1 "
            "RETURN r.id AS id",
            id=run_id,
        )
        return await result.single() is not None

    async def set_progress(self, run_id: str, progress: float, stage: str) -> None:
        """Only while running: a late progress write must not overwrite a finished run's final figure."""
        await self.tx.run(
            "MATCH (r:JobRun {id: $id}) WHERE r.status = 'RUNNING' SET r.progress = $progress, r.stage = $stage",
            id=run_id,
            progress=progress,
            stage=stage,
        )

    async def beat(self, run_id: str) -> None:
        """The run's worker is alive; only while running, so a late beat never revives a finished run."""
        await self.tx.run(
            "MATCH (r:JobRun {id: $id}) WHERE r.status = 'RUNNING' SET r.heartbeatAt = datetime()", id=run_id
        )

    async def fail_stale(self, stale_s: float) -> list[tuple[str, str]]:
        """Marks FAILED every RUNNING run without a heartbeat for `stale_s` (its worker was killed or lost), with the
        reason; the (id, kind) of each. Runs from before heartbeats were recorded count from their start."""
        result = await self.tx.run(
            "MATCH (r:JobRun) WHERE r.status = 'RUNNING' "
            "AND coalesce(r.heartbeatAt, r.startedAt) < datetime() - duration({milliseconds: $ms}) "
            "SET r.status = 'FAILED', r.finishedAt = datetime(), r.counts = '{}', "
            "r.error = 'its worker stopped while running it (no heartbeat since ' + "
            "toString(coalesce(r.heartbeatAt, r.startedAt)) + ')' "
            "RETURN r.id AS id, r.kind AS kind",
            ms=int(stale_s * 1000),
        )
        return [(record["id"], record["kind"]) async for record in result]

    async def finish(self, run_id: str, status: str, counts: dict[str, Any], error: str | None = None) -> None:
        await self.tx.run(
            "MATCH (r:JobRun {id: $id}) SET r.status = $status, r.finishedAt = datetime(), "
            "r.counts = $counts, r.error = $error, r.progress = 1.0",
            id=run_id,
            status=status,
            counts=json.dumps(counts, sort_keys=True),
            error=error,
        )

    async def delete_finished(self, days: int, limit: int) -> int:
        """Deletes up to `limit` runs that finished (SUCCEEDED or FAILED) more than `days` ago; never a run that is
        queued or running."""
        record = await (
            await self.tx.run(
                "MATCH (r:JobRun) WHERE r.status IN ['SUCCEEDED', 'FAILED'] "
                "AND r.finishedAt < datetime() - duration({days: $days}) "
                "WITH r LIMIT $limit DETACH DELETE r RETURN count(*) AS n",
                days=days,
                limit=limit,
            )
        ).single()
        return int(record["n"]) if record else 0

    async def get(self, run_id: str) -> JobRunRow | None:
        record = await (await self.tx.run("MATCH (r:JobRun {id: $id}) RETURN r {.*} AS run", id=run_id)).single()
        if record is None:
            return None
        run = dict(record["run"])
        run["counts"] = json.loads(run["counts"]) if run.get("counts") else {}
        return cast(JobRunRow, run)
