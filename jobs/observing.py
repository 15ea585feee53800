"""Every job the worker runs, logged and counted: start, end, outcome, duration, task, job id and try.

Arguments and results are not logged (they may name records); a failure logs its error type, and the reason is on
the job's run (staff read it with `jobRun`).
"""

import asyncio
import functools
import time
from datetime import UTC, datetime
from typing import Any

import structlog
from arq.typing import WorkerCoroutine

from jobs.metrics import JOB_RUNS, JOB_SECONDS

log = structlog.get_logger("jobs")


def _waited_s(ctx: dict[str, Any]) -> float | None:
    enqueued = ctx.get("enqueue_time")
    return round((datetime.now(UTC) - enqueued).total_seconds(), 3) if isinstance(enqueued, datetime) else None


def observed(task: str, coroutine: WorkerCoroutine) -> WorkerCoroutine:
    """`coroutine` as the worker runs it under the name `task`, logged and counted in `jobs.metrics`."""

    @functools.wraps(coroutine)
    async def run(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        job = log.bind(task=task, job_id=ctx.get("job_id"), job_try=ctx.get("job_try"))
        job.info("job started", waited_s=_waited_s(ctx))
        started = time.monotonic()
        outcome = "failed"
        try:
            result = await coroutine(ctx, *args, **kwargs)
        except asyncio.CancelledError:
            outcome = "cancelled"  # its timeout ran out, or the worker is stopping
            raise
        except Exception as error:
            job.warning("job error", error_type=type(error).__name__)
            raise
        else:
            outcome = "succeeded"
            return result
        finally:
            duration_s = time.monotonic() - started
            JOB_RUNS.labels(task, outcome).inc()
            JOB_SECONDS.labels(task).observe(duration_s)
            job.info("job ended", outcome=outcome, duration_s=round(duration_s, 3))

    return run
