"""GraphQL type of a background job run."""

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from network.job_runs.repository import JobRunRow
from network.kit import typed_strawberry as typed
from network.kit.convert import native_datetime


@strawberry.type(description="A background job: its status, counts and timings.")
class JobRun:
    row: strawberry.Private[JobRunRow]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.row["id"])

    @typed.field(description="The task, e.g. suggestions.recompute.")
    def kind(self) -> str:
        return str(self.row["kind"])

    @typed.field(description="QUEUED, RUNNING, SUCCEEDED or FAILED.")
    def status(self) -> str:
        return str(self.row["status"])

    @typed.field(description="0 to 1.")
    def progress(self) -> float:
        return float(self.row.get("progress") or 0.0)

    @strawberry.field
    def counts(self) -> JSON:
        return JSON(self.row.get("counts") or {})

    @strawberry.field
    def error(self) -> str | None:
        return self.row.get("error")

    @strawberry.field
    def queued_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("queuedAt"))

    @strawberry.field
    def started_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("startedAt"))

    @strawberry.field
    def finished_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("finishedAt"))
