"""Technical questions to read: your own, those sent to you, one by id, and staff's list with counts per status."""

import strawberry

from network.help import service
from network.help.repository import QuestionFilter, QuestionRow
from network.help.types import HelpQuestion, HelpQuestionCounts, HelpQuestionStatus
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.limits import page_size
from network.kit.pagination import Connection, Page, connection, decode_cursor


@strawberry.input(description="Staff's filter of questions; every criterion given must hold.")
class HelpQuestionFilterInput:
    statuses: list[HelpQuestionStatus] | None = None
    unanswered: bool = strawberry.field(
        default=False, description="Only questions still open or claimed HELP_UNANSWERED_DAYS days after asking."
    )
    tool: str | None = strawberry.field(default=None, description="Only questions about this tool (slug).")
    skill: str | None = strawberry.field(default=None, description="Only questions about this skill (slug).")


def _statuses(given: list[HelpQuestionStatus] | None) -> list[str] | None:
    return [status.value for status in given] if given else None


def _connection(page: Page[QuestionRow], total: int) -> Connection[HelpQuestion]:
    found: Connection[HelpQuestion] = connection(
        page, [HelpQuestion(row=row) for row in page.rows], total, key=service.cursor_key
    )
    return found


@strawberry.type
class HelpQuery:
    @typed.field(description="The questions you asked, newest first.")
    async def my_help_questions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[HelpQuestion]:
        size = page_size(first)
        page, total = await service.asked(info.context.db, info.context.viewer, size, decode_cursor(after))
        return _connection(page, total)

    @typed.field(description="Questions sent to the volunteer profile you act for, newest first.")
    async def help_questions_for_me(
        self,
        info: Info,
        statuses: list[HelpQuestionStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[HelpQuestion]:
        size = page_size(first)
        page, total = await service.routed(
            info.context.db, info.context.viewer, _statuses(statuses), size, decode_cursor(after)
        )
        return _connection(page, total)

    @typed.field(description="One question; null when unknown or not yours to see.")
    async def help_question(self, info: Info, id: strawberry.ID) -> HelpQuestion | None:
        row = await service.get(info.context.db, info.context.viewer, str(id))
        return HelpQuestion(row=row) if row else None

    @typed.field(description="Every question by status and topic, newest first (staff; empty for everyone else).")
    async def help_questions(
        self,
        info: Info,
        filter: HelpQuestionFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[HelpQuestion]:
        given = filter or HelpQuestionFilterInput()
        f = QuestionFilter(
            statuses=_statuses(given.statuses),
            unanswered=given.unanswered,
            days=info.context.settings.help_unanswered_days,
            tool=given.tool,
            skill=given.skill,
        )
        size = page_size(first)
        page, total = await service.listed(info.context.db, info.context.viewer, f, size, decode_cursor(after))
        return _connection(page, total)

    @typed.field(description="How many questions are in each state (staff; null for everyone else).")
    async def help_question_counts(self, info: Info) -> HelpQuestionCounts | None:
        days = info.context.settings.help_unanswered_days
        found = await service.counts(info.context.db, info.context.viewer, days)
        if found is None:
            return None
        return HelpQuestionCounts(
            open=found.get("OPEN", 0),
            claimed=found.get("CLAIMED", 0),
            answered=found.get("ANSWERED", 0),
            closed=found.get("CLOSED", 0),
            unanswered=found["UNANSWERED"],
            unanswered_after_days=days,
        )
