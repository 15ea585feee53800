"""Experience reports to change: write (or rewrite) one for an association, change or delete it; staff approve or
reject one and curate a tool's tips."""

import strawberry

from network.catalogue.types import Language, Tool
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.freshness import RefreshesSuggestions
from network.kit.global_id import to_global_id
from network.kit.graphql_errors import FieldError, attempt
from network.kit.inputs import as_data
from network.reports import service
from network.reports.models import SwitchDuration
from network.reports.repository import ReportRow
from network.reports.types import ExperienceReport

UNSET = strawberry.UNSET


@strawberry.input(
    description="An association's report on a tool of the catalogue (slugs); texts up to 2000 characters."
)
class ExperienceReportInput:
    association: str = strawberry.field(description="Slug of the association you act for.")
    tool: str = strawberry.field(description="Slug of the tool.")
    rating: int = strawberry.field(description="1 (poor) to 5 (excellent).")
    used_for: str
    went_well: str = ""
    went_badly: str = ""
    switch_duration: SwitchDuration | None = None
    replaced: str | None = strawberry.field(default=None, description="Slug of the tool it replaced, if any.")
    tips: str = ""
    language: Language = Language.DE


@strawberry.input(description="What to change in a report; a field left out stays as it is, null clears it.")
class EditExperienceReportInput:
    rating: int | None = UNSET
    used_for: str | None = UNSET
    went_well: str | None = UNSET
    went_badly: str | None = UNSET
    switch_duration: SwitchDuration | None = UNSET
    replaced: str | None = UNSET
    tips: str | None = UNSET
    language: Language | None = UNSET


@strawberry.input(description="A short tip on a tool (up to 280 characters).")
class ToolTipInput:
    text: str
    language: Language = Language.DE


@strawberry.type
class ExperienceReportPayload:
    report: ExperienceReport | None
    errors: list[FieldError]
    # The report's association: an approved report is switch help in its peer suggestions (REPORTED_ON), so any
    # change of a report is a change of its association's matching inputs (RefreshesSuggestions tells the feed).
    changed_parties: strawberry.Private[list[str]]


@strawberry.type
class DeleteExperienceReportPayload:
    deleted_id: strawberry.ID | None
    errors: list[FieldError]
    changed_parties: strawberry.Private[list[str]]  # as above


@strawberry.type
class ToolTipsPayload:
    tool: Tool | None
    errors: list[FieldError]


def _payload(row: ReportRow | None, errors: list[FieldError]) -> ExperienceReportPayload:
    association = row["association"] if row else None
    return ExperienceReportPayload(
        report=ExperienceReport(row=row) if row else None,
        errors=errors,
        changed_parties=[association["id"]] if association else [],
    )


@strawberry.type
class ReportMutation:
    @typed.mutation(
        description="Write the report of an association you act for on a tool; one per association and tool, so "
        "writing again rewrites it. It is shown once staff approved it.",
        extensions=[RefreshesSuggestions()],
    )
    async def write_experience_report(self, info: Info, input: ExperienceReportInput) -> ExperienceReportPayload:
        return _payload(*await attempt(service.write(info.context.db, info.context.viewer, as_data(input))))

    @typed.mutation(
        description="Change a report you wrote or that an association you act for has; a change waits for staff "
        "again (an approved report is hidden until then).",
        extensions=[RefreshesSuggestions()],
    )
    async def edit_experience_report(
        self, info: Info, id: strawberry.ID, input: EditExperienceReportInput
    ) -> ExperienceReportPayload:
        context = info.context
        return _payload(*await attempt(service.edit(context.db, context.viewer, str(id), as_data(input))))

    @typed.mutation(description="Delete a report: its authors, or staff.", extensions=[RefreshesSuggestions()])
    async def delete_experience_report(self, info: Info, id: strawberry.ID) -> DeleteExperienceReportPayload:
        found, errors = await attempt(service.delete(info.context.db, info.context.viewer, str(id)))
        return DeleteExperienceReportPayload(
            deleted_id=strawberry.ID(to_global_id(service.KIND, found[0])) if found else None,
            errors=errors,
            changed_parties=[found[1]] if found else [],
        )

    @typed.mutation(
        description="Approve the revision of a report you read (staff): everyone may see it then.",
        extensions=[RefreshesSuggestions()],
    )
    async def approve_experience_report(self, info: Info, id: strawberry.ID, revision: int) -> ExperienceReportPayload:
        context = info.context
        return _payload(*await attempt(service.approve(context.db, context.viewer, str(id), revision)))

    @typed.mutation(
        description="Reject (or take down) a report with a reason its authors read (staff).",
        extensions=[RefreshesSuggestions()],
    )
    async def reject_experience_report(
        self, info: Info, id: strawberry.ID, revision: int, reason: str
    ) -> ExperienceReportPayload:
        context = info.context
        return _payload(*await attempt(service.reject(context.db, context.viewer, str(id), revision, reason)))

    @typed.mutation(description="Replace a tool's tips (staff): at most 10, each up to 280 characters.")
    async def set_tool_tips(self, info: Info, tool: str, tips: list[ToolTipInput]) -> ToolTipsPayload:
        context = info.context
        slug, errors = await attempt(
            service.set_tips(context.db, context.viewer, {"tool": tool, "tips": as_data(tips)})
        )
        if slug is None:
            return ToolTipsPayload(tool=None, errors=errors)
        catalogue = await context.cache.tools()
        return ToolTipsPayload(tool=Tool(row=catalogue[slug], catalogue=catalogue), errors=errors)
