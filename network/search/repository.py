"""Cypher for the full-text index `party_text` (names, descriptions, bios)."""

from typing import Literal, TypedDict, cast

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.associations.repository import AssociationProfile
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
