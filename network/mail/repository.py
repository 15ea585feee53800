"""Cypher of mail delivery: claiming due notifications, reading what their mails say, settling them, and the
mail preferences of accounts."""

from typing import Any, NotRequired, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.outbox.models import ALWAYS_SENT, MailFrequency, MailLanguage

_ALWAYS = sorted(ALWAYS_SENT)
# Due notifications: PENDING ones whose time came, and SENDING ones whose claim ran out (their run died).
_DUE = (
    "CALL () { MATCH (n:Notification {status: 'PENDING'}) WHERE n.nextTryAt <= datetime() RETURN n "
    "UNION MATCH (n:Notification {status: 'SENDING'}) WHERE n.claimedUntil < datetime() RETURN n } "
)
# Checked again once the notification is locked: a run claiming at the same time may have taken it meanwhile (read
# committed re-checks nothing when the write gets its lock).
_STILL_DUE = (
    "SET n._lock = true REMOVE n._lock WITH * WHERE (n.status = 'PENDING' AND n.nextTryAt <= datetime()) "
    "OR (n.status = 'SENDING' AND n.claimedUntil < datetime()) "
    "SET n.status = 'SENDING', n.claimedUntil = datetime() + duration({milliseconds: $leaseMs}) "
)
# The token of the unsubscribe link, made on first need: two random UUIDs (SecureRandom), 244 random bits.
_TOKEN = (
    "SET a.unsubscribeToken = coalesce(a.unsubscribeToken, "
    "replace(randomUUID(), '-', '') + replace(randomUUID(), '-', '')) "
)
_FREQUENCY = f"coalesce(a.mailFrequency, '{MailFrequency.IMMEDIATE.value}')"
_LANGUAGE = f"coalesce(a.language, '{MailLanguage.DE.value}')"
_NAME = "coalesce(p.name, p.displayName, p.title)"
# A side of a suggestion as a mail names it.
_SIDE = "{id: p.id, label: labels(p)[0], slug: p.slug, name: " + _NAME + "}"
# The other side of a suggestion, with what reasons in plain words need. Its contact address only in the mail that
# introduces it, and only when the sides are connected: what the API shows introduced parties (Viewer.introduced_to).
_OTHER = (
    "{id: o.id, label: labels(o)[0], slug: o.slug, name: coalesce(o.name, o.displayName, o.title), "
    "district: COLLECT { MATCH (o)-[:LOCATED_IN|AVAILABLE_IN]->(d:District) RETURN d.slug }[0], "
    "offers: COLLECT { MATCH (o)-[r:OFFERS]->(k:Skill) RETURN {skill: k.slug, level: r.level} }, "
    "needs: COLLECT { MATCH (o)-[r:NEEDS]->(k:Skill) RETURN {skill: k.slug, level: r.minLevel} }, "
    "contactEmail: CASE WHEN n.kind = 'INTRODUCED' AND EXISTS { MATCH (p)-[r:CONNECTED_WITH|MENTORS]-(o) "
    "WHERE (type(r) = 'CONNECTED_WITH' AND p:Association AND o:Association) "
    "OR (type(r) = 'MENTORS' AND ((p:Volunteer AND o:Association) OR (p:Association AND o:Volunteer))) } "
    "THEN o.contactEmail END}"
)
_SUGGESTION = (
    "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)<-[:FOR|OF]-(s)-[side:FOR|OF]->(o) "
    "WHERE s:Suggestion AND o <> p AND (p:Association OR p:Volunteer) WITH n, p, s, side, o ORDER BY p.id LIMIT 1 "
    "RETURN {id: s.id, kind: s.kind, status: s.status, reasons: s.reasons, acceptedBy: coalesce(s.acceptedBy, []), "
    f"otherIsFor: type(side) = 'FOR', mine: {_SIDE}, other: {_OTHER}}} }}[0]"
)
_EVENT = (
    "CASE WHEN e IS NULL THEN null ELSE e {.id, .slug, .title, .startsAt, .endsAt, .format, .status, "
    "district: COLLECT { MATCH (e)-[:LOCATED_IN]->(d:District) RETURN d.name }[0], "
    "registered: EXISTS { (a)-[:ACTS_FOR]->()-[:REGISTERED]->(e) }} END"
)


