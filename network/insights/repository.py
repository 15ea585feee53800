"""Cypher of the insights: each one aggregates in the database and returns a few rows of counts, never a party."""

import datetime as dt
from typing import Any, TypedDict, cast

from neo4j import AsyncManagedTransaction

from network.kit.convert import native_datetime

# A mentor for a need: a volunteer offering the skill who mentors the association, or is suggested to it (still open
# or connected); the suggestion's sides are FOR and OF, whichever way the run found the pair. Each association's few
# mentors are collected from the association outwards, then checked against each need: anchored at a skill, a popular
# one would expand to every volunteer offering it for every need. The suggestion's label is tested, not matched, so
# the planner never starts from the index of all mentoring suggestions for each need.
UNMET_NEEDS = (
    "MATCH (a:Association)-[:NEEDS]->(k:Skill) "
    "WITH a, collect(k) AS needs "
    "WITH a, needs, COLLECT { MATCH (a)<-[:MENTORS]-(v:Volunteer) RETURN v "
    "UNION MATCH (a)<-[:FOR|OF]-(s)-[:FOR|OF]->(v:Volunteer) WHERE 'Suggestion' IN labels(s) "
    "AND s.kind = 'MENTORING' AND s.status IN ['PROPOSED', 'ACCEPTED'] RETURN v } AS mentors "
    "UNWIND needs AS k "
    "WITH a, k WHERE NOT any(v IN mentors WHERE EXISTS { (v)-[:OFFERS]->(k) }) "
    "OPTIONAL MATCH (a)-[:LOCATED_IN]->(d:District) "
    "RETURN coalesce(k.labelEn, k.slug) AS skill, coalesce(d.name, '') AS district, count(DISTINCT a) AS associations "
    "ORDER BY skill, district"
)
TOOL_ADOPTION = (
    "MATCH (a:Association)-[:USES]->(t:Tool) "
    "WITH t.category AS category, a, max(CASE WHEN t.openSource THEN 1 ELSE 0 END) AS open "
    "WITH category, count(a) AS associations, sum(open) AS openSource "
    "OPTIONAL MATCH (c:ToolCategory {slug: category}) "
    "RETURN coalesce(c.labelEn, category, '') AS category, associations, openSource ORDER BY category"
)
# Per association, the month it recorded its first tool it still uses, and its first open-source one (yyyymm; 0 for a
# use recorded before the dates were kept, which counts as older than any month), counted per month.
TOOL_ADOPTION_BY_MONTH = (
    "MATCH (a:Association)-[r:USES]->(t:Tool) "
    "WITH a, coalesce(r.addedAt.year * 100 + r.addedAt.month, 0) AS month, t.openSource AS open "
    "WITH a, min(month) AS since, min(CASE WHEN open THEN month END) AS openSince "
    "UNWIND [['any', since], ['open', openSince]] AS first "
    "WITH first[0] AS kind, first[1] AS month WHERE month IS NOT NULL "
    "RETURN kind, month, count(*) AS associations ORDER BY kind, month"
)
# Seen: a side marked it seen (the web client does for the cards it shows), or answered it, which it cannot have done
# unseen (a decline by mail included); an expiry is no answer.
_SEEN = (
    "(size(coalesce(s.seenBy, [])) > 0 OR size(coalesce(s.acceptedBy, [])) > 0 OR s.status IN ['ACCEPTED', 'DECLINED'])"
)
# One pass over the suggestions, counted per kind in the database; the states partition them, acceptedBy marks the
# ones a side took up (still open, or declined by the other side later).
SUGGESTION_FUNNEL = (
    "MATCH (s:Suggestion) "
    "WITH s.kind AS kind, s.status AS status, size(coalesce(s.acceptedBy, [])) > 0 AS taken, s.createdAt AS created, "
    f"{_SEEN} AS seen "
    "RETURN kind, count(*) AS proposed, "
    "count(CASE WHEN seen THEN 1 END) AS seen, "
    "count(CASE WHEN status = 'PROPOSED' THEN 1 END) AS open, "
    "count(CASE WHEN taken OR status = 'ACCEPTED' THEN 1 END) AS acceptedByOne, "
    "count(CASE WHEN status = 'ACCEPTED' THEN 1 END) AS connected, "
    "count(CASE WHEN status = 'DECLINED' THEN 1 END) AS declined, "
    "count(CASE WHEN status = 'EXPIRED' THEN 1 END) AS expired, "
    "min(created) AS first ORDER BY kind"
)
# Suggestions by each reason code they carry, in any place of their reasons (a suggestion counts once per code,
# however many reasons of that code it has), with the funnel's states. Reasons are stored as JSON with the separators
# json.dumps writes, so a code is found as its "code" entry. The row with code "" counts every suggestion that carries
# one of $codes, once.
REASON_ACCEPTANCE = (
    "MATCH (s:Suggestion) WHERE s.reasons IS NOT NULL "
    "WITH s.status AS status, size(coalesce(s.acceptedBy, [])) > 0 AS taken, s.createdAt AS created, "
    f"{_SEEN} AS seen, "
    "[code IN $codes WHERE s.reasons CONTAINS '\"code\": \"' + code + '\"'] AS codes "
    "UNWIND CASE WHEN size(codes) > 0 THEN codes + [''] ELSE [] END AS code "
    "RETURN code, count(*) AS carrying, "
    "count(CASE WHEN seen THEN 1 END) AS seen, "
    "count(CASE WHEN status = 'PROPOSED' THEN 1 END) AS open, "
    "count(CASE WHEN taken OR status = 'ACCEPTED' THEN 1 END) AS acceptedByOne, "
    "count(CASE WHEN status = 'ACCEPTED' THEN 1 END) AS connected, "
    "count(CASE WHEN status = 'DECLINED' THEN 1 END) AS declined, "
    "count(CASE WHEN status = 'EXPIRED' THEN 1 END) AS expired, "
    "min(created) AS first ORDER BY code"
)
VOLUNTEER_LOAD = (
    "MATCH (v:Volunteer) "
    "WITH v.hoursPerMonth AS hours, COUNT { (v)-[:MENTORS]->(:Association) } AS mentees "
    "RETURN CASE WHEN hours IS NULL THEN -1 WHEN hours < 5 THEN 0 WHEN hours < 10 THEN 5 WHEN hours < 20 THEN 10 "
    "ELSE 20 END AS band, CASE WHEN mentees > 3 THEN 3 ELSE mentees END AS load, count(*) AS volunteers "
    "ORDER BY band, load"
)
# Associations an event reached, by how: invited (an EVENT_INVITE suggestion FOR the event OF the association) or
# registered; an association counts once per district and target group however many events reached it.
EVENT_REACH = (
    "MATCH (e:Event) "
    "CALL (e) { MATCH (e)<-[:FOR]-(:Suggestion {kind: 'EVENT_INVITE'})-[:OF]->(a:Association) "
    "RETURN a, 'invited' AS how UNION MATCH (a:Association)-[:REGISTERED]->(e) RETURN a, 'registered' AS how } "
    "WITH a, how, min(e.startsAt) AS first, max(e.startsAt) AS last "
    "OPTIONAL MATCH (a)-[:LOCATED_IN]->(d:District) "
    "OPTIONAL MATCH (a)-[:SERVES]->(g:TargetGroup) "
    "WITH coalesce(d.name, '') AS district, coalesce(g.labelEn, g.slug, '') AS targetGroup, a, how, first, last "
    "RETURN district, targetGroup, count(DISTINCT CASE WHEN how = 'invited' THEN a END) AS invited, "
    "count(DISTINCT CASE WHEN how = 'registered' THEN a END) AS registered, min(first) AS first, max(last) AS last "
    "ORDER BY district, targetGroup"
)
# Whom an association counts in: every association ('all'), those without paid staff ('small', as event outreach
# counts them) and each target group it serves.
_COUNTED_IN = (
    "[{kind: 'all', label: ''}] + CASE WHEN coalesce({n}.paidStaff, 0) = 0 THEN [{kind: 'small', label: ''}] "
    "ELSE [] END + [group IN groups | {kind: 'group', label: group}]"
)
# The top-10 peer slots: each association's ten best open or connected peer suggestions, whichever side it is on; a
# slot counts for the association shown in it.
PEER_SLOTS = (
    "MATCH (p:Association) "
    "CALL (p) { MATCH (p)<-[:FOR|OF]-(s)-[:FOR|OF]->(c:Association) WHERE 'Suggestion' IN labels(s) "
    "AND s.kind = 'PEER' AND s.status IN ['PROPOSED', 'ACCEPTED'] AND c <> p RETURN c ORDER BY s.score DESC LIMIT 10 } "
    "WITH c, count(*) AS slots "
    "OPTIONAL MATCH (c)-[:SERVES]->(g:TargetGroup) "
    "WITH c, slots, collect(coalesce(g.labelEn, g.slug)) AS groups "
    f"UNWIND {_COUNTED_IN.replace('{n}', 'c')} AS counted "
    "RETURN counted.kind AS kind, counted.label AS label, sum(slots) AS count"
)
ASSOCIATIONS_COUNTED = (
    "MATCH (a:Association) "
    "OPTIONAL MATCH (a)-[:SERVES]->(g:TargetGroup) "
    "WITH a, collect(coalesce(g.labelEn, g.slug)) AS groups "
    f"UNWIND {_COUNTED_IN.replace('{n}', 'a')} AS counted "
    "RETURN counted.kind AS kind, counted.label AS label, count(*) AS count"
)


