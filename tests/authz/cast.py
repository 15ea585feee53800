"""The people and things of an authorisation test: callers of each role, and subjects made through the API (a
suggestion as a run writes it)."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from network.kit.database import Database
from network.kit.global_id import from_global_id, to_global_id
from network.matching.weights import ALGORITHM_VERSION
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