class AccountMail(TypedDict):
    """The account a mail goes to."""

    id: str
    email: str
    language: str  # a MailLanguage value
    frequency: str  # a MailFrequency value
    unsubscribeToken: str


class SideMail(TypedDict):
    id: str
    label: str  # Association, Volunteer or Event
    slug: str
    name: str


class SkillLevel(TypedDict):
    skill: str
    level: int


class OtherSideMail(SideMail):
    district: str | None  # slug
    offers: list[SkillLevel]  # a volunteer's skills and levels
    needs: list[SkillLevel]  # an association's needs and the least level each needs
    contactEmail: str | None  # only in an INTRODUCED mail to a connected side


class SuggestionMail(TypedDict):
    """A suggestion seen from the side the recipient acts for (`mine`)."""

    id: str
    kind: str  # a SuggestionKind value
    status: str  # a SuggestionStatus value
    reasons: str | None  # JSON, as the FOR side sees them
    acceptedBy: list[str]
    otherIsFor: bool  # the reasons were computed for the other side: their directions turn round
    mine: SideMail
    other: OtherSideMail


class EventMail(TypedDict):
    id: str
    slug: str
    title: str
    startsAt: DateTime
    endsAt: DateTime
    format: str  # an EventFormat value
    status: str  # SCHEDULED or CANCELLED
    district: str | None  # its name
    registered: bool  # a party the recipient acts for is registered


class MailRow(TypedDict):
    """A claimed notification with everything its mail says, read when it is sent."""

    id: str
    kind: str  # a NotificationKind value
    stage: str
    data: str  # JSON
    tries: int
    account: AccountMail | None  # None: the account was deleted
    subject: str | None  # the label of what it is about; None: that was deleted
    suggestion: SuggestionMail | None  # when it is about a suggestion the recipient acts for a side of
    event: EventMail | None  # when it is about an event, or an invite to one


class DigestClaim(TypedDict):
    account: str
    ids: list[str]


class Outcome(TypedDict):
    """How a claimed notification ends (`DeliveryRepository.settle`)."""

    id: str
    status: str  # a NotificationStatus value; PENDING puts it back for a later try
    error: str | None
    messageId: NotRequired[str]
    tried: int  # 1 when this try counts against MAIL_MAX_TRIES
    delayMs: NotRequired[int]  # for PENDING: when it is tried again


class Labels(TypedDict):
    """Names of catalogue entries by slug: per list, slug -> [German, English]; tool shares 0 to 1."""

    tools: dict[str, list[str]]
    skills: dict[str, list[str]]
    fields: dict[str, list[str]]
    targetGroups: dict[str, list[str]]
    districts: dict[str, list[str]]
    toolShares: dict[str, float]


class Preferences(TypedDict):
    frequency: str  # a MailFrequency value
    language: str  # a MailLanguage value


class DeliveryRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def claim(self, accounts: int, per_account: int, limit: int, lease_ms: int) -> list[str]:
        """Claims due notifications that go out at once: those of accounts that want mail at once or none (those
        are skipped), of kinds sent whatever the frequency, and of deleted accounts (skipped). Taken account by
        account, longest waiting first (up to `accounts` accounts, `per_account` each, `limit` in all), so that
        what one account has waiting arrives together and can make one mail."""
        result = await self.tx.run(
            _DUE + "OPTIONAL MATCH (n)-[:TO]->(a:Account) "
            f"WITH n, a WHERE a IS NULL OR n.kind IN $always OR {_FREQUENCY} IN ['IMMEDIATE', 'NEVER'] "
            "WITH a, collect(n) AS found, min(n.nextTryAt) AS first ORDER BY first LIMIT $accounts "
            "UNWIND found[..$perAccount] AS n WITH n, a LIMIT $limit " + _STILL_DUE + "WITH n, a "
            "CALL (a) { WITH a WHERE a IS NOT NULL " + _TOKEN + "} RETURN n.id AS id",
            accounts=accounts,
            perAccount=per_account,
            limit=limit,
            leaseMs=lease_ms,
            always=_ALWAYS,
        )
        return [record["id"] async for record in result]

    async def claim_digests(self, frequency: str, accounts: int, lease_ms: int) -> list[DigestClaim]:
        """Claims every due notification of up to `accounts` accounts that get `frequency` digests, per account."""
        result = await self.tx.run(
            _DUE + "MATCH (n)-[:TO]->(a:Account) WHERE a.mailFrequency = $frequency AND NOT n.kind IN $always "
            "WITH a, collect(n) AS found ORDER BY a.id LIMIT $accounts UNWIND found AS n "
            + _STILL_DUE
            + "WITH a, collect(n.id) AS ids "
            + _TOKEN
            + "RETURN a.id AS account, ids",
            frequency=frequency,
            accounts=accounts,
            leaseMs=lease_ms,
            always=_ALWAYS,
        )
        return [cast(DigestClaim, record.data()) async for record in result]

    async def mails(self, ids: list[str]) -> list[MailRow]:
        """The claimed notifications `ids` in that order, each with its account and subject as they are now."""
        result = await self.tx.run(
            "UNWIND range(0, size($ids) - 1) AS i MATCH (n:Notification {id: $ids[i]}) "
            "OPTIONAL MATCH (n)-[:TO]->(a:Account) OPTIONAL MATCH (n)-[:CONCERNS]->(s) "
            "OPTIONAL MATCH (s:Suggestion)-[:FOR]->(invited:Event) "
            "WITH i, n, a, s, coalesce(CASE WHEN s:Event THEN s END, invited) AS e "
            "RETURN n.id AS id, n.kind AS kind, coalesce(n.stage, '') AS stage, coalesce(n.data, '{}') AS data, "
            "coalesce(n.tries, 0) AS tries, "
            f"CASE WHEN a IS NULL THEN null ELSE a {{.id, .email, .unsubscribeToken, language: {_LANGUAGE}, "
            f"frequency: {_FREQUENCY}}} END AS account, labels(s)[0] AS subject, "
            f"CASE WHEN s:Suggestion AND a IS NOT NULL THEN {_SUGGESTION} END AS suggestion, {_EVENT} AS event "
            "ORDER BY i",
            ids=ids,
        )
        return [cast(MailRow, record.data()) async for record in result]

    async def labels(self, tools: list[str], skills: list[str], fields: list[str], groups: list[str]) -> Labels:
        """Names of the catalogue entries that reasons name (every district: there are twelve)."""
        record = await (
            await self.tx.run(
                "WITH COUNT { (:Association) } AS total "
                "RETURN COLLECT { MATCH (t:Tool) WHERE t.slug IN $tools RETURN [t.slug, t.name, t.name] } AS tools, "
                "COLLECT { MATCH (t:Tool) WHERE t.slug IN $tools RETURN [t.slug, CASE total WHEN 0 THEN 0.0 "
                "ELSE toFloat(COUNT { (t)<-[:USES]-(:Association) }) / total END] } AS toolShares, "
                "COLLECT { MATCH (k:Skill) WHERE k.slug IN $skills RETURN [k.slug, k.labelDe, k.labelEn] } AS skills, "
                "COLLECT { MATCH (f:Field) WHERE f.slug IN $fields RETURN [f.slug, f.labelDe, f.labelEn] } AS fields, "
                "COLLECT { MATCH (g:TargetGroup) WHERE g.slug IN $groups RETURN [g.slug, g.labelDe, g.labelEn] } "
                "AS targetGroups, COLLECT { MATCH (d:District) RETURN [d.slug, d.name, d.name] } AS districts",
                tools=tools,
                skills=skills,
                fields=fields,
                groups=groups,
            )
        ).single(strict=True)

        def named(rows: list[list[Any]]) -> dict[str, list[str]]:
            return {row[0]: [str(row[1] or row[0]), str(row[2] or row[1] or row[0])] for row in rows}

        return {
            "tools": named(record["tools"]),
            "skills": named(record["skills"]),
            "fields": named(record["fields"]),
            "targetGroups": named(record["targetGroups"]),
            "districts": named(record["districts"]),
            "toolShares": {row[0]: float(row[1]) for row in record["toolShares"]},
        }

    async def settle(self, outcomes: list[Outcome]) -> int:
        """Ends claims: SENT, FAILED or SKIPPED for good, or PENDING again (later, when `delayMs` is given). Only
        notifications still claimed change; returns how many did."""
        record = await (
            await self.tx.run(
                "UNWIND $rows AS row MATCH (n:Notification {id: row.id}) WHERE n.status = 'SENDING' "
                "SET n.status = row.status, n.error = row.error, n.claimedUntil = null, "
                "n.tries = coalesce(n.tries, 0) + row.tried, n.messageId = coalesce(row.messageId, n.messageId), "
                "n.sentAt = CASE WHEN row.status = 'SENT' THEN datetime() ELSE n.sentAt END, "
                "n.nextTryAt = CASE WHEN row.delayMs IS NULL THEN n.nextTryAt "
                "ELSE datetime() + duration({milliseconds: row.delayMs}) END "
                "RETURN count(n) AS n",
                rows=[{"messageId": None, "delayMs": None, **outcome} for outcome in outcomes],
            )
        ).single()
        return int(record["n"]) if record else 0

    async def prune(self, days: int, limit: int) -> int:
        """Deletes up to `limit` settled notifications (SENT, SKIPPED, FAILED) made more than `days` ago."""
        record = await (
            await self.tx.run(
                "WITH datetime() - duration({days: $days}) AS cutoff "
                "UNWIND ['SENT', 'SKIPPED', 'FAILED'] AS status "
                "MATCH (n:Notification {status: status}) WHERE n.createdAt < cutoff "
                "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n",
                days=days,
                limit=limit,
            )
        ).single()
        return int(record["n"]) if record else 0


