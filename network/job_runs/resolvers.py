"""`jobRun(id)` and `recomputeSuggestions`: staff start a full recompute and follow it."""

import strawberry

from network.graphql.context import Context
from network.job_runs import service
from network.job_runs.types import JobRun
from network.kit import typed_strawberry as typed
from network.kit.errors import NotPermitted
from network.kit.viewer import SIGN_IN, Viewer

Info = strawberry.Info[Context, None]
RECOMPUTE = "suggestions.recompute"  # the worker's task name (jobs/tasks/suggestions.py)


def _require_staff(viewer: Viewer) -> None:
    if not viewer.signed_in:
        raise NotPermitted(SIGN_IN)
    if not viewer.is_staff:
        raise NotPermitted("Only programme staff start recomputes and read job runs.")


@strawberry.type
class JobRunQuery:
    @typed.field(description="A background job run (staff only; null for everyone else).")
    async def job_run(self, info: Info, id: strawberry.ID) -> JobRun | None:
        if not info.context.viewer.is_staff:
            return None
        row = await service.get(info.context.db, str(id))
        return JobRun(row=row) if row else None


@strawberry.type
class JobRunMutation:
    @typed.mutation(description="Recompute every suggestion in the background (staff); follow it with jobRun.")
    async def recompute_suggestions(self, info: Info) -> JobRun:
        _require_staff(info.context.viewer)
        run_id = await service.enqueue(info.context.db, info.context.queue, RECOMPUTE)
        row = await service.get(info.context.db, run_id)
        assert row is not None  # written before it was enqueued
        return JobRun(row=row)
