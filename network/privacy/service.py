"""Export and erasure for the signed-in account itself."""

import json
from typing import Any, TypedDict

from redis.asyncio import Redis

from network.accounts import ratelimit
from network.associations.records import exported_association
from network.kit.authorisation import Viewer, require_signed_in
from network.kit.database import Database
from network.kit.errors import NotFound
from network.privacy.repository import ErasedCounts, PrivacyRepository
from network.records.conversions import ImportRecord, plain
from network.volunteers.records import exported_volunteer


class MyData(TypedDict):
    """Everything stored about an account, as plain JSON values (`plain`); profiles in the import format."""

    account: dict[str, Any]
    mailPreferences: dict[str, str]  # frequency and language; never the unsubscribe token
    associations: list[ImportRecord]
    volunteers: list[ImportRecord]
    connections: list[dict[str, Any]]
    registrations: list[dict[str, Any]]
    suggestions: list[dict[str, Any]]
    notifications: list[dict[str, Any]]  # what the account was told: `data` as the mail quotes it
    questionsAsked: list[dict[str, Any]]
    questionsAnswered: list[dict[str, Any]]  # by the account's volunteer profile
    experienceReports: list[dict[str, Any]]  # that the account wrote, in every status


async def export_my_data(db: Database, viewer: Viewer) -> MyData:
    """Everything stored about the caller, private fields included, in the import format where one exists."""
    account_id = require_signed_in(viewer)
    found = await db.read(lambda tx: PrivacyRepository(tx).export(account_id))
    if found is None:
        raise NotFound("The account no longer exists.")
    return {
        "account": plain(found["account"]),
        "mailPreferences": {
            "frequency": found["mailPreferences"]["frequency"],
            "language": found["mailPreferences"]["language"],
        },
        "associations": [exported_association(row) for row in found["associations"]],
        "volunteers": [exported_volunteer(row) for row in found["volunteers"]],
        "connections": plain(found["connections"]),
        "registrations": plain(found["registrations"]),
        "suggestions": plain(found["suggestions"]),
        "notifications": [
            {**plain(row), "data": json.loads(row["data"]) if row["data"] else {}} for row in found["notifications"]
        ],
        "questionsAsked": plain(found["questionsAsked"]),
        "questionsAnswered": plain(found["questionsAnswered"]),
        "experienceReports": plain(found["experienceReports"]),
    }


async def delete_my_account(db: Database, redis: Redis, viewer: Viewer) -> ErasedCounts:
    account_id = require_signed_in(viewer)
    erased = await db.write(lambda tx: PrivacyRepository(tx).erase(account_id))
    if not erased:
        raise NotFound("The account no longer exists.")
    await ratelimit.clear(redis, erased.pop("email"))  # after the commit: the address leaves no trace in Redis
    return erased
