"""Every mutation of the API as the matrix sends it: its document, its variables, and what it does when allowed."""

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from arq.constants import default_queue_name, job_key_prefix

from network.app import open_queue
from network.kit import tasks
from network.kit.database import Database
from network.kit.global_id import from_global_id
from tests.authz.cast import Cast, association_input, event_input, starts_at, volunteer_input
from tests.authz.client import ERRORS, cypher
from tests.support.settings import make_settings

Effect = Callable[[Database, Cast, str, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class Mutation:
    query: str
    key: str  # the payload field with the result: null (or false) when refused
    variables: Callable[[Cast], dict[str, Any]]
    effect: Effect  # checks that an allowed call did what it says, given the caller's name and the payload
    subject: str = "association"  # whose creator is the "owner": an association, a volunteer profile
    event: bool = False  # needs an event, made by staff
    suggestion: bool = False  # needs a proposed peer suggestion for the owner's association
    fresh: tuple[str, ...] = ()  # callers made for this cell alone, because the operation uses them up
    registered: bool = False  # the owner's association is registered for the event
    question: str = ""  # "routed": needs the owner's question, routed to the volunteer; "claimed": claimed by it too
    payload: bool = True  # False: answers with its object (under `key` here) and is refused with a GraphQL error
    report: str = ""  # "pending": needs the owner's experience report; "approved": approved by staff too


def _doc(head: str, call: str, result: str) -> str:
    return f"mutation{head} {{ {call} {{ {result} {ERRORS} }} }}"


async def _one(db: Database, query: str, **parameters: Any) -> dict[str, Any] | None:
    rows = await cypher(db, query, **parameters)
    return rows[0] if rows else None


def _actors(label: str) -> str:
    return (
        f"MATCH (n:{label} {{slug: $slug}}) RETURN n {{.*}} AS node, "
        "COLLECT { MATCH (a:Account)-[:ACTS_FOR]->(n) RETURN a.id } AS actors"
    )


async def _made(db: Database, cast: Cast, caller: str, label: str) -> dict[str, Any]:
    found = await _one(db, _actors(label), slug=cast.slugs("new"))
    assert found is not None, f"no {label} {cast.slugs('new')}"
    creator = cast[caller]
    assert creator is not None
    # Members and volunteers act for what they create; staff create for others and act for nothing.
    assert found["actors"] == ([] if caller == "staff" else [creator.id])
    return found["node"]  # type: ignore[no-any-return]


async def _association_created(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    node = await _made(db, cast, caller, "Association")
    assert node["contactEmail"] == f"{cast.slugs('new')}@example.org"
    assert payload["association"]["canEdit"] is True


async def _volunteer_created(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    node = await _made(db, cast, caller, "Volunteer")
    assert node["displayName"] == f"Volunteer {cast.slugs('new')}"


def _property(label: str, name: str, expected: Callable[[Cast], Any], slug: str = "assoc") -> Effect:
    async def check(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
        found = await _one(
            db, f"MATCH (n:{label} {{slug: $slug}}) RETURN n[$name] AS value", slug=cast.slugs(slug), name=name
        )
        assert found == {"value": expected(cast)}

    return check


def _links(kinds: str, expected: list[str]) -> Effect:
    async def check(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
        found = await _one(
            db,
            f"MATCH (n:Association {{slug: $slug}}) "
            f"RETURN COLLECT {{ MATCH (n)-[:{kinds}]->(t) RETURN t.slug ORDER BY t.slug }} AS to",
            slug=cast.slugs("assoc"),
        )
        assert found == {"to": expected}

    return check


async def _association_gone(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    assert await _one(db, "MATCH (n {slug: $slug}) RETURN n", slug=cast.slugs("assoc")) is None


async def _registered(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    found = await _one(
        db,
        "MATCH (:Association {slug: $party})-[r:REGISTERED]->(:Event {slug: $event}) RETURN count(r) AS n",
        party=cast.slugs("assoc"),
        event=cast.slugs("event"),
    )
    assert found == {"n": 1} and payload["event"]["registeredCount"] == 1


async def _exported(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    data, account = payload["data"], cast[caller]
    assert account is not None and data["account"]["email"] == account.email
    assert "passwordHash" not in data["account"] and "tokenVersion" not in data["account"]
    # Only the owner acts for the association; nobody else's export may hold it.
    assert (cast.slugs("assoc") in {a["slug"] for a in data["associations"]}) == (caller == "owner")
    assert (cast.slugs("assoc") in str(data)) == (caller == "owner")


async def _erased(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    account = cast[caller]
    assert account is not None
    assert await _one(db, "MATCH (a:Account {id: $id}) RETURN a", id=account.id) is None
    survivor = await _one(db, _actors("Association"), slug=cast.slugs("assoc"))
    owner = cast["owner"]
    assert owner is not None
    if caller == "owner":
        assert survivor is None  # only the owner acted for it, so it went with the account
    else:
        assert survivor is not None and survivor["actors"] == [owner.id]


async def _answered(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    suggestion = cast.subject["suggestion"]
    found = await _one(
        db,
        "MATCH (s:Suggestion {id: $id}) RETURN s.status AS status, s.acceptedBy AS acceptedBy",
        id=suggestion["node"],
    )
    assert found == {"status": "PROPOSED", "acceptedBy": [suggestion["party"]]}  # one side accepted so far
    assert payload["suggestion"]["status"] == "PROPOSED"


async def _seen(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    suggestion = cast.subject["suggestion"]
    found = await _one(db, "MATCH (s:Suggestion {id: $id}) RETURN s.seenBy AS seenBy", id=suggestion["node"])
    assert found == {"seenBy": [suggestion["party"]]}  # the owner's side only
    assert payload["marked"] == 1


async def _recompute_queued(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    """The run is recorded and queued; then it is withdrawn, so no later worker runs a full recompute for it."""
    run = payload["run"]
    assert (run["kind"], run["status"]) == ("suggestions.recompute", "QUEUED")
    assert await _one(db, "MATCH (r:JobRun {id: $id}) RETURN r.status AS status", id=run["id"]) == {"status": "QUEUED"}
    async with open_queue(make_settings()) as queue:
        assert await queue.zrem(default_queue_name, run["id"]) == 1
        await queue.delete(job_key_prefix + run["id"])
    await cypher(db, "MATCH (r:JobRun {id: $id}) DETACH DELETE r", id=run["id"])


async def _withdrawn_route_job(question_id: str) -> None:
    """The route job an asked question queues, withdrawn: no later worker routes a test's question."""
    job_id = f"{tasks.HELP_ROUTE}:{question_id}"
    async with open_queue(make_settings()) as queue:
        assert await queue.zrem(default_queue_name, job_id) == 1
        await queue.delete(job_key_prefix + job_id)


async def _asked(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    account = cast[caller]
    assert account is not None
    question_id = from_global_id(payload["question"]["id"])[1]
    found = await _one(
        db,
        "MATCH (a:Account)-[:ASKED]->(q:HelpQuestion {id: $id}) "
        "RETURN a.id AS asker, q.status AS status, q.text AS text",
        id=question_id,
    )
    assert found == {
        "asker": account.id,
        "status": "OPEN",
        "text": f"Wie teile ich einen Ordner? ({cast.slugs('asked')})",
    }
    await _withdrawn_route_job(question_id)


def _question(status: str, answer: str | None = None) -> Effect:
    """The owner's question is in `status`; claimed and answered ones by the volunteer's profile."""

    async def check(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
        found = await _one(
            db,
            "MATCH (q:HelpQuestion {id: $id}) RETURN q.status AS status, q.answer AS answer, "
            "COLLECT { MATCH (a:Account)-[:ACTS_FOR]->(:Volunteer)-[:CLAIMED]->(q) RETURN a.id } AS claimedBy, "
            "COLLECT { MATCH (n:Notification {kind: 'HELP_ANSWERED'})-[:TO]->(a:Account) WHERE (n)-[:CONCERNS]->(q) "
            "RETURN a.id } AS answerTo",
            id=from_global_id(cast.subject["question"]["id"])[1],
        )
        volunteer, owner = cast["volunteer"], cast["owner"]
        assert volunteer is not None and owner is not None
        assert found == {
            "status": status,
            "answer": answer,
            "claimedBy": [volunteer.id] if status in ("CLAIMED", "ANSWERED") else [],
            "answerTo": [owner.id] if status == "ANSWERED" else [],  # the asker hears of the answer by mail
        }
        assert payload["question"]["status"] == status

    return check


async def _messaged(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    owner = cast["owner"]
    assert owner is not None
    found = await cypher(
        db,
        "MATCH (n:Notification {kind: 'EVENT_MESSAGE'})-[:CONCERNS]->(:Event {slug: $event}) "
        "MATCH (n)-[:TO]->(a:Account) RETURN a.id AS to, n.data AS data",
        event=cast.slugs("event"),
    )
    assert [(row["to"], json.loads(row["data"])) for row in found] == [
        (owner.id, {"subject": "Raumwechsel", "text": "Wir treffen uns in Raum 2."})
    ]
    assert payload["recipients"] == 1


async def _preferences_set(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    account = cast[caller]
    assert account is not None
    found = await _one(
        db, "MATCH (a:Account {id: $id}) RETURN a.mailFrequency AS frequency, a.language AS language", id=account.id
    )
    assert found == {"frequency": "WEEKLY", "language": "en"}
    assert payload["mailPreferences"] == {"frequency": "WEEKLY", "language": "EN"}


def _report(status: str, rating: int = 4) -> Effect:
    """The owner's experience report (on nextcloud, by the owner) has this status and rating."""

    async def check(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
        owner = cast["owner"]
        assert owner is not None
        found = await cypher(
            db,
            "MATCH (a:Account)-[:WROTE]->(r:ExperienceReport)<-[:REPORTED]-(:Association {slug: $slug}) "
            "MATCH (r)-[:ABOUT]->(t:Tool) "
            "RETURN a.id AS author, t.slug AS tool, r.status AS status, r.rating AS rating",
            slug=cast.slugs("assoc"),
        )
        assert found == [{"author": owner.id, "tool": "nextcloud", "status": status, "rating": rating}]
        assert payload["report"]["status"] == status

    return check


async def _report_gone(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    found = await cypher(
        db, "MATCH (r:ExperienceReport {id: $id}) RETURN r", id=from_global_id(cast.subject["report"]["id"])[1]
    )
    assert found == [] and payload["deletedId"] == cast.subject["report"]["id"]


async def _tips_set(db: Database, cast: Cast, caller: str, payload: dict[str, Any]) -> None:
    """The tool's tips are the given ones; then they are removed, so no other test sees them."""
    found = await cypher(
        db, "MATCH (:Tool {slug: 'etherpad'})-[:HAS_TIP]->(p:ToolTip) RETURN p.text AS text, p.language AS language"
    )
    assert found == [{"text": f"Tipp {cast.slugs.prefix}", "language": "de"}]
    assert payload["tool"]["slug"] == "etherpad"
    await cypher(db, "MATCH (:Tool {slug: 'etherpad'})-[:HAS_TIP]->(p:ToolTip) DETACH DELETE p")


REPORT = "report { status }"

MUTATIONS: dict[str, Mutation] = {
    "createAssociation": Mutation(
        _doc("($input: CreateAssociationInput!)", "createAssociation(input: $input)", "association { slug canEdit }"),
        "association",
        lambda c: {"input": association_input(c.slugs("new"))},
        _association_created,
    ),
    "updateAssociation": Mutation(
        _doc(
            "($slug: String!, $input: UpdateAssociationInput!)",
            "updateAssociation(slug: $slug, input: $input)",
            "association { slug }",
        ),
        "association",
        lambda c: {"slug": c.slugs("assoc"), "input": {"name": "Renamed"}},
        _property("Association", "name", lambda c: "Renamed"),
    ),
    "setAssociationTools": Mutation(
        _doc(
            "($slug: String!, $tools: [ToolUsageInput!]!)",
            "setAssociationTools(slug: $slug, tools: $tools)",
            "association { slug }",
        ),
        "association",
        lambda c: {"slug": c.slugs("assoc"), "tools": [{"tool": "bigbluebutton"}]},
        _links("USES", ["bigbluebutton"]),
    ),
    "setAssociationNeeds": Mutation(
        _doc(
            "($slug: String!, $needs: [SkillNeedInput!], $considers: [String!])",
            "setAssociationNeeds(slug: $slug, needs: $needs, considers: $considers)",
            "association { slug }",
        ),
        "association",
        lambda c: {"slug": c.slugs("assoc"), "needs": [{"skill": "nextcloud-administration"}], "considers": []},
        _links("NEEDS|CONSIDERS", ["nextcloud-administration"]),
    ),
    "deleteAssociation": Mutation(
        _doc("($slug: String!)", "deleteAssociation(slug: $slug)", "deletedId"),
        "deletedId",
        lambda c: {"slug": c.slugs("assoc")},
        _association_gone,
    ),
    "createVolunteerProfile": Mutation(
        _doc(
            "($input: CreateVolunteerProfileInput!)",
            "createVolunteerProfile(input: $input)",
            "volunteer { slug canEdit }",
        ),
        "volunteer",
        lambda c: {"input": volunteer_input(c.slugs("new"))},
        _volunteer_created,
        subject="volunteer",
        fresh=("volunteer",),
    ),
    "updateVolunteerProfile": Mutation(
        _doc(
            "($slug: String!, $input: UpdateVolunteerProfileInput!)",
            "updateVolunteerProfile(slug: $slug, input: $input)",
            "volunteer { slug }",
        ),
        "volunteer",
        lambda c: {"slug": c.slugs("vol"), "input": {"displayName": "Renamed", "hoursPerMonth": 9}},
        _property("Volunteer", "displayName", lambda c: "Renamed", slug="vol"),
        subject="volunteer",
    ),
    "createEvent": Mutation(
        _doc("($input: CreateEventInput!)", "createEvent(input: $input)", "event { slug }"),
        "event",
        lambda c: {"input": event_input(c.slugs("new"), starts_at(c.slugs.prefix))},
        _property("Event", "title", lambda c: f"Event {c.slugs('new')}", slug="new"),
    ),
    "updateEvent": Mutation(
        _doc(
            "($slug: String!, $input: UpdateEventInput!)", "updateEvent(slug: $slug, input: $input)", "event { slug }"
        ),
        "event",
        lambda c: {"slug": c.slugs("event"), "input": {"title": "Renamed", "capacity": 3}},
        _property("Event", "title", lambda c: "Renamed", slug="event"),
        event=True,
    ),
    "cancelEvent": Mutation(
        _doc("($slug: String!)", "cancelEvent(slug: $slug)", "event { slug status }"),
        "event",
        lambda c: {"slug": c.slugs("event")},
        _property("Event", "status", lambda c: "CANCELLED", slug="event"),
        event=True,
    ),
    "registerForEvent": Mutation(
        _doc(
            "($event: String!, $party: String!)",
            "registerForEvent(eventSlug: $event, partySlug: $party)",
            "event { slug registeredCount }",
        ),
        "event",
        lambda c: {"event": c.slugs("event"), "party": c.slugs("assoc")},
        _registered,
        event=True,
    ),
    "formEventGroups": Mutation(
        _doc("($event: String!)", "formEventGroups(eventSlug: $event, size: 2)", "event { slug } groups { number }"),
        "event",
        lambda c: {"event": c.slugs("event")},
        _property("Event", "groupSize", lambda c: 2, slug="event"),
        event=True,
    ),
    "exportMyData": Mutation(_doc("", "exportMyData", "data"), "data", lambda c: {}, _exported),
    "deleteMyAccount": Mutation(
        _doc("", "deleteMyAccount", "deleted profilesDeleted"),
        "deleted",
        lambda c: {},
        _erased,
        fresh=("member", "volunteer", "staff", "unverified"),
    ),
    "respondToSuggestion": Mutation(
        _doc("($id: ID!, $accept: Boolean!)", "respondToSuggestion(id: $id, accept: $accept)", "suggestion { status }"),
        "suggestion",
        lambda c: {"id": c.subject["suggestion"]["id"], "accept": True},
        _answered,
        suggestion=True,
    ),
    "markSuggestionsSeen": Mutation(
        _doc("($ids: [ID!]!)", "markSuggestionsSeen(ids: $ids)", "marked"),
        "marked",  # 0 when refused
        lambda c: {"ids": [c.subject["suggestion"]["id"]]},
        _seen,
        suggestion=True,
    ),
    "recomputeSuggestions": Mutation(
        "mutation { recomputeSuggestions { id kind status } }", "run", lambda c: {}, _recompute_queued, payload=False
    ),
    "messageEventParticipants": Mutation(
        _doc(
            "($slug: String!, $input: EventMessageInput!)",
            "messageEventParticipants(slug: $slug, input: $input)",
            "recipients",
        ),
        "recipients",  # 0 when refused
        lambda c: {"slug": c.slugs("event"), "input": {"subject": "Raumwechsel", "text": "Wir treffen uns in Raum 2."}},
        _messaged,
        event=True,
        registered=True,
    ),
    "askQuestion": Mutation(
        _doc("($input: AskQuestionInput!)", "askQuestion(input: $input)", "question { id status }"),
        "question",
        lambda c: {"input": {"text": f"Wie teile ich einen Ordner? ({c.slugs('asked')})", "tool": "nextcloud"}},
        _asked,
    ),
    "claimQuestion": Mutation(
        _doc("($id: ID!)", "claimQuestion(id: $id)", "question { status }"),
        "question",
        lambda c: {"id": c.subject["question"]["id"]},
        _question("CLAIMED"),
        question="routed",
    ),
    "answerQuestion": Mutation(
        _doc("($id: ID!, $text: String!)", "answerQuestion(id: $id, text: $text)", "question { status }"),
        "question",
        lambda c: {"id": c.subject["question"]["id"], "text": "Über einen Freigabe-Link."},
        _question("ANSWERED", "Über einen Freigabe-Link."),
        question="claimed",
    ),
    "closeQuestion": Mutation(
        _doc("($id: ID!)", "closeQuestion(id: $id)", "question { status }"),
        "question",
        lambda c: {"id": c.subject["question"]["id"]},
        _question("CLOSED"),
        question="routed",
    ),
    "setMailPreferences": Mutation(
        _doc(
            "($input: MailPreferencesInput!)",
            "setMailPreferences(input: $input)",
            "mailPreferences { frequency language }",
        ),
        "mailPreferences",
        lambda c: {"input": {"frequency": "WEEKLY", "language": "EN"}},
        _preferences_set,
        fresh=("member", "volunteer", "staff", "unverified"),  # each changes its own account
    ),
    "writeExperienceReport": Mutation(
        _doc("($input: ExperienceReportInput!)", "writeExperienceReport(input: $input)", REPORT),
        "report",
        lambda c: {
            "input": {"association": c.slugs("assoc"), "tool": "nextcloud", "rating": 4, "usedFor": "Dateiablage"}
        },
        _report("PENDING"),
    ),
    "editExperienceReport": Mutation(
        _doc("($id: ID!, $input: EditExperienceReportInput!)", "editExperienceReport(id: $id, input: $input)", REPORT),
        "report",
        lambda c: {"id": c.subject["report"]["id"], "input": {"rating": 2}},
        _report("PENDING", rating=2),  # a change waits for staff again
        report="approved",
    ),
    "deleteExperienceReport": Mutation(
        _doc("($id: ID!)", "deleteExperienceReport(id: $id)", "deletedId"),
        "deletedId",
        lambda c: {"id": c.subject["report"]["id"]},
        _report_gone,
        report="approved",
    ),
    "approveExperienceReport": Mutation(
        _doc("($id: ID!)", "approveExperienceReport(id: $id, revision: 1)", REPORT),
        "report",
        lambda c: {"id": c.subject["report"]["id"]},
        _report("APPROVED"),
        report="pending",
    ),
    "rejectExperienceReport": Mutation(
        _doc("($id: ID!)", 'rejectExperienceReport(id: $id, revision: 1, reason: "Werbung")', REPORT),
        "report",
        lambda c: {"id": c.subject["report"]["id"]},
        _report("REJECTED"),
        report="approved",  # taking an approved report down
    ),
    "setToolTips": Mutation(
        _doc("($tips: [ToolTipInput!]!)", 'setToolTips(tool: "etherpad", tips: $tips)', "tool { slug tips { text } }"),
        "tool",
        lambda c: {"tips": [{"text": f"Tipp {c.slugs.prefix}"}]},
        _tips_set,
    ),
}
