"""Cypher of records: bulk writes (UNWIND batches), and reading them back in the import format's shape."""

from dataclasses import dataclass
from typing import Any, Literal, Required, TypedDict, overload

from neo4j import AsyncManagedTransaction
from neo4j.time import Date, DateTime


class LinkRow(TypedDict):
    """One item of a link list to write: the catalogue node's slug and the relationship's properties."""

    slug: str
    props: dict[str, object]


class NodeRow(TypedDict):
    """One record to merge by slug: the id it gets when new, its properties, and its link lists by `Link.key`."""

    id: str
    slug: str
    props: dict[str, object]
    links: dict[str, list[LinkRow]]


class ConnectionRow(TypedDict):
    """A CONNECTED_WITH pair of association slugs."""

    a: str
    b: str


class StoredToolUse(TypedDict):
    tool: str
    proficiency: str | None
    since: Date | None


class StoredNeed(TypedDict):
    skill: str
    minLevel: int | None
    priority: int | None


class StoredSkillOffer(TypedDict):
    skill: str
    level: int | None


class StoredToolKnowledge(TypedDict):
    tool: str
    proficiency: str | None


class StoredAssociation(TypedDict, total=False):
    """RECORDS["Association"]: the node's properties (`n {.*}` leaves out those not set) and its link lists."""

    id: Required[str]
    slug: Required[str]
    name: str
    description: str
    members: int
    paidStaff: int
    languages: list[str]
    contactEmail: str
    visibility: str
    createdAt: DateTime
    updatedAt: DateTime
    district: Required[list[str]]  # at most one slug
    fields: Required[list[str]]
    targetGroups: Required[list[str]]
    tools: Required[list[StoredToolUse]]
    considers: Required[list[str]]
    needs: Required[list[StoredNeed]]


class StoredVolunteer(TypedDict, total=False):
    """RECORDS["Volunteer"]: the node's properties (`n {.*}` leaves out those not set) and its link lists."""

    id: Required[str]
    slug: Required[str]
    displayName: str
    bio: str
    languages: list[str]
    remote: bool
    hoursPerMonth: int
    maxMentees: int
    contactEmail: str
    createdAt: DateTime
    updatedAt: DateTime
    district: Required[list[str]]  # at most one slug
    skills: Required[list[StoredSkillOffer]]
    tools: Required[list[StoredToolKnowledge]]


class StoredEvent(TypedDict, total=False):
    """RECORDS["Event"]: the node's properties (`n {.*}` leaves out those not set) and its link lists."""

    id: Required[str]
    slug: Required[str]
    title: str
    description: str
    startsAt: DateTime
    endsAt: DateTime
    format: str
    capacity: int
    outreachShare: float
    visibility: str
    status: str
    createdAt: DateTime
    updatedAt: DateTime
    district: Required[list[str]]  # at most one slug
    tools: Required[list[str]]
    skills: Required[list[str]]
    fields: Required[list[str]]


StoredRecord = StoredAssociation | StoredVolunteer | StoredEvent


@dataclass(frozen=True)
class Link:
    """A relationship kind written from a list in each row: `row.links[key]` holds {slug, props} items."""

    key: str
    type: str
    label: str
    dated: bool = False  # each link keeps `addedAt`, when it was first recorded, across rewrites of the list


ASSOCIATION_LINKS = [
    Link("uses", "USES", "Tool", dated=True),  # the staff's tool adoption by month counts from addedAt
    Link("considers", "CONSIDERS", "Tool"),
    Link("needs", "NEEDS", "Skill"),
    Link("fields", "ACTIVE_IN", "Field"),
    Link("targetGroups", "SERVES", "TargetGroup"),
    Link("district", "LOCATED_IN", "District"),
]
VOLUNTEER_LINKS = [
    Link("skills", "OFFERS", "Skill"),
    Link("tools", "KNOWS", "Tool"),
    Link("district", "AVAILABLE_IN", "District"),
]
EVENT_LINKS = [
    Link("tools", "ABOUT", "Tool"),
    Link("skills", "ABOUT", "Skill"),
    Link("fields", "ABOUT", "Field"),
    Link("district", "LOCATED_IN", "District"),
]


