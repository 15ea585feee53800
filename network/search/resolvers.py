"""The `search` query."""

import strawberry

from network.associations.types import Association
from network.kit import typed_strawberry as typed
from network.kit.context import Info
from network.kit.limits import page_size
from network.parties.types import Party
from network.reports.types import ExperienceReport
from network.search import service
from network.search.repository import Match
from network.volunteers.types import Volunteer


def _party(match: Match) -> Association | Volunteer:
    return Association(row=match["row"]) if match["kind"] == "Association" else Volunteer(row=match["row"])


@strawberry.type(description="A search result with its relevance score (higher is better).")
class SearchHit:
    score: float
    party: Party


@strawberry.type(description="An experience report found by its text, with its relevance score (higher is better).")
class ReportSearchHit:
    score: float
    report: ExperienceReport


@strawberry.type
class SearchQuery:
    @typed.field(
        description="Associations and volunteers whose name, description or bio match, best first. "
        "Volunteers are found by signed-in users only."
    )
    async def search(self, info: Info, text: str, first: int | None = None) -> list[SearchHit]:
        rows = await service.parties(info.context.db, info.context.viewer, text, page_size(first, default=10))
        return [SearchHit(score=row["score"], party=_party(row)) for row in rows]

    @typed.field(
        description="Approved experience reports whose texts match (used for, went well, went badly, tips), best "
        "first; only those of associations visible to you."
    )
    async def search_experience_reports(self, info: Info, text: str, first: int | None = None) -> list[ReportSearchHit]:
        rows = await service.reports(info.context.db, info.context.viewer, text, page_size(first, default=10))
        return [ReportSearchHit(score=row["score"], report=ExperienceReport(row=row["row"])) for row in rows]
