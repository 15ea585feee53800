"""Cypher for erasure and for the export of one account's data."""

import json
from typing import Any, Literal, TypedDict, cast

from neo4j import AsyncManagedTransaction
from neo4j.time import DateTime

from network.outbox.models import NotificationKind
from network.records.repository import RECORDS, StoredAssociation, StoredVolunteer

# What erasure deletes with the account: the notifications it was sent, those about the questions it asked (to the
# volunteers they were routed to: their `data` quotes the question) and those about the suggestions that go with
# its profiles. Everything they could still say is gone with them, so none of them is ever sent.
_NOTIFICATIONS = (
    "CALL (a, derived) { MATCH (n:Notification)-[:TO]->(a) RETURN n "
    "UNION MATCH (a)-[:ASKED]->(:HelpQuestion)<-[:CONCERNS]-(n:Notification) RETURN n "
    "UNION UNWIND derived AS x MATCH (n:Notification)-[:CONCERNS]->(x) RETURN n } "
)

# The experience reports that go with the account: those it wrote (their text is its own, even where another member
# of the association changed it since) and those of the associations that go with it.
_REPORTS = (
    "CALL (a, subjects) { MATCH (a)-[:WROTE]->(r:ExperienceReport) RETURN r "
    "UNION UNWIND subjects AS s MATCH (s)-[:REPORTED]->(r:ExperienceReport) RETURN r } "
)


class ErasedCounts(TypedDict, total=False):
    profiles: int  # the volunteer profile and the associations only this account acted for
    suggestions: int  # suggestions for or about those
    questions: int  # technical questions the account asked
    reports: int  # experience reports the account wrote, and those of the associations that went with it
    notifications: int  # notifications to the account, and about what was deleted with it
    # associations that stay but lost an approved report the account wrote: a change of their peer suggestions'
    # inputs (REPORTED_ON), which the change feed must hear of
    reporting: list[str]


class Erasure(ErasedCounts, total=False):
    """What `erase` deleted, and the account's e-mail address; empty when there was no such account."""

    email: str


class ExportedAccount(TypedDict):
    id: str
    email: str
    role: str  # a Role value
    createdAt: DateTime


class MailPreferencesRow(TypedDict):
    frequency: str  # a MailFrequency value
    language: str  # a MailLanguage value


class ConnectionRow(TypedDict):
    party: str  # slug of the account's association or volunteer
    connectedWith: str  # slug of the other party
    kind: Literal["MENTORING", "PEER"]


class RegistrationRow(TypedDict):
    party: str  # slug
    event: str  # slug
    at: DateTime


class SuggestionRow(TypedDict):
    kind: str
    score: float
    status: str
    reasons: str  # JSON
    computedAt: DateTime
    party: str  # slug of the account's association or volunteer


class NotificationRow(TypedDict):
    kind: str  # a NotificationKind value
    status: str  # a NotificationStatus value
    createdAt: DateTime
    sentAt: DateTime | None
    data: str | None  # JSON: what the mail says beyond its subject (the question, the answer, the reasons)


class TopicRow(TypedDict):
    kind: str  # 'tool' or 'skill'
    slug: str


class AskedRow(TypedDict):
    text: str
    status: str  # a QuestionStatus value
    language: str
    about: TopicRow | None
    askedAt: DateTime
    answer: str | None
    answeredAt: DateTime | None


class AnsweredRow(TypedDict):
    volunteer: str  # slug of the account's volunteer profile that answered
    text: str
    about: TopicRow | None
    answer: str
    answeredAt: DateTime


class WrittenReportRow(TypedDict):
    association: str | None  # slug
    tool: str  # slug
    replaced: str | None  # slug
    rating: int
    usedFor: str
    wentWell: str
    wentBadly: str
    switchDuration: str | None
    tips: str
    language: str
    status: str
    moderationReason: str | None
    createdAt: DateTime
    submittedAt: DateTime


class Export(TypedDict):
    account: ExportedAccount
    mailPreferences: MailPreferencesRow
    associations: list[StoredAssociation]
    volunteers: list[StoredVolunteer]
    connections: list[ConnectionRow]
    registrations: list[RegistrationRow]
    suggestions: list[SuggestionRow]
    notifications: list[NotificationRow]
    questionsAsked: list[AskedRow]
    questionsAnswered: list[AnsweredRow]
    experienceReports: list[WrittenReportRow]


