"""`graph.census`: counts the graph's nodes per label and records the result on the job run."""

from typing import Any

import structlog

from network.census.repository import CensusRepository
from network.job_runs.repository import JobRunRepository
from network.kit.database import Database

NAME = "graph.census"
log = structlog.get_logger(__name__)


async def census(ctx: dict[str, Any], run_id: str) -> dict[str, int]:
    db: Database = ctx["db"]
    if not await db.write(lambda tx: JobRunRepository(tx).mark_running(run_id)):
        log.info("job run already finished or unknown; nothing to do", run_id=run_id)
        return {}
    counts = await db.read(lambda tx: CensusRepository(tx).nodes_by_label())
    await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "SUCCEEDED", counts))
    log.info("census done", run_id=run_id, labels=len(counts))
    return counts
