"""`respondToSuggestion`: a party answers any suggestion; one service call, a payload with errors."""

import strawberry

from network.inbox import service
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.freshness import RefreshesSuggestions
from network.kit.graphql_errors import FieldError, attempt
from network.outbox.wake import wake_delivery
from network.suggestions.changes_feed import ChangesFeed, tell
from network.suggestions.models import SuggestionKind
from network.suggestions.types import Suggestion, SuggestionPayload


@strawberry.type
class MarkSuggestionsSeenPayload:
    marked: int = strawberry.field(description="How many of them one of your sides saw for the first time.")
    errors: list[FieldError]


@strawberry.type
class InboxMutation:
    @typed.mutation(
        description="Accept or decline a suggestion as one of its parties. When both sides "
        "accepted, they are connected and see each other's contact e-mail; a decline "
        "removes the pair for good.",
        extensions=[RefreshesSuggestions()],
    )
    async def respond_to_suggestion(self, info: Info, id: strawberry.ID, accept: bool) -> SuggestionPayload:
        viewer = info.context.viewer
        answered, errors = await attempt(service.respond(info.context.db, viewer, id, accept))
        if answered is None:
            return SuggestionPayload(suggestion=None, errors=errors)
        await wake_delivery(info.context.queue)  # the answer may have told the other side (network/outbox)
        # both sides' lists show the answer (accepted by one side, connected, declined): tell those watching them
        await tell(ChangesFeed(info.context.queue), SuggestionKind(answered.row["kind"]), [answered.pair_key])
        if answered.introduced is not None:
            # The connection exists from now on: this very response may already show the other side's contact.
            info.context.viewer = viewer.introduced(answered.introduced)
        return SuggestionPayload(suggestion=Suggestion(row=answered.row), errors=[])

    @typed.mutation(
        description="Mark suggestions as seen by your side, as the web client does for the cards it shows: their "
        "`seen` turns true, and staff's funnel counts them seen. Only a suggestion's parties may; suggestions gone "
        f"meanwhile are skipped. At most {service.MAX_SEEN} at once."
    )
    async def mark_suggestions_seen(self, info: Info, ids: list[strawberry.ID]) -> MarkSuggestionsSeenPayload:
        marked, errors = await attempt(service.mark_seen(info.context.db, info.context.viewer, [str(i) for i in ids]))
        return MarkSuggestionsSeenPayload(marked=marked or 0, errors=errors)
