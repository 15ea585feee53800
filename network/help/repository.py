"""Cypher of technical questions: asking, routing, claiming and answering, the lists, and what inbound mail looks up."""

import json
from typing import Any, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.help.routing import Route

# The asker's name as volunteers may read it: an association the account acts for, else its volunteer profile.
ASKER_NAME = (
    "COLLECT { MATCH (a:Account)-[:ASKED]->(q) MATCH (a)-[:ACTS_FOR]->(p) WHERE p:Association OR p:Volunteer "
    "RETURN coalesce(p.name, p.displayName) ORDER BY CASE WHEN p:Association THEN 0 ELSE 1 END, p.slug }[0]"
)
# A question as the service reads it. `askerId` and the routes' volunteer ids are for authorisation; no address of
# anybody is ever part of it.
QUESTION = (
    "q {.id, .text, .status, .language, .askedAt, .routedAt, .claimedAt, .answeredAt, .answer, .via, "
    "askerId: COLLECT { MATCH (a:Account)-[:ASKED]->(q) RETURN a.id }[0], "
    f"askerName: {ASKER_NAME}, "
    "about: COLLECT { MATCH (q)-[:ABOUT]->(x) WHERE x:Tool OR x:Skill "
    "RETURN {kind: CASE WHEN x:Tool THEN 'tool' ELSE 'skill' END, slug: x.slug, "
    "name: CASE WHEN x:Tool THEN x.name WHEN q.language = 'en' THEN x.labelEn ELSE x.labelDe END} }[0], "
    "routes: COLLECT { MATCH (q)-[r:ROUTED_TO]->(v:Volunteer) "
    "RETURN {volunteerId: v.id, name: v.displayName, rank: r.rank, score: r.score, reasons: r.reasons} "
    "ORDER BY r.rank }, "
    "claimedBy: COLLECT { MATCH (v:Volunteer)-[:CLAIMED]->(q) RETURN {id: v.id, name: v.displayName} }[0], "
    "answeredBy: COLLECT { MATCH (v:Volunteer)-[:ANSWERED]->(q) RETURN {id: v.id, name: v.displayName} }[0]}"
)
ORDER = "ORDER BY q.askedAt DESC, q.id DESC"
# Keyset position of a page: after the row with this askedAt (as its exact string) and id, in ORDER.
AFTER = "($afterAt IS NULL OR q.askedAt < datetime($afterAt) OR (q.askedAt = datetime($afterAt) AND q.id < $afterId))"
UNANSWERED = "q.status IN ['OPEN', 'CLAIMED'] AND q.askedAt < datetime() - duration({days: $days})"
CANDIDATE_LIMIT = 500  # candidates the ranking reads at most: the topic's best, or the language's most available


class Topic(TypedDict):
    kind: str  # 'tool' or 'skill'
    slug: str
    name: str


class RouteRow(TypedDict):
    volunteerId: str
    name: str
    rank: int
    score: float
    reasons: str  # JSON list of {code, detail, weight}


class VolunteerRef(TypedDict):
    id: str
    name: str


class QuestionRow(TypedDict):
    id: str
    text: str
    status: str  # a QuestionStatus value
    language: str
    askedAt: DateTime
    routedAt: NotRequired[DateTime | None]  # when routing ran (also when it found nobody)
    claimedAt: NotRequired[DateTime | None]
    answeredAt: NotRequired[DateTime | None]
    answer: NotRequired[str | None]
    via: NotRequired[str | None]  # 'mail' for a question asked by mail
    askerId: str | None  # None once the asker's account was deleted
    askerName: str | None
    about: Topic | None
    routes: list[RouteRow]
    claimedBy: VolunteerRef | None
    answeredBy: VolunteerRef | None


class CandidateRow(TypedDict):
    id: str
    languages: list[str] | None
    hoursPerMonth: int | None
    level: int | None
    proficiency: str | None
    openClaims: int


class AccountRef(TypedDict):
    id: str
    verified: bool


class NotificationRef(TypedDict):
    kind: str
    accountId: str | None
    accountEmail: str | None
    questionId: str | None


