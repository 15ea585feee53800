"""`events.invites`: the invite suggestions of one event, recomputed and recorded on its job run; the parties newly
invited are told by mail, and the watchers of each party invited or no longer invited at once (`suggestionsChanged`)."""

import dataclasses
from typing import Any

from network.invites.service import recompute_invites
from network.job_runs.service import run_recorded
from network.kit import tasks
from network.kit.database import Database
from network.outbox.wake import wake_delivery
from network.suggestions.changes_feed import ChangesFeed

NAME = tasks.EVENT_INVITES


async def invites(ctx: dict[str, Any], run_id: str, event_id: str) -> dict[str, int]:
    db: Database = ctx["db"]

    async def work() -> dict[str, int]:
        return dataclasses.asdict(await recompute_invites(db, event_id, feed=ChangesFeed(ctx["redis"])))

    counts = await run_recorded(db, run_id, work, heartbeat_s=ctx["settings"].job_lease_s / 3)
    await wake_delivery(ctx["redis"])  # the parties newly invited were told (network/outbox)
    return counts