class PreferencesRepository:
    """How often an account gets mail, and in which language."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def get(self, account_id: str) -> Preferences | None:
        record = await (
            await self.tx.run(
                f"MATCH (a:Account {{id: $id}}) RETURN {_FREQUENCY} AS frequency, {_LANGUAGE} AS language",
                id=account_id,
            )
        ).single()
        return cast(Preferences, record.data()) if record else None

    async def set(self, account_id: str, frequency: str | None, language: str | None) -> Preferences | None:
        """Changes what is not None."""
        record = await (
            await self.tx.run(
                "MATCH (a:Account {id: $id}) SET a.mailFrequency = coalesce($frequency, a.mailFrequency), "
                "a.language = coalesce($language, a.language) "
                f"RETURN {_FREQUENCY} AS frequency, {_LANGUAGE} AS language",
                id=account_id,
                frequency=frequency,
                language=language,
            )
        ).single()
        return cast(Preferences, record.data()) if record else None

    async def token_known(self, token: str) -> bool:
        record = await (
            await self.tx.run("RETURN EXISTS { (:Account {unsubscribeToken: $token}) } AS known", token=token)
        ).single()
        return bool(record and record["known"])

    async def unsubscribe(self, token: str) -> bool:
        """The account of the unsubscribe link `token` gets no more mail (but for ALWAYS_SENT kinds)."""
        record = await (
            await self.tx.run(
                "MATCH (a:Account {unsubscribeToken: $token}) SET a.mailFrequency = 'NEVER' RETURN count(a) AS n",
                token=token,
            )
        ).single()
        return bool(record and record["n"])
