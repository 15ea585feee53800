"""Technical questions to change: ask one, claim and answer one sent to you, close your own (or any, as staff)."""

import strawberry

from network.help import service
from network.help.repository import QuestionRow
from network.help.types import HelpQuestion
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.graphql_errors import FieldError, attempt
from network.kit.inputs import as_data


@strawberry.input(description="A question about one tool or one skill of the catalogue (slugs), or neither.")
class AskQuestionInput:
    text: str
    tool: str | None = None
    skill: str | None = None
    language: str = strawberry.field(default="de", description="Two-letter code; volunteers who speak it come first.")


@strawberry.type
class HelpQuestionPayload:
    question: HelpQuestion | None
    errors: list[FieldError]


def _payload(row: QuestionRow | None, errors: list[FieldError]) -> HelpQuestionPayload:
    return HelpQuestionPayload(question=HelpQuestion(row=row) if row else None, errors=errors)


@strawberry.type
class HelpMutation:
    @typed.mutation(description="Ask a technical question; it goes to the three volunteers who fit it best.")
    async def ask_question(self, info: Info, input: AskQuestionInput) -> HelpQuestionPayload:
        context = info.context
        return _payload(*await attempt(service.ask(context.db, context.queue, context.viewer, as_data(input))))

    @typed.mutation(description="Take on a question sent to you; the first volunteer to claim it answers it.")
    async def claim_question(self, info: Info, id: strawberry.ID) -> HelpQuestionPayload:
        return _payload(*await attempt(service.claim(info.context.db, info.context.viewer, str(id))))

    @typed.mutation(description="Answer a question you claimed; the asker gets the answer by mail.")
    async def answer_question(self, info: Info, id: strawberry.ID, text: str) -> HelpQuestionPayload:
        context = info.context
        return _payload(*await attempt(service.answer(context.db, context.queue, context.viewer, str(id), text)))

    @typed.mutation(description="Close a question without an answer: your own, or any as staff.")
    async def close_question(self, info: Info, id: strawberry.ID) -> HelpQuestionPayload:
        return _payload(*await attempt(service.close(info.context.db, info.context.viewer, str(id))))