_TOPIC = (
    "COLLECT { MATCH (q)-[:ABOUT]->(x) WHERE x:Tool OR x:Skill "
    "RETURN {kind: CASE WHEN x:Tool THEN 'tool' ELSE 'skill' END, slug: x.slug} }[0]"
)


class PrivacyRepository:
    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self.tx = tx

    async def erase(self, account_id: str) -> Erasure:
        """Deletes the account, its volunteer profile, the associations only it acts for, what derives from them
        (suggestions for or about them, registrations, connections, mentoring links), the questions it asked (with
        their routes, claims and answers), and its notifications and those about what was deleted."""
        await self._release_help(account_id)
        record = await (
            await self.tx.run(
                "MATCH (a:Account {id: $account}) "
                "CALL (a) { OPTIONAL MATCH (a)-[:ACTS_FOR]->(s) WHERE s:Volunteer OR (s:Association AND NOT EXISTS "
                "{ (other:Account)-[:ACTS_FOR]->(s) WHERE other <> a }) RETURN collect(DISTINCT s) AS subjects } "
                "CALL (subjects) { UNWIND subjects AS s MATCH (x:Suggestion)-[:FOR|OF]->(s) "
                "RETURN collect(DISTINCT x) AS derived } "
                "CALL (a) { OPTIONAL MATCH (a)-[:ASKED]->(q:HelpQuestion) RETURN collect(q) AS asked } "
                f"CALL (a, subjects) {{ {_REPORTS} RETURN collect(DISTINCT r) AS written }} "
                "CALL (written, subjects) { UNWIND written AS r MATCH (n:Association)-[:REPORTED]->(r) "
                "WHERE r.status = 'APPROVED' AND NOT n IN subjects RETURN collect(DISTINCT n.id) AS reporting } "
                f"CALL (a, derived) {{ {_NOTIFICATIONS} RETURN collect(DISTINCT n) AS notices }} "
                # An association that others still act for survives, but not with the subject's address as contact.
                "CALL (a) { MATCH (a)-[:ACTS_FOR]->(kept:Association) WHERE kept.contactEmail = a.email "
                "SET kept.contactEmail = null } "
                "WITH a, a.email AS email, subjects, derived, asked, written, notices, reporting, "
                "size(subjects) AS profiles, "
                "size(derived) AS suggestions, size(asked) AS questions, size(written) AS reports, "
                "size(notices) AS notifications "
                "FOREACH (n IN notices | DETACH DELETE n) "
                "FOREACH (q IN asked | DETACH DELETE q) "
                "FOREACH (r IN written | DETACH DELETE r) "
                "FOREACH (x IN derived | DETACH DELETE x) "
                "FOREACH (s IN subjects | DETACH DELETE s) "
                "DETACH DELETE a RETURN profiles, suggestions, questions, reports, notifications, reporting, email",
                account=account_id,
            )
        ).single()
        if record is None:
            return {}
        return {
            "profiles": record["profiles"],
            "suggestions": record["suggestions"],
            "questions": record["questions"],
            "reports": record["reports"],
            "notifications": record["notifications"],
            "reporting": sorted(record["reporting"]),
            "email": record["email"],
        }

    async def _release_help(self, account_id: str) -> None:
        """What the account's volunteer profile did for other people's questions, before the profile goes: a
        question it claimed and did not answer is open again (the other volunteers it was routed to may claim it, or,
        when it went to this volunteer alone, the routing finds others);
        one it answered keeps its answer, but not the reply's Message-ID, and the asker's pending mail of it no
        longer names the volunteer (the mail then says that someone answered)."""
        await self.tx.run(
            "MATCH (:Account {id: $account})-[:ACTS_FOR]->(:Volunteer)-[:CLAIMED]->(q:HelpQuestion) "
            "WHERE q.status = 'CLAIMED' SET q.status = 'OPEN', q.claimedAt = null",
            account=account_id,
        )
        # An open question that went to this volunteer alone would wait for nobody: the routing's catch-up (every
        # few minutes) takes it as never routed and finds it other volunteers.
        await self.tx.run(
            "MATCH (:Account {id: $account})-[:ACTS_FOR]->(v:Volunteer)<-[:ROUTED_TO]-(q:HelpQuestion) "
            "WHERE q.status = 'OPEN' AND NOT EXISTS { (q)-[:ROUTED_TO]->(other:Volunteer) WHERE other <> v } "
            "SET q.routedAt = null",
            account=account_id,
        )
        result = await self.tx.run(
            "MATCH (:Account {id: $account})-[:ACTS_FOR]->(:Volunteer)-[:ANSWERED]->(q:HelpQuestion) "
            "SET q.answerMessageId = null "
            "WITH q MATCH (n:Notification {kind: $kind})-[:CONCERNS]->(q) RETURN n.id AS id, n.data AS data",
            account=account_id,
            kind=NotificationKind.HELP_ANSWERED.value,
        )
        rows = [{"id": record["id"], "data": _without_answerer(record["data"])} async for record in result]
        if rows:
            await self.tx.run(
                "UNWIND $rows AS row MATCH (n:Notification {id: row.id}) SET n.data = row.data", rows=rows
            )

    async def export(self, account_id: str) -> Export | None:
        record = await (
            await self.tx.run(
                "MATCH (a:Account {id: $account}) "
                "RETURN a {.id, .email, .role, .createdAt} AS account, "
                # The unsubscribe token stays out: it is a credential (it changes the account without a log-in).
                "{frequency: coalesce(a.mailFrequency, 'IMMEDIATE'), language: coalesce(a.language, 'de')} "
                "AS mailPreferences, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(n:Association) "
                f"RETURN {RECORDS['Association']} }} AS associations, "
                f"COLLECT {{ MATCH (a)-[:ACTS_FOR]->(n:Volunteer) RETURN {RECORDS['Volunteer']} }} AS volunteers, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)-[:CONNECTED_WITH|MENTORS]-(other) "
                "RETURN DISTINCT {party: p.slug, connectedWith: other.slug, "
                "kind: CASE WHEN other:Volunteer OR p:Volunteer THEN 'MENTORING' ELSE 'PEER' END} } AS connections, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)-[r:REGISTERED]->(e:Event) "
                "RETURN {party: p.slug, event: e.slug, at: r.at} } AS registrations, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(p)<-[:FOR|OF]-(s:Suggestion) "
                "RETURN s {.kind, .score, .status, .reasons, .computedAt, party: p.slug} } AS suggestions, "
                "COLLECT { MATCH (n:Notification)-[:TO]->(a) WITH n ORDER BY n.createdAt, n.id "
                "RETURN n {.kind, .status, .createdAt, .sentAt, .data} } AS notifications, "
                "COLLECT { MATCH (a)-[:ASKED]->(q:HelpQuestion) WITH q ORDER BY q.askedAt, q.id "
                f"RETURN q {{.text, .status, .language, .askedAt, .answer, .answeredAt, about: {_TOPIC}}} }} "
                "AS questionsAsked, "
                "COLLECT { MATCH (a)-[:ACTS_FOR]->(v:Volunteer)-[:ANSWERED]->(q:HelpQuestion) "
                "WITH v, q ORDER BY q.answeredAt, q.id "
                f"RETURN q {{volunteer: v.slug, .text, .answer, .answeredAt, about: {_TOPIC}}} }} "
                "AS questionsAnswered, "
                "COLLECT { MATCH (a)-[:WROTE]->(r:ExperienceReport) WITH r ORDER BY r.createdAt, r.id "
                "RETURN r {.rating, .usedFor, .wentWell, .wentBadly, .switchDuration, .tips, .language, .status, "
                ".moderationReason, .createdAt, .submittedAt, "
                "association: COLLECT { MATCH (n:Association)-[:REPORTED]->(r) RETURN n.slug }[0], "
                "tool: COLLECT { MATCH (r)-[:ABOUT]->(t:Tool) RETURN t.slug }[0], "
                "replaced: COLLECT { MATCH (r)-[:REPLACED]->(t:Tool) RETURN t.slug }[0]} } AS experienceReports",
                account=account_id,
            )
        ).single()
        return cast(Export, record.data()) if record else None


def _without_answerer(data: str | None) -> str:
    """A HELP_ANSWERED notification's `data` without the name of the volunteer who answered."""
    parsed: dict[str, Any] = json.loads(data) if data else {}
    parsed["answeredBy"] = None
    return json.dumps(parsed)
