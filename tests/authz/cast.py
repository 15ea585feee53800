"""The people and things of an authorisation test: callers of each role, and subjects made through the API (a
suggestion as a run writes it)."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from network.help.repository import HelpRepository
from network.help.routing import Route, RouteReason
from network.help.service import routed_data
from network.kit.database import Database
from network.kit.global_id import from_global_id, to_global_id
from network.matching.weights import ALGORITHM_VERSION
from network.outbox.models import NotificationKind
from network.outbox.repository import NotificationRow, Outbox
from network.suggestions.models import SuggestionKind, peer_key
from network.suggestions.repository import SuggestionWrites
from tests.authz.client import ERRORS, Client, cypher
from tests.support.accounts import TestAccount
from tests.support.cleanup import Slugs

CALLERS = ("anonymous", "member", "owner", "volunteer", "staff", "unverified")

CREATE_ASSOCIATION = (
    "mutation($input: CreateAssociationInput!) { createAssociation(input: $input) "
    f"{{ association {{ id slug contactEmail canEdit }} {ERRORS} }} }}"
)
CREATE_VOLUNTEER = (
    "mutation($input: CreateVolunteerProfileInput!) { createVolunteerProfile(input: $input) "
    f"{{ volunteer {{ id slug contactEmail canEdit }} {ERRORS} }} }}"
)
ASK_QUESTION = (
    f"mutation($input: AskQuestionInput!) {{ askQuestion(input: $input) {{ question {{ id status text }} {ERRORS} }} }}"
)
QUESTION_PAYLOAD = f"{{ question {{ status }} {ERRORS} }}"
CLAIM_QUESTION = f"mutation($id: ID!) {{ claimQuestion(id: $id) {QUESTION_PAYLOAD} }}"
ANSWER_QUESTION = f"mutation($id: ID!, $text: String!) {{ answerQuestion(id: $id, text: $text) {QUESTION_PAYLOAD} }}"
WRITE_REPORT = (
    "mutation($input: ExperienceReportInput!) { writeExperienceReport(input: $input) "
    f"{{ report {{ id revision }} {ERRORS} }} }}"
)
APPROVE_REPORT = (
    f"mutation($id: ID!) {{ approveExperienceReport(id: $id, revision: 1) {{ report {{ status }} {ERRORS} }} }}"
)
CREATE_EVENT = (
    f"mutation($input: CreateEventInput!) {{ createEvent(input: $input) {{ event {{ id slug canEdit }} {ERRORS} }} }}"
)


def association_input(slug: str, **overrides: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": f"Verein {slug}",
        "district": "mitte",
        "contactEmail": f"{slug}@example.org",
        "tools": [{"tool": "nextcloud", "proficiency": "BEGINNER"}],
        "considers": ["bigbluebutton"],
        "needs": [{"skill": "gdpr-basics-for-associations", "minLevel": 3, "priority": 1}],
        "visibility": "PUBLIC",
        **overrides,
    }


def volunteer_input(slug: str, **overrides: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "displayName": f"Volunteer {slug}",
        "languages": ["de"],
        "remote": True,
        "contactEmail": f"{slug}@example.org",
        "skills": [{"skill": "gdpr-basics-for-associations", "level": 5}],
        "tools": [{"tool": "nextcloud", "proficiency": "EXPERT"}],
        **overrides,
    }


def starts_at(prefix: str) -> dt.datetime:
    """A start time of this test's own, so a filter on it lists this test's events only."""
    minutes = int(hashlib.sha256(prefix.encode()).hexdigest()[:8], 16) % (60 * 24 * 365 * 50)
    return dt.datetime(2040, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)


def event_input(slug: str, at: dt.datetime, **overrides: Any) -> dict[str, Any]:
    return {
        "slug": slug,
        "title": f"Event {slug}",
        "startsAt": at.isoformat(),
        "endsAt": (at + dt.timedelta(hours=2)).isoformat(),
        "capacity": 40,
        "about": {"tools": ["nextcloud"]},
        **overrides,
    }


def created(client: Client, account: TestAccount, query: str, key: str, data: dict[str, Any]) -> dict[str, Any]:
    """Makes something through the API as `account`; fails the test when that is refused."""
    payload = next(iter(client.data(query, account, input=data).values()))
    assert payload["errors"] == [], payload
    return payload[key]  # type: ignore[no-any-return]


async def route_question(db: Database, question: str, volunteers: list[str]) -> None:
    """Routes a question (global id) to volunteer profiles (global ids, best first) as the route job writes it: the
    routes and a HELP_ROUTED notification to each volunteer's account (the job itself ranks every volunteer of the
    graph, which a test cannot pin down)."""
    question_id = from_global_id(question)[1]
    routes = [
        Route(from_global_id(volunteer)[1], rank, 1.0 / rank, (RouteReason("KNOWS_TOOL", "nextcloud:EXPERT", 1.0),))
        for rank, volunteer in enumerate(volunteers, start=1)
    ]

    async def work(tx: AsyncManagedTransaction) -> None:
        repository = HelpRepository(tx)
        row = await repository.get(question_id)
        assert row is not None, question
        await repository.write_routes(question_id, routes)
        rows: list[NotificationRow] = [
            {"subject": question_id, "to": [r.volunteer_id], "data": routed_data(row, r)} for r in routes
        ]
        await Outbox(tx).to_parties(NotificationKind.HELP_ROUTED, "HelpQuestion", rows)

    await db.write(work)


@dataclass
class Cast:
    """Callers by name; `owner` is whoever created (and so acts for) the subject of the operation."""

    client: Client
    slugs: Slugs
    callers: dict[str, TestAccount | None] = field(default_factory=dict)
    subject: dict[str, Any] = field(default_factory=dict)  # slug of the association, volunteer, event; their ids

    def __getitem__(self, name: str) -> TestAccount | None:
        return self.callers[name]

    @property
    def account_ids(self) -> list[str]:
        return [account.id for account in self.callers.values() if account is not None]

    def association(self, owner: TestAccount, name: str = "assoc", **overrides: Any) -> dict[str, Any]:
        made = created(
            self.client, owner, CREATE_ASSOCIATION, "association", association_input(self.slugs(name), **overrides)
        )
        self.subject[name] = made
        return made

    def volunteer(self, owner: TestAccount, name: str = "vol", **overrides: Any) -> dict[str, Any]:
        made = created(
            self.client, owner, CREATE_VOLUNTEER, "volunteer", volunteer_input(self.slugs(name), **overrides)
        )
        self.subject[name] = made
        return made

    def event(self, staff: TestAccount, name: str = "event", **overrides: Any) -> dict[str, Any]:
        made = created(
            self.client,
            staff,
            CREATE_EVENT,
            "event",
            event_input(self.slugs(name), starts_at(self.slugs.prefix), **overrides),
        )
        self.subject[name] = made
        return made

    async def question(
        self, db: Database, asker: TestAccount, name: str = "question", routed_to: list[str] | None = None
    ) -> dict[str, Any]:
        """A question asked over the API by `asker` (its text names the test), routed to the named volunteer
        profiles of this cast."""
        made = created(
            self.client,
            asker,
            ASK_QUESTION,
            "question",
            {"text": f"Wie sichere ich Nextcloud? ({self.slugs(name)})", "tool": "nextcloud"},
        )
        if routed_to:
            await route_question(db, made["id"], [self.subject[volunteer]["id"] for volunteer in routed_to])
        self.subject[name] = made
        return made

    async def routed_question(self, db: Database, *, claimed: bool = False) -> dict[str, Any]:
        """A question of the owner's, routed to the profile of the `volunteer` caller (and claimed by it)."""
        owner, volunteer = self["owner"], self["volunteer"]
        assert owner is not None and volunteer is not None
        [profile] = await cypher(
            db, "MATCH (:Account {id: $id})-[:ACTS_FOR]->(v:Volunteer) RETURN v.id AS id", id=volunteer.id
        )
        self.subject["own"] = {"id": to_global_id("Volunteer", profile["id"])}
        made = await self.question(db, owner, routed_to=["own"])
        if claimed:
            payload = self.client.data(CLAIM_QUESTION, volunteer, id=made["id"])["claimQuestion"]
            assert payload["errors"] == [], payload
        return made

    def report(self, staff: TestAccount, *, approved: bool) -> dict[str, Any]:
        """The owner's association's experience report on nextcloud, written by the owner (and approved by staff)."""
        owner = self["owner"]
        assert owner is not None
        given = {"association": self.slugs("assoc"), "tool": "nextcloud", "rating": 4, "usedFor": "Dateiablage"}
        payload = self.client.data(WRITE_REPORT, owner, input=given)["writeExperienceReport"]
        assert payload["errors"] == [], payload
        if approved:
            done = self.client.data(APPROVE_REPORT, staff, id=payload["report"]["id"])["approveExperienceReport"]
            assert done["errors"] == [], done
        self.subject["report"] = payload["report"]
        return payload["report"]  # type: ignore[no-any-return]

    async def suggestion(self, db: Database, staff: TestAccount) -> dict[str, Any]:
        """A proposed peer suggestion for the subject association, written as a run writes it; the candidate is an
        association made by staff, so nobody acts for it."""
        party = from_global_id(self.subject["assoc"]["id"])[1]
        candidate = from_global_id(self.association(staff, "peer")["id"])[1]
        row = {
            "pairKey": peer_key(party, candidate),
            "forId": party,
            "ofId": candidate,
            "score": 0.5,
            "reasons": "[]",
            "digest": "",
        }
        await db.write(
            lambda tx: SuggestionWrites(tx).create(SuggestionKind.PEER, "Association", [row], ALGORITHM_VERSION)
        )
        found = await cypher(
            db, "MATCH (s:Suggestion {kind: 'PEER', pairKey: $key}) RETURN s.id AS id", key=row["pairKey"]
        )
        made = {"id": to_global_id("Suggestion", found[0]["id"]), "node": found[0]["id"], "party": party}
        self.subject["suggestion"] = made
        return made
