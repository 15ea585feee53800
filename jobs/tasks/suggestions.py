"""`suggestions.recompute`: every peer and mentoring suggestion, recomputed and recorded on its job run."""

import dataclasses
from typing import Any

import structlog

from network.job_runs.repository import JobRunRepository
from network.kit.database import Database
from network.suggestions.recompute import recompute_all

NAME = "suggestions.recompute"
log = structlog.get_logger(__name__)


async def recompute(ctx: dict[str, Any], run_id: str) -> dict[str, int]:
    db: Database = ctx["db"]
    if not await db.write(lambda tx: JobRunRepository(tx).mark_running(run_id)):
        log.info("job run already finished or unknown; nothing to do", run_id=run_id)
        return {}
    try:
        counts = dataclasses.asdict(await recompute_all(db))
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:500]
        await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "FAILED", {}, reason))
        raise
    await db.write(lambda tx: JobRunRepository(tx).finish(run_id, "SUCCEEDED", counts))
    log.info("suggestions recomputed", run_id=run_id, **counts)
    return counts
