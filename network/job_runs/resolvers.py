"""`jobRun(id)` and `recomputeSuggestions`: staff start a full recompute and follow it."""

import strawberry

from network.job_runs import service
from network.job_runs.types import JobRun
from network.kit import typed_strawberry as typed
from network.kit.context import Info


@strawberry.type
class JobRunQuery:
    @typed.field(description="A background job run (staff only; null for everyone else).")
    async def job_run(self, info: Info, id: strawberry.ID) -> JobRun | None:
        row = await service.visible_run(info.context.db, info.context.viewer, str(id))
        return JobRun(row=row) if row else None


@strawberry.type
class JobRunMutation:
    @typed.mutation(description="Recompute every suggestion in the background (staff); follow it with jobRun.")
    async def recompute_suggestions(self, info: Info) -> JobRun:
        return JobRun(row=await service.start_recompute(info.context.db, info.context.queue, info.context.viewer))
