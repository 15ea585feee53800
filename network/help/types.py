"""GraphQL types of technical questions: what the asker, the routed volunteers and staff read of one."""

import datetime as dt
import json
from enum import Enum

import strawberry

from network.help.repository import QuestionRow, RouteRow
from network.help.service import global_id
from network.kit import typed_strawberry as typed
from network.kit.authorisation import may_read_help_routes
from network.kit.context import Info
from network.kit.convert import native_datetime
from network.kit.node import Node


@strawberry.enum(description="Where a question stands.")
class HelpQuestionStatus(Enum):
    OPEN = "OPEN"
    CLAIMED = "CLAIMED"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"


@strawberry.enum(description="What a question is about.")
class HelpTopicKind(Enum):
    TOOL = "tool"
    SKILL = "skill"


@strawberry.type(description="The tool or skill of the catalogue a question is about.")
class HelpTopic:
    kind: HelpTopicKind
    slug: str
    name: str


@strawberry.type(description="Why a question went to a volunteer: SKILL_MATCH, KNOWS_TOOL, COMMON_LANGUAGE, ...")
class HelpRouteReason:
    code: str
    detail: str | None
    weight: float


@strawberry.type(description="One volunteer a question went to, its rank (1 is the best fit) and why.")
class HelpRoute:
    row: strawberry.Private[RouteRow]

    @typed.field(description="The volunteer's display name.")
    def volunteer_name(self) -> str:
        return str(self.row["name"])

    @strawberry.field
    def rank(self) -> int:
        return int(self.row["rank"])

    @typed.field(description="0 to 1.")
    def score(self) -> float:
        return float(self.row["score"])

    @strawberry.field
    def reasons(self) -> list[HelpRouteReason]:
        return [
            HelpRouteReason(code=str(r["code"]), detail=r.get("detail"), weight=float(r["weight"]))
            for r in json.loads(self.row["reasons"] or "[]")
        ]


@strawberry.type(description="A technical question, seen by its asker, the volunteers it went to, or staff.")
class HelpQuestion(Node):
    row: strawberry.Private[QuestionRow]

    @typed.field(description="Global id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id(self.row["id"]))

    @strawberry.field
    def text(self) -> str:
        return str(self.row["text"])

    @strawberry.field
    def status(self) -> HelpQuestionStatus:
        return HelpQuestionStatus(self.row["status"])

    @typed.field(description="Two-letter code of the language it was asked in.")
    def language(self) -> str:
        return str(self.row["language"])

    @strawberry.field
    def about(self) -> HelpTopic | None:
        about = self.row["about"]
        if about is None:
            return None
        return HelpTopic(kind=HelpTopicKind(about["kind"]), slug=about["slug"], name=about["name"])

    @typed.field(description="The association (or volunteer) the asker acts for; never an address.")
    def asker_name(self) -> str | None:
        return self.row["askerName"]

    @typed.field(description="Whether it came by mail to the help address.")
    def by_mail(self) -> bool:
        return self.row.get("via") == "mail"

    @strawberry.field
    def asked_at(self) -> dt.datetime:
        value = native_datetime(self.row["askedAt"])
        assert value is not None  # every question has its time
        return value

    @strawberry.field
    def claimed_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("claimedAt"))

    @strawberry.field
    def answered_at(self) -> dt.datetime | None:
        return native_datetime(self.row.get("answeredAt"))

    @strawberry.field
    def answer(self) -> str | None:
        return self.row.get("answer")

    @typed.field(description="The display name of the volunteer who claimed it.")
    def claimed_by(self) -> str | None:
        claimed = self.row["claimedBy"]
        return claimed["name"] if claimed else None

    @typed.field(description="The display name of the volunteer who answered it.")
    def answered_by(self) -> str | None:
        answered = self.row["answeredBy"]
        return answered["name"] if answered else None

    @typed.field(description="Every volunteer it went to, best first (staff); empty for everyone else.")
    def routes(self, info: Info) -> list[HelpRoute]:
        if not may_read_help_routes(info.context.viewer):
            return []
        return [HelpRoute(row=r) for r in self.row["routes"]]

    @typed.field(description="Why it went to your volunteer profile; null when it did not.")
    def your_route(self, info: Info) -> HelpRoute | None:
        mine = info.context.viewer.acts_for
        return next((HelpRoute(row=r) for r in self.row["routes"] if r["volunteerId"] in mine), None)

    @typed.field(description="Whether you may claim it now: it went to you and nobody claimed it yet.")
    def can_claim(self, info: Info) -> bool:
        mine = info.context.viewer.acts_for
        free = self.row["status"] == "OPEN" or (self.row["status"] == "CLAIMED" and self.row["claimedBy"] is None)
        return free and any(r["volunteerId"] in mine for r in self.row["routes"])

    @typed.field(description="Whether you may answer it now: you claimed it.")
    def can_answer(self, info: Info) -> bool:
        claimed = self.row["claimedBy"]
        return self.row["status"] == "CLAIMED" and claimed is not None and claimed["id"] in info.context.viewer.acts_for


@strawberry.type(description="How many questions are in each state (staff).")
class HelpQuestionCounts:
    open: int
    claimed: int
    answered: int
    closed: int
    unanswered: int = strawberry.field(description="Open or claimed for more than HELP_UNANSWERED_DAYS days.")
    unanswered_after_days: int = strawberry.field(description="HELP_UNANSWERED_DAYS.")
