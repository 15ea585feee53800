"""Cypher of suggestions: what a recompute reads and writes, what parties read, and how they answer."""

from typing import Any

from neo4j import AsyncManagedTransaction

from network.associations.repository import PROFILE as ASSOCIATION_PROFILE
from network.volunteers.repository import PROFILE as VOLUNTEER_PROFILE

Row = dict[str, Any]
# Suggestions a party still sees: a declined pair is gone for both sides.
VISIBLE = "['PROPOSED', 'ACCEPTED']"
CANDIDATE_PROFILE = {"Association": ASSOCIATION_PROFILE, "Volunteer": VOLUNTEER_PROFILE}
FIELDS = ".id, .kind, .score, .status, .reasons, .computedAt, .algorithmVersion, .acceptedBy"


class MatchingInputs:
    """Reads everything the matching core needs, a batch of rows at a time (keyset pages by id)."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def vocabulary(self) -> Row:
        record = await (await self.tx.run(
            "RETURN COLLECT { MATCH (t:Tool) RETURN t.slug ORDER BY t.slug } AS tools, "
            "COLLECT { MATCH (s:Skill) RETURN s.slug ORDER BY s.slug } AS skills, "
            "COLLECT { MATCH (f:Field) RETURN f.slug ORDER BY f.slug } AS fields, "
            "COLLECT { MATCH (g:TargetGroup) RETURN g.slug ORDER BY g.slug } AS targetGroups")).single()
        return record.data() if record else {}

    async def associations(self, after: str, limit: int) -> list[Row]:
        result = await self.tx.run(
            "MATCH (n:Association) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
            "RETURN n.id AS id, n.paidStaff AS paidStaff, n.languages AS languages, "
            "COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }[0] AS district, "
            "COLLECT { MATCH (n)-[:ACTIVE_IN]->(f:Field) RETURN f.slug } AS fields, "
            "COLLECT { MATCH (n)-[:SERVES]->(g:TargetGroup) RETURN g.slug } AS targetGroups, "
            "COLLECT { MATCH (n)-[r:USES]->(t:Tool) RETURN [t.slug, r.proficiency] } AS tools, "
            "COLLECT { MATCH (n)-[:CONSIDERS]->(t:Tool) RETURN t.slug } AS considers, "
            "COLLECT { MATCH (n)-[r:NEEDS]->(s:Skill) RETURN [s.slug, r.minLevel, r.priority] } AS needs, "
            "COUNT { (n)<-[:MENTORS]-(:Volunteer) } AS mentors",
            after=after, limit=limit)
        return [record.data() async for record in result]

    async def volunteers(self, after: str, limit: int) -> list[Row]:
        result = await self.tx.run(
            "MATCH (n:Volunteer) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit "
            "RETURN n.id AS id, n.remote AS remote, n.languages AS languages, n.hoursPerMonth AS hours, "
            "n.maxMentees AS maxMentees, "
            "COLLECT { MATCH (n)-[:AVAILABLE_IN]->(d:District) RETURN d.slug }[0] AS district, "
            "COLLECT { MATCH (n)-[r:OFFERS]->(s:Skill) RETURN [s.slug, r.level] } AS skills, "
            "COLLECT { MATCH (n)-[r:KNOWS]->(t:Tool) RETURN [t.slug, r.proficiency] } AS tools, "
            "COUNT { (n)-[:MENTORS]->(:Association) } AS mentees",
            after=after, limit=limit)
        return [record.data() async for record in result]

    async def excluded_pairs(self) -> Row:
        """Pairs no run may propose again: existing connections and mentorships, and every declined pair."""
        record = await (await self.tx.run(
            "RETURN COLLECT { MATCH (a:Association)-[:CONNECTED_WITH]-(b:Association) WHERE a.id < b.id "
            "RETURN [a.id, b.id] } AS connected, "
            "COLLECT { MATCH (v:Volunteer)-[:MENTORS]->(a:Association) RETURN [a.id, v.id] } AS mentoring, "
            "COLLECT { MATCH (s:Suggestion {kind: 'PEER', status: 'DECLINED'}) RETURN s.pairKey } AS peerDeclined, "
            "COLLECT { MATCH (s:Suggestion {kind: 'MENTORING', status: 'DECLINED'}) RETURN s.pairKey } "
            "AS mentoringDeclined")).single()
        return record.data() if record else {}


class SuggestionWrites:
    """What a recompute writes; every statement takes a batch of rows."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def save(self, kind: str, candidate_label: str, rows: list[Row], run: str, version: str) -> None:
        """MERGE by (kind, pairKey): new pairs start PROPOSED; only PROPOSED ones get the new score and reasons,
        so an ACCEPTED pair stays as it was and a DECLINED one is never proposed again."""
        assert candidate_label in CANDIDATE_PROFILE  # a fixed label, never a caller's value
        await self.tx.run(
            "UNWIND $rows AS row "
            "MERGE (s:Suggestion {kind: $kind, pairKey: row.pairKey}) "
            "ON CREATE SET s.id = randomUUID(), s.status = 'PROPOSED', s.acceptedBy = [], s.createdAt = datetime() "
            "WITH s, row WHERE s.status = 'PROPOSED' "
            "SET s.score = row.score, s.reasons = row.reasons, s.computedAt = datetime(), "
            "s.algorithmVersion = $version, s.run = $run "
            "WITH s, row WHERE NOT (s)-[:FOR]->() "
            f"MATCH (p:Association {{id: row.forId}}), (c:{candidate_label} {{id: row.ofId}}) "
            "CREATE (s)-[:FOR]->(p), (s)-[:OF]->(c)",
            rows=rows, kind=kind, run=run, version=version)

    async def drop_stale(self, kind: str, run: str, limit: int) -> int:
        """Deletes up to `limit` PROPOSED suggestions of `kind` this run did not produce and nobody accepted yet."""
        record = await (await self.tx.run(
            "MATCH (s:Suggestion {kind: $kind, status: 'PROPOSED'}) "
            "WHERE s.pairKey IS NOT NULL AND coalesce(s.run, '') <> $run AND size(coalesce(s.acceptedBy, [])) = 0 "
            "WITH s LIMIT $limit DETACH DELETE s RETURN count(*) AS n",
            kind=kind, run=run, limit=limit)).single()
        return int(record["n"]) if record else 0


