"""Export and erasure for the signed-in account itself."""

from typing import Any

from redis.asyncio import Redis

from network.accounts import ratelimit
from network.kit.database import Database
from network.kit.errors import NotFound, NotPermitted
from network.kit.viewer import SIGN_IN, Viewer
from network.privacy.repository import PrivacyRepository
from network.transfer.records import exported_association, exported_volunteer, plain


def _account_id(viewer: Viewer) -> str:
    if viewer.account_id is None:
        raise NotPermitted(SIGN_IN)
    return viewer.account_id


async def export_my_data(db: Database, viewer: Viewer) -> dict[str, Any]:
    """Everything stored about the caller, private fields included, in the import format where one exists."""
    account_id = _account_id(viewer)
    found = await db.read(lambda tx: PrivacyRepository(tx).export(account_id))
    if found is None:
        raise NotFound("The account no longer exists.")
    return {
        "account": plain(found["account"]),
        "associations": [exported_association(row) for row in found["associations"]],
        "volunteers": [exported_volunteer(row) for row in found["volunteers"]],
        "connections": plain(found["connections"]),
        "registrations": plain(found["registrations"]),
        "suggestions": plain(found["suggestions"]),
    }


async def delete_my_account(db: Database, redis: Redis, viewer: Viewer) -> dict[str, int]:
    account_id = _account_id(viewer)
    erased = await db.write(lambda tx: PrivacyRepository(tx).erase(account_id))
    if not erased:
        raise NotFound("The account no longer exists.")
    await ratelimit.clear(redis, erased.pop("email"))  # after the commit: the address leaves no trace in Redis
    return erased