class GroupCountRow(TypedDict):
    kind: str  # all, small or group
    label: str  # the target group's label ("" for all and small)
    count: int


class UnmetNeedRow(TypedDict):
    skill: str
    district: str  # "" for associations without a district
    associations: int


class ToolAdoptionRow(TypedDict):
    category: str
    associations: int  # associations using at least one tool of the category
    openSource: int  # of them, those using an open-source one


class AdoptionMonthRow(TypedDict):
    kind: str  # "any" (a first tool) or "open" (a first open-source tool)
    month: int  # yyyymm, 0 before the dates were kept
    associations: int


class Outcomes(TypedDict):
    """How suggestions fared, as the funnel and acceptance by reason count them."""

    seen: int  # marked seen or answered by a side
    open: int
    acceptedByOne: int
    connected: int
    declined: int
    expired: int
    first: dt.datetime | None  # when the first of them was made


class FunnelRow(Outcomes):
    kind: str
    proposed: int


class ReasonRow(Outcomes):
    code: str  # "" for the row of every suggestion that carries a reason
    carrying: int


class LoadRow(TypedDict):
    band: int  # lower bound of the hours per month, -1 when not given
    load: int  # associations mentored, 3 for three or more
    volunteers: int


class ReachRow(TypedDict):
    district: str  # "" without a district
    targetGroup: str  # "" for associations that name none
    invited: int
    registered: int
    first: dt.datetime | None  # the earliest and latest start of the events counted
    last: dt.datetime | None


class InsightsRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def _rows(self, query: str) -> list[dict[str, Any]]:
        return [record.data() async for record in await self.tx.run(query)]

    async def unmet_needs(self) -> list[UnmetNeedRow]:
        return cast(list[UnmetNeedRow], await self._rows(UNMET_NEEDS))

    async def tool_adoption(self) -> list[ToolAdoptionRow]:
        return cast(list[ToolAdoptionRow], await self._rows(TOOL_ADOPTION))

    async def tool_adoption_by_month(self) -> list[AdoptionMonthRow]:
        return cast(list[AdoptionMonthRow], await self._rows(TOOL_ADOPTION_BY_MONTH))

    async def suggestion_funnel(self) -> list[FunnelRow]:
        rows = await self._rows(SUGGESTION_FUNNEL)
        return [cast(FunnelRow, {**row, "first": native_datetime(row["first"])}) for row in rows]

    async def reason_acceptance(self, codes: list[str]) -> list[ReasonRow]:
        found = [record.data() async for record in await self.tx.run(REASON_ACCEPTANCE, codes=codes)]
        return [cast(ReasonRow, {**row, "first": native_datetime(row["first"])}) for row in found]

    async def volunteer_load(self) -> list[LoadRow]:
        return cast(list[LoadRow], await self._rows(VOLUNTEER_LOAD))

    async def event_reach(self) -> list[ReachRow]:
        rows = await self._rows(EVENT_REACH)
        return [
            cast(ReachRow, {**row, "first": native_datetime(row["first"]), "last": native_datetime(row["last"])})
            for row in rows
        ]

    async def peer_slots(self) -> list[GroupCountRow]:
        return cast(list[GroupCountRow], await self._rows(PEER_SLOTS))

    async def associations_counted(self) -> list[GroupCountRow]:
        return cast(list[GroupCountRow], await self._rows(ASSOCIATIONS_COUNTED))

    async def associations(self) -> int:
        record = await (await self.tx.run("MATCH (a:Association) RETURN count(a) AS n")).single()
        return int(record["n"]) if record else 0