class SuggestionRepository:
    """What parties read and answer."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def for_parties(self, label: str, kind: str, candidate_label: str, ids: list[str],
                          first: int) -> dict[str, list[Row]]:
        """Per party id: its visible suggestions of `kind`, best first, each with the other side's profile."""
        assert label in CANDIDATE_PROFILE and candidate_label in CANDIDATE_PROFILE
        result = await self.tx.run(
            f"UNWIND $ids AS pid MATCH (p:{label} {{id: pid}}) "
            "CALL (p) { "
            f"MATCH (p)<-[:FOR|OF]-(s:Suggestion {{kind: $kind}})-[:FOR|OF]->(n:{candidate_label}) "
            f"WHERE s.status IN {VISIBLE} AND n <> p "
            "WITH s, n ORDER BY s.score DESC, s.id LIMIT $first "
            f"RETURN collect(s {{{FIELDS}, candidateLabel: $candidate, candidate: "
            f"{CANDIDATE_PROFILE[candidate_label]}}}) AS rows }} "
            "RETURN pid, rows",
            ids=ids, kind=kind, candidate=candidate_label, first=first)
        return {record["pid"]: record["rows"] async for record in result}

    async def parties(self, suggestion_id: str) -> Row | None:
        """The suggestion with the ids and labels of both sides, locked for the answer that follows."""
        record = await (await self.tx.run(
            "MATCH (p)<-[:FOR]-(s:Suggestion {id: $id})-[:OF]->(c) SET s._lock = true REMOVE s._lock "
            "RETURN s.kind AS kind, s.status AS status, coalesce(s.acceptedBy, []) AS acceptedBy, "
            "p.id AS party, c.id AS candidate, labels(c)[0] AS candidateLabel",
            id=suggestion_id)).single()
        return record.data() if record else None

    async def set_answer(self, suggestion_id: str, status: str, accepted_by: list[str]) -> None:
        await self.tx.run(
            "MATCH (s:Suggestion {id: $id}) SET s.status = $status, s.acceptedBy = $acceptedBy, "
            "s.answeredAt = datetime()",
            id=suggestion_id, status=status, acceptedBy=accepted_by)

    async def connect_peers(self, a: str, b: str) -> None:
        await self.tx.run(
            "MATCH (a:Association {id: $a}), (b:Association {id: $b}) WHERE NOT (a)-[:CONNECTED_WITH]-(b) "
            "CREATE (a)-[:CONNECTED_WITH {since: datetime()}]->(b)", a=a, b=b)

    async def connect_mentor(self, association: str, volunteer: str) -> None:
        await self.tx.run(
            "MATCH (v:Volunteer {id: $v}), (a:Association {id: $a}) MERGE (v)-[r:MENTORS]->(a) "
            "ON CREATE SET r.since = datetime()", v=volunteer, a=association)

    async def one(self, suggestion_id: str, party: str) -> Row | None:
        """The suggestion as `party` sees it (the candidate is the other side)."""
        record = await (await self.tx.run(
            "MATCH (s:Suggestion {id: $id})-[:FOR|OF]->(n) WHERE n.id <> $party "
            "RETURN labels(n)[0] AS label, n.id AS candidate", id=suggestion_id, party=party)).single()
        if record is None:
            return None
        label = record["label"]
        assert label in CANDIDATE_PROFILE
        found = await (await self.tx.run(
            f"MATCH (s:Suggestion {{id: $id}}), (n:{label} {{id: $candidate}}) "
            f"RETURN s {{{FIELDS}, candidateLabel: $label, candidate: {CANDIDATE_PROFILE[label]}}} AS row",
            id=suggestion_id, candidate=record["candidate"], label=label)).single()
        return found["row"] if found else None
