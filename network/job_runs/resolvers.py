"""`jobRun(id)` and `recomputeSuggestions`: staff start a full recompute and follow it."""

import strawberry

from network.job_runs import service
from network.job_runs.types import JobRun
from network.kit import tasks
from network.kit import typed_strawberry as typed
from network.kit.authorisation import may_read_job_runs, require_staff
from network.kit.context import Context

Info = strawberry.Info[Context, None]
RECOMPUTE = tasks.SUGGESTIONS_RECOMPUTE


@strawberry.type
class JobRunQuery:
    @typed.field(description="A background job run (staff only; null for everyone else).")
    async def job_run(self, info: Info, id: strawberry.ID) -> JobRun | None:
        if not may_read_job_runs(info.context.viewer):
            return None
        row = await service.get(info.context.db, str(id))
        return JobRun(row=row) if row else None


@strawberry.type
class JobRunMutation:
    @typed.mutation(description="Recompute every suggestion in the background (staff); follow it with jobRun.")
    async def recompute_suggestions(self, info: Info) -> JobRun:
        require_staff(info.context.viewer, "Only programme staff start recomputes and read job runs.")
        run_id = await service.enqueue(info.context.db, info.context.queue, RECOMPUTE)
        row = await service.get(info.context.db, run_id)
        assert row is not None  # written before it was enqueued
        return JobRun(row=row)
