"""GraphQL types of suggestions."""

import datetime as dt
import json

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.convert import native_datetime
from network.kit.global_id import to_global_id
from network.kit.graphql_errors import FieldError
from network.kit.node import Node
from network.kit.selection import below, selected
from network.parties.types import Party, party
from network.suggestions.loaders import tool_shares
from network.suggestions.models import SuggestionKind, SuggestionStatus
from network.suggestions.repository import SuggestionRow

TOOL_REASONS = frozenset({"SHARED_TOOL", "CAN_MENTOR_TOOL", "REPORTED_ON", "KNOWS_TOOL", "USES_TOOL", "CONSIDERS_TOOL"})
TURNED = {"OFFERS": "RECEIVES", "RECEIVES": "OFFERS"}


def _seen(reason: dict[str, str], turned: bool) -> str | None:
    direction = reason.get("direction")
    return TURNED.get(direction, direction) if turned and direction else direction


def _detail(reason: dict[str, str], turned: bool, candidate_district: str | None) -> str | None:
    """NEARBY_DISTRICT names the district of the side the pair was not computed for: turned round, that is the
    reader's own, so the candidate's (the side it was computed for) is named instead."""
    if turned and reason["code"] == "NEARBY_DISTRICT":
        return candidate_district
    return reason.get("detail")


@strawberry.type(description="Why a suggestion was made: a code and, where there is one, what it is about.")
class Reason:
    code: str = strawberry.field(description="SHARED_TOOL, SAME_DISTRICT, SKILL_MATCH, ...")
    detail: str | None = strawberry.field(
        description="A catalogue slug, a language or a number of hours; for NEARBY_DISTRICT, the other side's "
        "district, which borders yours."
    )
    weight: float | None = strawberry.field(
        default=None, description="How much this reason adds to the score (in the units of `Suggestion.score`)."
    )
    direction: str | None = strawberry.field(
        default=None,
        description="For CAN_MENTOR_TOOL, seen from you: OFFERS when you can help the other side with the tool, "
        "RECEIVES when they can help you; for REPORTED_ON, OFFERS when you wrote an approved report on a tool they "
        "consider, RECEIVES when they did on one you consider.",
    )
    # Filled by `Suggestion.reasons` for all its reasons at once: a resolver per reason cost an inbox of 20 cards
    # a hundred awaits.
    share: float | None = strawberry.field(
        default=None,
        description="For a reason about a tool: the share of all associations that use it (0 to 1), so a rare "
        "shared tool can be told from a common one; null for other reasons.",
    )


@strawberry.type(description="A proposed connection between a party and a candidate, with its reasons.")
class Suggestion(Node):
    row: strawberry.Private[SuggestionRow]

    @typed.field()
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Suggestion", self.row["id"]))

    @strawberry.field
    def kind(self) -> SuggestionKind:
        return SuggestionKind(self.row["kind"])

    @typed.field(description="Higher is a better fit; comparable within one kind and algorithm version.")
    def score(self) -> float:
        return float(self.row["score"] or 0.0)

    @strawberry.field
    def status(self) -> SuggestionStatus:
        return SuggestionStatus(self.row["status"])

    @typed.field(description="Strongest first.")
    async def reasons(self, info: Info) -> list[Reason]:
        turned = self.row.get("candidateIsFor", False)  # stored as the other side sees them
        district = self.row["candidate"]["district"]
        reasons = json.loads(self.row.get("reasons") or "[]")
        tools = [r["detail"] for r in reasons if r["code"] in TOOL_REASONS and r.get("detail")]
        shares = await tool_shares(info.context, tools) if tools and "share" in selected(below(info)) else {}
        return [
            Reason(
                code=r["code"],
                detail=_detail(r, turned, district),
                weight=r.get("weight"),
                direction=_seen(r, turned),
                share=shares.get(r["detail"]) if r["code"] in TOOL_REASONS else None,
            )
            for r in reasons
        ]

    @typed.field(description="Whether the side this suggestion is shown for (yours, in your lists) accepted it.")
    def you_accepted(self) -> bool:
        return any(side != self.row["candidate"]["id"] for side in self.row.get("acceptedBy") or [])

    @typed.field(
        description="Whether the side this suggestion is shown for (yours) has seen it (`markSuggestionsSeen`); an "
        "unseen one is new to you."
    )
    def seen(self) -> bool:
        seen_by = self.row.get("seenBy") or []
        if self.row["kind"] == SuggestionKind.EVENT_INVITE:  # shown to the invited party, which is its candidate
            return self.row["candidate"]["id"] in seen_by
        return any(side != self.row["candidate"]["id"] for side in seen_by)

    @typed.field(description="The other side: an association or a volunteer.")
    def candidate(self) -> Party:
        return party(self.row["candidateLabel"], self.row["candidate"])

    @typed.field(description="When the matching last scored this pair.")
    def computed_at(self) -> dt.datetime:
        value = native_datetime(self.row.get("computedAt"))
        assert value is not None  # every run sets it together with the score
        return value


@strawberry.type
class SuggestionPayload:
    suggestion: Suggestion | None
    errors: list[FieldError]


@strawberry.type(
    description="A party's stored suggestions changed: read them again (the event names none of them, so it tells "
    "nothing about other parties)."
)
class SuggestionsChanged:
    party: strawberry.ID = strawberry.field(description="The party watched, as its id was given.")
    kinds: list[SuggestionKind] = strawberry.field(
        description="Which of its lists changed: PEER, MENTORING (the mentors of an association, the mentees of a "
        "volunteer). Both when changes may have been missed (the server lost its feed for a moment)."
    )
    at: dt.datetime = strawberry.field(description="When the latest of the changes was written.")
