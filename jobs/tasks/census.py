"""`graph.census`: counts the graph's nodes per label and records the result on the job run."""

from typing import Any

from network.census.repository import CensusRepository
from network.job_runs.service import run_recorded
from network.kit import tasks
from network.kit.database import Database

NAME = tasks.CENSUS


async def census(ctx: dict[str, Any], run_id: str) -> dict[str, int]:
    db: Database = ctx["db"]
    return await run_recorded(
        db,
        run_id,
        lambda: db.read(lambda tx: CensusRepository(tx).nodes_by_label()),
        heartbeat_s=ctx["settings"].job_lease_s / 3,
    )