class QuestionFilter(TypedDict):
    """Staff's filter: statuses (None: all), only questions unanswered after `days` days, a topic's slug."""

    statuses: list[str] | None
    unanswered: bool
    days: int
    tool: str | None
    skill: str | None


class HelpRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def _rows(self, query: str, **parameters: Any) -> list[QuestionRow]:
        return [cast(QuestionRow, record["row"]) async for record in await self.tx.run(query, parameters)]

    # Asking

    async def topic_exists(self, label: str, slug: str) -> bool:
        assert label in ("Tool", "Skill")
        result = await self.tx.run(f"MATCH (x:{label} {{slug: $slug}}) RETURN count(x) AS n", slug=slug)
        record = await result.single()
        return bool(record and record["n"])

    async def open_questions_of(self, account_id: str) -> int:
        result = await self.tx.run(
            "MATCH (:Account {id: $account})-[:ASKED]->(q:HelpQuestion) WHERE q.status IN ['OPEN', 'CLAIMED'] "
            "RETURN count(q) AS n",
            account=account_id,
        )
        record = await result.single()
        return int(record["n"]) if record else 0

    async def create(
        self,
        question_id: str,
        account_id: str,
        text: str,
        language: str,
        topic: tuple[str, str] | None,
        message_id: str | None,
        via: str,
    ) -> None:
        """The question, asked by the account, about the topic (label, slug) when there is one."""
        await self.tx.run(
            "MATCH (a:Account {id: $account}) "
            "CREATE (a)-[:ASKED]->(q:HelpQuestion {id: $id, text: $text, status: 'OPEN', askedAt: datetime(), "
            "language: $language, messageId: $messageId, via: $via})",
            id=question_id,
            account=account_id,
            text=text,
            language=language,
            messageId=message_id,
            via=via,
        )
        if topic is not None:
            label, slug = topic
            assert label in ("Tool", "Skill")
            await self.tx.run(
                f"MATCH (q:HelpQuestion {{id: $id}}), (x:{label} {{slug: $slug}}) CREATE (q)-[:ABOUT]->(x)",
                id=question_id,
                slug=slug,
            )

    # Reading

    async def get(self, question_id: str) -> QuestionRow | None:
        found = await self._rows(f"MATCH (q:HelpQuestion {{id: $id}}) RETURN {QUESTION} AS row", id=question_id)
        return found[0] if found else None

    async def lock(self, question_id: str) -> bool:
        """Takes the question's write lock for the rest of the transaction, so what is read next is not changed
        by another claim or answer until this one commits; False when there is no such question."""
        result = await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id}) SET q._lock = true REMOVE q._lock RETURN count(q) AS n", id=question_id
        )
        record = await result.single()
        return bool(record and record["n"])

    async def asked_by(
        self, account_id: str, after: tuple[str, str] | None, limit: int
    ) -> tuple[list[QuestionRow], int]:
        match = "MATCH (:Account {id: $account})-[:ASKED]->(q:HelpQuestion)"
        return await self._page(match, "true", {"account": account_id}, after, limit)

    async def routed_to(
        self, volunteer_ids: list[str], statuses: list[str] | None, after: tuple[str, str] | None, limit: int
    ) -> tuple[list[QuestionRow], int]:
        match = "MATCH (q:HelpQuestion) WHERE EXISTS { (q)-[:ROUTED_TO]->(v:Volunteer) WHERE v.id IN $volunteers }"
        condition = "($statuses IS NULL OR q.status IN $statuses)"
        return await self._page(match, condition, {"volunteers": volunteer_ids, "statuses": statuses}, after, limit)

    async def filtered(
        self, f: QuestionFilter, after: tuple[str, str] | None, limit: int
    ) -> tuple[list[QuestionRow], int]:
        conditions = ["($statuses IS NULL OR q.status IN $statuses)"]
        if f["unanswered"]:
            conditions.append(UNANSWERED)
        if f["tool"]:
            conditions.append("EXISTS { (q)-[:ABOUT]->(:Tool {slug: $tool}) }")
        if f["skill"]:
            conditions.append("EXISTS { (q)-[:ABOUT]->(:Skill {slug: $skill}) }")
        return await self._page("MATCH (q:HelpQuestion)", " AND ".join(conditions), dict(f), after, limit)

    async def _page(
        self, match: str, condition: str, parameters: dict[str, Any], after: tuple[str, str] | None, limit: int
    ) -> tuple[list[QuestionRow], int]:
        joiner = " AND " if " WHERE " in match else " WHERE "
        rows = await self._rows(
            f"{match}{joiner}{condition} AND {AFTER} WITH q {ORDER} LIMIT $limit RETURN {QUESTION} AS row",
            afterAt=after[0] if after else None,
            afterId=after[1] if after else None,
            limit=limit,
            **parameters,
        )
        result = await self.tx.run(f"{match}{joiner}{condition} RETURN count(q) AS n", parameters)
        record = await result.single()
        return rows, int(record["n"]) if record else 0

    async def counts(self, days: int) -> dict[str, int]:
        """Questions per status, and `UNANSWERED` ones (open or claimed for more than `days` days)."""
        result = await self.tx.run(
            "MATCH (q:HelpQuestion) RETURN q.status AS status, count(q) AS n, "
            f"count(CASE WHEN {UNANSWERED} THEN 1 END) AS late",
            days=days,
        )
        counts: dict[str, int] = {"UNANSWERED": 0}
        async for record in result:
            counts[str(record["status"])] = int(record["n"])
            counts["UNANSWERED"] += int(record["late"])
        return counts

    # Routing

    async def candidates(self, question_id: str, topic: Topic | None, language: str) -> list[CandidateRow]:
        """Volunteers who could take the question: reachable (an account acts for them), not the asker's own
        profile, not out of hours; for a topic those who offer its skill or know its tool, best first."""
        reachable = (
            "EXISTS { (:Account)-[:ACTS_FOR]->(v) } "
            "AND NOT EXISTS { MATCH (asker:Account)-[:ASKED]->(:HelpQuestion {id: $id}) "
            "MATCH (asker)-[:ACTS_FOR]->(v) } "
            "AND coalesce(v.hoursPerMonth, 1) > 0"
        )
        if topic is not None and topic["kind"] == "skill":
            start = "MATCH (:Skill {slug: $slug})<-[o:OFFERS]-(v:Volunteer)"
            level, proficiency, order = "o.level", "null", "o.level DESC"
        elif topic is not None:
            start = "MATCH (:Tool {slug: $slug})<-[k:KNOWS]-(v:Volunteer)"
            level, proficiency = "null", "k.proficiency"
            order = "CASE k.proficiency WHEN 'EXPERT' THEN 0 WHEN 'INTERMEDIATE' THEN 1 ELSE 2 END"
        else:
            start = "MATCH (v:Volunteer) WHERE $language IN v.languages"
            level, proficiency, order = "null", "null", "coalesce(v.hoursPerMonth, 0) DESC"
        joiner = " AND " if " WHERE " in start else " WHERE "
        result = await self.tx.run(
            f"{start}{joiner}{reachable} "
            f"WITH v, {level} AS level, {proficiency} AS proficiency ORDER BY {order}, v.id LIMIT $limit "
            "RETURN v.id AS id, v.languages AS languages, v.hoursPerMonth AS hoursPerMonth, level, proficiency, "
            "COUNT { (v)-[:CLAIMED]->(c:HelpQuestion) WHERE c.status = 'CLAIMED' } AS openClaims",
            id=question_id,
            slug=topic["slug"] if topic else None,
            language=language,
            limit=CANDIDATE_LIMIT,
        )
        return [cast(CandidateRow, dict(record)) async for record in result]

    async def write_routes(self, question_id: str, routes: list[Route]) -> None:
        await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id}) SET q.routedAt = datetime() WITH q "
            "UNWIND $routes AS r MATCH (v:Volunteer {id: r.volunteer}) "
            "MERGE (q)-[x:ROUTED_TO]->(v) SET x.rank = r.rank, x.score = r.score, x.reasons = r.reasons",
            id=question_id,
            routes=[
                {
                    "volunteer": route.volunteer_id,
                    "rank": route.rank,
                    "score": route.score,
                    "reasons": json.dumps([reason.as_data() for reason in route.reasons]),
                }
                for route in routes
            ],
        )

    async def unrouted(self, older_than_s: float, limit: int) -> list[str]:
        """Open questions never routed (their route job was lost): the oldest first."""
        result = await self.tx.run(
            "MATCH (q:HelpQuestion) WHERE q.status = 'OPEN' AND q.routedAt IS NULL "
            "AND q.askedAt < datetime() - duration({seconds: $seconds}) "
            "RETURN q.id AS id ORDER BY q.askedAt LIMIT $limit",
            seconds=older_than_s,
            limit=limit,
        )
        return [str(record["id"]) async for record in result]

    # Claiming and answering

    async def routed_volunteer(self, question_id: str, party_ids: list[str]) -> str | None:
        """Which of these parties the question was routed to (a volunteer account acts for one)."""
        result = await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id})-[:ROUTED_TO]->(v:Volunteer) WHERE v.id IN $parties "
            "RETURN v.id AS id ORDER BY v.id LIMIT 1",
            id=question_id,
            parties=party_ids,
        )
        record = await result.single()
        return str(record["id"]) if record else None

    async def claim(self, question_id: str, volunteer_id: str) -> None:
        await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id}), (v:Volunteer {id: $volunteer}) "
            "SET q.status = 'CLAIMED', q.claimedAt = datetime() CREATE (v)-[:CLAIMED]->(q)",
            id=question_id,
            volunteer=volunteer_id,
        )

    async def answer(self, question_id: str, volunteer_id: str, text: str, message_id: str | None) -> None:
        await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id}), (v:Volunteer {id: $volunteer}) "
            "SET q.status = 'ANSWERED', q.answer = $text, q.answeredAt = datetime(), q.answerMessageId = $messageId "
            "CREATE (v)-[:ANSWERED]->(q)",
            id=question_id,
            volunteer=volunteer_id,
            text=text,
            messageId=message_id,
        )

    async def close(self, question_id: str) -> None:
        await self.tx.run(
            "MATCH (q:HelpQuestion {id: $id}) SET q.status = 'CLOSED', q.closedAt = datetime()", id=question_id
        )

    # Inbound mail

    async def account_by_email(self, email: str) -> AccountRef | None:
        result = await self.tx.run(
            "MATCH (a:Account {email: $email}) RETURN a.id AS id, coalesce(a.verified, false) AS verified",
            email=email,
        )
        record = await result.single()
        return cast(AccountRef, dict(record)) if record else None

    async def by_message_id(self, message_id: str) -> str | None:
        """The question that a mail with this Message-ID asked or answered already."""
        result = await self.tx.run(
            "CALL () { MATCH (q:HelpQuestion {messageId: $mid}) RETURN q "
            "UNION MATCH (q:HelpQuestion {answerMessageId: $mid}) RETURN q } RETURN q.id AS id LIMIT 1",
            mid=message_id,
        )
        record = await result.single()
        return str(record["id"]) if record else None

    async def notification(self, notification_id: str) -> NotificationRef | None:
        """A notification by id with the account it went to and the question it is about."""
        result = await self.tx.run(
            "MATCH (n:Notification {id: $id}) RETURN n.kind AS kind, "
            "COLLECT { MATCH (n)-[:TO]->(a:Account) RETURN a.id }[0] AS accountId, "
            "COLLECT { MATCH (n)-[:TO]->(a:Account) RETURN a.email }[0] AS accountEmail, "
            "COLLECT { MATCH (n)-[:CONCERNS]->(q:HelpQuestion) RETURN q.id }[0] AS questionId",
            id=notification_id,
        )
        record = await result.single()
        return cast(NotificationRef, dict(record)) if record else None

    async def acts_for(self, account_id: str) -> list[str]:
        result = await self.tx.run(
            "MATCH (:Account {id: $id})-[:ACTS_FOR]->(p) RETURN p.id AS id ORDER BY id", id=account_id
        )
        return [str(record["id"]) async for record in result]