def _merge_query(label: str, links: list[Link], create: bool = False) -> str:
    """Merges nodes by slug (or, with `create`, creates them, so the unique slug constraint refuses one that
    exists, even one another transaction has just written), sets their properties, and makes each link list
    exactly what the row says."""
    parts = [
        "UNWIND $rows AS row",
        f"CREATE (n:{label} {{slug: row.slug, id: row.id, createdAt: datetime()}})"
        if create
        else f"MERGE (n:{label} {{slug: row.slug}}) ON CREATE SET n.id = row.id, n.createdAt = datetime()",
        "WITH n, row, properties(n) AS before",
        "SET n += row.props",
        "WITH n, row, before",
        "CALL (n, before) { WITH n, before WHERE properties(n) <> before SET n.updatedAt = datetime() }",
    ]
    for link in links:
        # Replacing a link list wholesale is faster than merging each link, above all for new nodes.
        if not link.dated:
            parts.append(f"CALL (n) {{ MATCH (n)-[r:{link.type}]->(:{link.label}) DELETE r }}")
            parts.append(
                f"CALL (n, row) {{ UNWIND row.links.{link.key} AS x MATCH (t:{link.label} {{slug: x.slug}}) "
                f"CREATE (n)-[r:{link.type}]->(t) SET r = x.props }}"
            )
            continue
        kept = f"{link.key}Added"  # [{slug, at}] of the links deleted, so the same link created again keeps its date
        parts.append(
            f"CALL (n) {{ OPTIONAL MATCH (n)-[r:{link.type}]->(t:{link.label}) WITH r, t.slug AS slug, r.addedAt AS at "
            f"DELETE r RETURN collect(CASE WHEN at IS NOT NULL THEN {{slug: slug, at: at}} END) AS {kept} }}"
        )
        parts.append(
            f"CALL (n, row, {kept}) {{ UNWIND row.links.{link.key} AS x MATCH (t:{link.label} {{slug: x.slug}}) "
            f"CREATE (n)-[r:{link.type}]->(t) SET r = x.props, "
            f"r.addedAt = coalesce(head([k IN {kept} WHERE k.slug = x.slug | k.at]), datetime()) }}"
        )
    parts.append("RETURN count(n) AS written")
    return "\n".join(parts)


_MERGE = {
    "Association": _merge_query("Association", ASSOCIATION_LINKS),
    "Volunteer": _merge_query("Volunteer", VOLUNTEER_LINKS),
    "Event": _merge_query("Event", EVENT_LINKS),
}
_CREATE = {
    "Association": _merge_query("Association", ASSOCIATION_LINKS, create=True),
    "Volunteer": _merge_query("Volunteer", VOLUNTEER_LINKS, create=True),
    "Event": _merge_query("Event", EVENT_LINKS, create=True),
}


# Each label's record in the shape of the import format (before the conversions of records.py).
RECORDS = {
    "Association": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }, "
        "fields: COLLECT { MATCH (n)-[:ACTIVE_IN]->(f:Field) RETURN f.slug ORDER BY f.slug }, "
        "targetGroups: COLLECT { MATCH (n)-[:SERVES]->(g:TargetGroup) RETURN g.slug ORDER BY g.slug }, "
        "tools: COLLECT { MATCH (n)-[r:USES]->(t:Tool) RETURN r {tool: t.slug, .proficiency, .since} "
        "ORDER BY t.slug }, "
        "considers: COLLECT { MATCH (n)-[:CONSIDERS]->(t:Tool) RETURN t.slug ORDER BY t.slug }, "
        "needs: COLLECT { MATCH (n)-[r:NEEDS]->(s:Skill) RETURN r {skill: s.slug, .minLevel, .priority} "
        "ORDER BY s.slug }}"
    ),
    "Volunteer": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:AVAILABLE_IN]->(d:District) RETURN d.slug }, "
        "skills: COLLECT { MATCH (n)-[r:OFFERS]->(s:Skill) RETURN r {skill: s.slug, .level} ORDER BY s.slug }, "
        "tools: COLLECT { MATCH (n)-[r:KNOWS]->(t:Tool) RETURN r {tool: t.slug, .proficiency} ORDER BY t.slug }}"
    ),
    "Event": (
        "n {.*, "
        "district: COLLECT { MATCH (n)-[:LOCATED_IN]->(d:District) RETURN d.slug }, "
        "tools: COLLECT { MATCH (n)-[:ABOUT]->(t:Tool) RETURN t.slug ORDER BY t.slug }, "
        "skills: COLLECT { MATCH (n)-[:ABOUT]->(s:Skill) RETURN s.slug ORDER BY s.slug }, "
        "fields: COLLECT { MATCH (n)-[:ABOUT]->(f:Field) RETURN f.slug ORDER BY f.slug }}"
    ),
}


class RecordRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def catalogue_slugs(self) -> dict[str, set[str]]:
        # One label scan each: a label taken from a variable would scan every node of the graph (5 x 200k at 10k).
        record = await (
            await self.tx.run(
                "RETURN COLLECT { MATCH (n:Tool) RETURN n.slug } AS Tool, "
                "COLLECT { MATCH (n:Skill) RETURN n.slug } AS Skill, "
                "COLLECT { MATCH (n:District) RETURN n.slug } AS District, "
                "COLLECT { MATCH (n:Field) RETURN n.slug } AS Field, "
                "COLLECT { MATCH (n:TargetGroup) RETURN n.slug } AS TargetGroup"
            )
        ).single()
        assert record is not None  # RETURN without MATCH always yields one row
        return {label: set(slugs) for label, slugs in record.data().items()}

    async def existing_association_slugs(self, slugs: list[str]) -> set[str]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug MATCH (a:Association {slug: slug}) RETURN a.slug AS slug", slugs=slugs
        )
        return {record["slug"] async for record in result}

    async def merge(self, label: str, rows: list[NodeRow]) -> int:
        record = await (await self.tx.run(_MERGE[label], rows=rows)).single()
        return int(record["written"]) if record else 0

    async def create(self, label: str, rows: list[NodeRow]) -> int:
        """Like `merge`, for new records only: raises neo4j's ConstraintError when a slug exists."""
        record = await (await self.tx.run(_CREATE[label], rows=rows)).single()
        return int(record["written"]) if record else 0

    async def connect(self, pairs: list[ConnectionRow]) -> int:
        """Creates CONNECTED_WITH once per pair, whichever way round an earlier one was written."""
        summary = await (
            await self.tx.run(
                "UNWIND $pairs AS pair MATCH (a:Association {slug: pair.a}), (b:Association {slug: pair.b}) "
                "WHERE NOT (a)-[:CONNECTED_WITH]-(b) CREATE (a)-[:CONNECTED_WITH {since: datetime()}]->(b)",
                pairs=pairs,
            )
        ).consume()
        return summary.counters.relationships_created

    @overload
    async def page(self, label: Literal["Association"], after: str, limit: int) -> list[StoredAssociation]: ...
    @overload
    async def page(self, label: Literal["Volunteer"], after: str, limit: int) -> list[StoredVolunteer]: ...
    @overload
    async def page(self, label: Literal["Event"], after: str, limit: int) -> list[StoredEvent]: ...
    @overload
    async def page(self, label: str, after: str, limit: int) -> list[StoredRecord]: ...

    async def page(self, label: str, after: str, limit: int) -> list[Any]:
        """Records of one label in the import format's shape, in slug order, after the slug `after`."""
        return await self._page(
            f"MATCH (n:{label}) WHERE n.slug > $after WITH n ORDER BY n.slug LIMIT $limit "
            f"RETURN {RECORDS[label]} AS row",
            after,
            limit,
        )

    @overload
    async def record(self, label: Literal["Association"], slug: str) -> StoredAssociation | None: ...
    @overload
    async def record(self, label: Literal["Volunteer"], slug: str) -> StoredVolunteer | None: ...
    @overload
    async def record(self, label: Literal["Event"], slug: str) -> StoredEvent | None: ...
    @overload
    async def record(self, label: str, slug: str) -> StoredRecord | None: ...

    async def record(self, label: str, slug: str) -> StoredRecord | None:
        """One record in the import format's shape (the base for a partial update)."""
        found = await self._page(
            f"MATCH (n:{label} {{slug: $after}}) RETURN {RECORDS[label]} AS row LIMIT $limit", slug, 1
        )
        return found[0] if found else None

    async def connections(self) -> list[ConnectionRow]:
        result = await self.tx.run(
            "MATCH (a:Association)-[:CONNECTED_WITH]->(b:Association) RETURN a.slug AS a, b.slug AS b ORDER BY a, b"
        )
        return [ConnectionRow(a=record["a"], b=record["b"]) async for record in result]

    async def _page(self, query: str, after: str, limit: int) -> list[Any]:
        """The `row` column of each record: a RECORDS projection, typed by the overloads of `page` and `record`."""
        return [record["row"] async for record in await self.tx.run(query, after=after, limit=limit)]
