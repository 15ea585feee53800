"""Cypher for the full-text indexes `party_text` (names, descriptions, bios) and `report_text` (experience reports)."""

from typing import Literal, TypedDict, cast

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
from network.reports.repository import REPORT, ReportRow
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE
from network.volunteers.repository import VolunteerProfile


class AssociationMatch(TypedDict):
    kind: Literal["Association"]
    score: float
    row: AssociationProfile


class VolunteerMatch(TypedDict):
    kind: Literal["Volunteer"]
    score: float
    row: VolunteerProfile


Match = AssociationMatch | VolunteerMatch


class ReportMatch(TypedDict):
    score: float
    row: ReportRow


class SearchRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def parties(self, terms: str, visibilities: list[str], with_volunteers: bool, limit: int) -> list[Match]:
        """Best matches first: each row has `kind`, `score` and the party's profile."""
        result = await self.tx.run(
            "CALL db.index.fulltext.queryNodes('party_text', $terms) YIELD node AS n, score "
            "WHERE (n:Association AND n.visibility IN $visibilities) OR (n:Volunteer AND $withVolunteers) "
            "WITH n, score ORDER BY score DESC, n.slug LIMIT $limit "
            f"RETURN CASE WHEN n:Association THEN 'Association' ELSE 'Volunteer' END AS kind, score, "
            f"CASE WHEN n:Association THEN {ASSOCIATION_PROFILE} ELSE {VOLUNTEER_PROFILE} END AS row",
            terms=terms,
            visibilities=visibilities,
            withVolunteers=with_volunteers,
            limit=limit,
        )
        return cast(list[Match], [record.data() async for record in result])

    async def reports(self, terms: str, visibilities: list[str], limit: int) -> list[ReportMatch]:
        """Approved reports of associations the viewer sees, best matches first."""
        result = await self.tx.run(
            "CALL db.index.fulltext.queryNodes('report_text', $terms) YIELD node AS r, score "
            "WHERE r.status = 'APPROVED' "
            "AND EXISTS { (n:Association)-[:REPORTED]->(r) WHERE n.visibility IN $visibilities } "
            f"WITH r, score ORDER BY score DESC, r.id LIMIT $limit RETURN score, {REPORT} AS row",
            terms=terms,
            visibilities=visibilities,
            limit=limit,
        )
        return cast(list[ReportMatch], [record.data() async for record in result])
