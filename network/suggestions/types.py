"""GraphQL types of suggestions."""

import datetime as dt
import json

import strawberry

from network.kit import typed_strawberry as typed
from network.kit.convert import native_datetime
from network.kit.global_id import to_global_id
from network.kit.graphql_errors import FieldError
from network.kit.node import Node
from network.parties.types import Party, party
from network.suggestions.models import SuggestionKind, SuggestionStatus
from network.suggestions.repository import SuggestionRow


@strawberry.type(description="Why a suggestion was made: a code and, where there is one, what it is about.")
class Reason:
    code: str = strawberry.field(description="SHARED_TOOL, SAME_DISTRICT, SKILL_MATCH, ...")
    detail: str | None = strawberry.field(description="A catalogue slug, a language or a number of hours.")


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
    def reasons(self) -> list[Reason]:
        return [Reason(code=r["code"], detail=r.get("detail")) for r in json.loads(self.row.get("reasons") or "[]")]

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
