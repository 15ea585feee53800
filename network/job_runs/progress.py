"""A running job's progress written to its JobRun: at stage boundaries and at most every few seconds in between."""

import asyncio
import time
from collections.abc import Callable

import structlog

from network.job_runs.repository import JobRunRepository
from network.kit.database import Database

log = structlog.get_logger(__name__)
Fraction = Callable[[str, int, int], float]  # (stage, done, total) -> the whole run's progress from 0 to 1


class RunProgress:
    """A progress callback `(stage, done, total)` for synchronous callers: it records the latest figure and writes
    it in the background, one write at a time, so a batch loop never waits for it and never floods the graph."""

    def __init__(self, db: Database, run_id: str, fraction: Fraction, min_interval_s: float = 2.0) -> None:
        self.db, self.run_id, self.fraction, self.min_interval_s = db, run_id, fraction, min_interval_s
        self._latest = (0.0, "")
        self._written_at = float("-inf")
        self._task: asyncio.Task[None] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        self._latest = (round(min(max(self.fraction(stage, done, total), 0.0), 1.0), 4), stage)
        boundary = done == 0 or done >= total
        due = time.monotonic() - self._written_at >= self.min_interval_s
        if (boundary or due) and (self._task is None or self._task.done()):
            self._written_at = time.monotonic()
            self._task = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        progress, stage = self._latest
        try:
            await self.db.write(lambda tx: JobRunRepository(tx).set_progress(self.run_id, progress, stage))
        except Exception as error:  # progress is a courtesy: it never fails the job it reports on
            log.warning("could not record job progress", run_id=self.run_id, error=str(error))

    async def close(self) -> None:
        """Waits for a write still in flight, so it lands before the run is finished."""
        if self._task is not None:
            await self._task
