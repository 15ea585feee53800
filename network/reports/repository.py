"""Cypher for experience reports and staff's tool tips.

`(:Account)-[:WROTE]->(r:ExperienceReport)<-[:REPORTED]-(:Association)`, `(r)-[:ABOUT]->(:Tool)` and, when the tool
replaced another, `(r)-[:REPLACED]->(:Tool)`. `r.key` (association id and tool id, unique) keeps it to one report per
association and tool. Tips: `(:Tool)-[:HAS_TIP]->(:ToolTip {text, language, position})`.
"""

from typing import Any, Literal, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

# Everything a report shows, so a page of any size costs one query.
REPORT = (
    "r {.id, .rating, .usedFor, .wentWell, .wentBadly, .switchDuration, .tips, .language, .status, "
    ".moderationReason, .revision, .createdAt, .submittedAt, .moderatedAt, "
    "association: COLLECT { MATCH (n:Association)-[:REPORTED]->(r) "
    "RETURN n {.id, .slug, .name, .visibility} }[0], "
    "tool: COLLECT { MATCH (r)-[:ABOUT]->(t:Tool) RETURN t.slug }[0], "
    "replaced: COLLECT { MATCH (r)-[:REPLACED]->(t:Tool) RETURN t.slug }[0], "
    "authorId: COLLECT { MATCH (a:Account)-[:WROTE]->(r) RETURN a.id }[0]}"
)
VISIBLE = "r.status = 'APPROVED' AND n.visibility IN $visibilities"
# Keyset positions after the row with this rating, submittedAt (its exact string) and id, in each order.
ORDERS: dict[str, tuple[str, str]] = {
    "NEWEST": (
        "r.submittedAt DESC, r.id DESC",
        "($at IS NULL OR r.submittedAt < datetime($at) OR (r.submittedAt = datetime($at) AND r.id < $id))",
    ),
    "BEST_RATED": (
        "r.rating DESC, r.submittedAt DESC, r.id DESC",
        "($at IS NULL OR r.rating < $rating OR (r.rating = $rating AND (r.submittedAt < datetime($at) "
        "OR (r.submittedAt = datetime($at) AND r.id < $id))))",
    ),
    "OLDEST": (
        "r.submittedAt, r.id",
        "($at IS NULL OR r.submittedAt > datetime($at) OR (r.submittedAt = datetime($at) AND r.id > $id))",
    ),
}
Order = Literal["NEWEST", "BEST_RATED", "OLDEST"]


class AssociationRef(TypedDict):
    id: str
    slug: str
    name: str
    visibility: str  # a Visibility value


class ReportRow(TypedDict):
    id: str
    rating: int
    usedFor: str
    wentWell: str
    wentBadly: str
    switchDuration: str | None  # a SwitchDuration value
    tips: str
    language: str  # a ReportLanguage value
    status: str  # a ReportStatus value
    moderationReason: str | None  # staff's reason of a rejection
    revision: int  # 1 for the first version, one more with each change
    createdAt: DateTime
    submittedAt: DateTime  # when this version was written: the report's date, and its place in the queue
    moderatedAt: DateTime | None
    association: AssociationRef | None  # None only inside the transaction that deletes it
    tool: str  # slug
    replaced: str | None  # slug
    authorId: str | None  # None once the author's account is gone


class Position(TypedDict):
    """Where a page starts: after the row with these values (None: from the start)."""

    rating: int | None
    at: str | None
    id: str | None


class ToolPage(TypedDict):
    rows: list[ReportRow]
    total: int


class Rating(TypedDict):
    average: float | None
    count: int


class TipRow(TypedDict):
    text: str
    language: str
    position: NotRequired[int]


class ReportRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def _rows(self, query: str, **parameters: Any) -> list[ReportRow]:
        return [cast(ReportRow, record["row"]) async for record in await self.tx.run(query, parameters)]

    async def _count(self, query: str, **parameters: Any) -> int:
        record = await (await self.tx.run(query, parameters)).single()
        return int(record["n"]) if record else 0

    # Writing

    async def association(self, slug: str) -> AssociationRef | None:
        result = await self.tx.run(
            "MATCH (n:Association {slug: $slug}) RETURN n {.id, .slug, .name, .visibility} AS row", slug=slug
        )
        record = await result.single()
        return cast(AssociationRef, record["row"]) if record else None

    async def tool_ids(self, slugs: list[str]) -> dict[str, str]:
        """The ids of those of these tools that the catalogue has, by slug."""
        result = await self.tx.run(
            "MATCH (t:Tool) WHERE t.slug IN $slugs RETURN t.slug AS slug, t.id AS id", slugs=slugs
        )
        return {str(record["slug"]): str(record["id"]) async for record in result}

    async def pending_by(self, account_id: str, other_than: str) -> int:
        """Reports the account wrote that wait for staff, but for the one with key `other_than`."""
        return await self._count(
            "MATCH (:Account {id: $account})-[:WROTE]->(r:ExperienceReport {status: 'PENDING'}) "
            "WHERE r.key <> $key RETURN count(r) AS n",
            account=account_id,
            key=other_than,
        )

    async def save(self, key: str, new_id: str, content: dict[str, Any]) -> tuple[str, bool]:
        """Writes the association's report on a tool (`key`), new or as a new version of the one it has; either way
        it waits for staff again. Returns its id and whether it is new."""
        result = await self.tx.run(
            "MERGE (r:ExperienceReport {key: $key}) "
            "ON CREATE SET r.id = $id, r.createdAt = datetime(), r.revision = 0 "
            "SET r += $content, r.status = 'PENDING', r.moderationReason = null, r.moderatedAt = null, "
            "r.submittedAt = datetime(), r.revision = r.revision + 1 "
            "RETURN r.id AS id, r.revision = 1 AS created",
            key=key,
            id=new_id,
            content=content,
        )
        record = await result.single()
        assert record is not None  # MERGE always yields the report
        return str(record["id"]), bool(record["created"])

    async def link(self, report_id: str, account_id: str, association_id: str, tool: str) -> None:
        """A new report's author, association and tool."""
        await self.tx.run(
            "MATCH (r:ExperienceReport {id: $id}), (a:Account {id: $account}), (n:Association {id: $association}), "
            "(t:Tool {slug: $tool}) CREATE (a)-[:WROTE]->(r), (n)-[:REPORTED]->(r), (r)-[:ABOUT]->(t)",
            id=report_id,
            account=account_id,
            association=association_id,
            tool=tool,
        )

    async def set_replaced(self, report_id: str, replaced: str | None) -> None:
        """The tool of the catalogue that the report's tool replaced, or none."""
        await self.tx.run(
            "MATCH (r:ExperienceReport {id: $id}) "
            "CALL (r) { MATCH (r)-[x:REPLACED]->() DELETE x } "
            "CALL (r) { MATCH (old:Tool {slug: $replaced}) CREATE (r)-[:REPLACED]->(old) }",
            id=report_id,
            replaced=replaced,
        )

    async def lock(self, report_id: str) -> bool:
        """Takes the report's write lock for the rest of the transaction; False when there is no such report."""
        return bool(
            await self._count(
                "MATCH (r:ExperienceReport {id: $id}) SET r._lock = true REMOVE r._lock RETURN count(r) AS n",
                id=report_id,
            )
        )

    async def get(self, report_id: str) -> ReportRow | None:
        found = await self._rows(f"MATCH (r:ExperienceReport {{id: $id}}) RETURN {REPORT} AS row", id=report_id)
        return found[0] if found else None

    async def get_by_key(self, key: str) -> ReportRow | None:
        found = await self._rows(f"MATCH (r:ExperienceReport {{key: $key}}) RETURN {REPORT} AS row", key=key)
        return found[0] if found else None

    async def delete(self, report_id: str) -> None:
        await self.tx.run("MATCH (r:ExperienceReport {id: $id}) DETACH DELETE r", id=report_id)

    async def moderate(self, report_id: str, status: str, reason: str | None) -> None:
        await self.tx.run(
            "MATCH (r:ExperienceReport {id: $id}) "
            "SET r.status = $status, r.moderationReason = $reason, r.moderatedAt = datetime()",
            id=report_id,
            status=status,
            reason=reason,
        )

    # Reading

    async def _page(
        self, match: str, order: Order, position: Position, limit: int, **parameters: Any
    ) -> tuple[list[ReportRow], int]:
        sort, after = ORDERS[order]
        rows = await self._rows(
            f"{match} AND {after} WITH r ORDER BY {sort} LIMIT $limit RETURN {REPORT} AS row",
            limit=limit,
            **position,
            **parameters,
        )
        return rows, await self._count(f"{match} RETURN count(r) AS n", **parameters)

    async def pending(self, position: Position, limit: int) -> tuple[list[ReportRow], int]:
        """Staff's moderation queue: every pending report, oldest first."""
        return await self._page("MATCH (r:ExperienceReport) WHERE r.status = 'PENDING'", "OLDEST", position, limit)

    async def of(
        self, account_id: str, parties: list[str], position: Position, limit: int
    ) -> tuple[list[ReportRow], int]:
        """Reports the account wrote or an association it acts for has, in every status, newest first."""
        match = (
            "MATCH (r:ExperienceReport) WHERE (EXISTS { (:Account {id: $account})-[:WROTE]->(r) } "
            "OR EXISTS { (n:Association)-[:REPORTED]->(r) WHERE n.id IN $parties })"
        )
        return await self._page(match, "NEWEST", position, limit, account=account_id, parties=parties)

    async def on_tools(
        self, slugs: list[str], order: Order, visibilities: list[str], position: Position, limit: int
    ) -> dict[str, ToolPage]:
        """A page of each tool's approved reports by associations the viewer sees, and how many there are."""
        sort, after = ORDERS[order]
        match = (
            f"MATCH (:Tool {{slug: slug}})<-[:ABOUT]-(r:ExperienceReport)<-[:REPORTED]-(n:Association) WHERE {VISIBLE}"
        )
        result = await self.tx.run(
            f"UNWIND $slugs AS slug "
            f"CALL (slug) {{ {match} AND {after} WITH r ORDER BY {sort} LIMIT $limit "
            f"RETURN collect({REPORT}) AS rows }} "
            f"CALL (slug) {{ {match} RETURN count(r) AS total }} RETURN slug, rows, total",
            slugs=slugs,
            visibilities=visibilities,
            limit=limit,
            **position,
        )
        return {
            str(record["slug"]): {"rows": cast(list[ReportRow], record["rows"]), "total": int(record["total"])}
            async for record in result
        }

    async def ratings(self, slugs: list[str], visibilities: list[str]) -> dict[str, Rating]:
        """Each tool's mean rating over its approved reports by associations the viewer sees, and their number."""
        result = await self.tx.run(
            "UNWIND $slugs AS slug CALL (slug) { "
            "OPTIONAL MATCH (:Tool {slug: slug})<-[:ABOUT]-(r:ExperienceReport)<-[:REPORTED]-(n:Association) "
            f"WHERE {VISIBLE} RETURN avg(r.rating) AS average, count(r) AS count }} RETURN slug, average, count",
            slugs=slugs,
            visibilities=visibilities,
        )
        return {
            str(record["slug"]): {"average": record["average"], "count": int(record["count"])}
            async for record in result
        }

    # Tips

    async def tips(self, slugs: list[str]) -> dict[str, list[TipRow]]:
        result = await self.tx.run(
            "UNWIND $slugs AS slug RETURN slug, COLLECT { MATCH (:Tool {slug: slug})-[:HAS_TIP]->(p:ToolTip) "
            "WITH p ORDER BY p.position RETURN p {.text, .language} } AS tips",
            slugs=slugs,
        )
        return {str(record["slug"]): cast(list[TipRow], record["tips"]) async for record in result}

    async def set_tips(self, slug: str, tips: list[TipRow]) -> None:
        """Replaces the tool's tips, in the given order."""
        await self.tx.run(
            "MATCH (t:Tool {slug: $slug}) "
            "CALL (t) { MATCH (t)-[:HAS_TIP]->(p:ToolTip) DETACH DELETE p } "
            "CALL (t) { UNWIND $tips AS tip "
            "CREATE (t)-[:HAS_TIP]->(:ToolTip {text: tip.text, language: tip.language, position: tip.position}) }",
            slug=slug,
            tips=tips,
        )
