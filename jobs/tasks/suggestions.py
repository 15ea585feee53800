"""`suggestions.recompute`: every peer and mentoring suggestion, recomputed and recorded on its job run."""

import dataclasses
from typing import Any

from network.job_runs.service import run_recorded
from network.kit.database import Database
from network.suggestions.recompute import recompute_all

NAME = "suggestions.recompute"


async def recompute(ctx: dict[str, Any], run_id: str) -> dict[str, int]:
    db: Database = ctx["db"]

    async def work() -> dict[str, int]:
        return dataclasses.asdict(await recompute_all(db))

    return await run_recorded(db, run_id, work)
