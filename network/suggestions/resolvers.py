"""Suggestion lists of a party, batched per request so a page of associations costs one query per list, and the
subscription that tells when they changed."""

import contextlib
from collections.abc import AsyncGenerator, AsyncIterator

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types.nodes import Selection

from network.kit import typed_strawberry as typed
from network.kit.authorisation import may_read_suggestions_of, require_suggestions_readable
from network.kit.context import Context, Info
from network.kit.errors import InvalidInput, NotPermitted
from network.kit.global_id import from_global_id
from network.kit.limits import page_size
from network.kit.selection import selected
from network.suggestions import service
from network.suggestions.changes_feed import Change, changes_of
from network.suggestions.repository import SuggestionRow
from network.suggestions.types import Suggestion, SuggestionsChanged

DEFAULT_FIRST = 10
PARTY_KINDS = ("Association", "Volunteer")  # the parties with suggestion lists
SIGNED_OUT = "The sign-in ended (logged out, or the token was revoked); subscribe again after logging in."
OVER_WEBSOCKET = "Subscriptions are served over the WebSocket at /graphql (protocol graphql-transport-ws) only."


def _loader(
    context: Context, which: str, first: int, shown: frozenset[str] | None
) -> DataLoader[str, list[SuggestionRow]]:
    async def load(ids: list[str]) -> list[list[SuggestionRow]]:
        return await service.for_parties(context.db, which, ids, first, shown)

    key = "*" if shown is None else ",".join(sorted(shown))
    return context.loader(f"suggestions.{which}:{first}:{key}", lambda: DataLoader(load_fn=load))


def _shown(which: str, selections: list[Selection]) -> frozenset[str]:
    """What a selection of a list reads: the suggestion's fields, and the candidate's as `candidate.<field>`."""
    fields = selected(selections)
    other = "Volunteer" if service.LISTS[which][2] == "Association" else "Association"
    of_candidate = selected(fields.get("candidate", []), not_on=(other,))
    return frozenset([*fields, *(f"candidate.{name}" for name in of_candidate)])


async def suggestions_of(
    context: Context, which: str, party_id: str, first: int | None, selections: list[Selection] | None = None
) -> list[Suggestion]:
    """`which`: peer, mentor or mentee. Empty for anyone but the party itself and staff. With the `selections` of
    the list's field, only what they read is fetched."""
    size = page_size(first, DEFAULT_FIRST)
    if not may_read_suggestions_of(context.viewer, party_id):
        return []
    shown = None if selections is None else _shown(which, selections)
    rows = await _loader(context, which, size, shown).load(party_id)
    return [Suggestion(row=row) for row in rows]


def _party_id(given: str) -> str:
    """The node id of an association or volunteer's global id; anything else is an error on `party`."""
    try:
        kind, party_id = from_global_id(given)
    except InvalidInput:
        kind = party_id = ""
    if kind not in PARTY_KINDS:
        raise InvalidInput(f"'{given}' is not the id of an association or a volunteer profile.", field="party")
    return party_id


async def _events(
    changes: AsyncGenerator[Change, None], party: strawberry.ID, party_id: str, context: Context
) -> AsyncIterator[SuggestionsChanged]:
    async with contextlib.aclosing(changes):  # ending here for any reason leaves the channel at once
        async for change in changes:
            # the sign-in as it is now: a log-out, a revoked token or a lost membership ends the subscription
            try:
                viewer = await context.reauthorise() if context.reauthorise is not None else context.viewer
            except NotPermitted as error:  # the token was revoked or its account went: stop, saying why
                raise NotPermitted(SIGNED_OUT, field="party") from error
            require_suggestions_readable(viewer, party_id, "party")
            yield SuggestionsChanged(party=party, kinds=sorted(change.kinds), at=change.at)


@strawberry.type
class SuggestionSubscription:
    @typed.subscription(
        description="An event each time the stored suggestions of `party` (an association or volunteer you act for; "
        "staff: any) change, then read them again. Over a WebSocket (graphql-transport-ws); send the token as "
        "`Authorization: Bearer <token>` in the connection_init payload."
    )
    async def suggestions_changed(self, info: Info, party: strawberry.ID) -> AsyncIterator[SuggestionsChanged]:
        # checked before any event stream starts, so a refusal is the subscription's error and never an event
        context = info.context
        party_id = _party_id(party)
        owner = require_suggestions_readable(context.viewer, party_id, "party")
        if context.websocket is None or context.pubsub is None:  # not streamed over HTTP: no limits there
            raise InvalidInput(OVER_WEBSOCKET)
        return _events(changes_of(context.pubsub, party_id, owner), party, party_id, context)
