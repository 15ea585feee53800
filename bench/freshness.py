"""Time from a profile mutation to fresh suggestions: `updateAssociation` over HTTP with the API and a worker running,
then the association's peer suggestions polled through the driver until one was computed after the mutation was sent.
"""

import asyncio
import datetime as dt
import json
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.options import Progress
from bench.services import BENCH_TOKEN_SECRET, api_server, worker_process
from network.accounts import service as accounts
from network.accounts.models import AccountInput
from network.accounts.tokens import TokenSigner
from network.associations import service as associations
from network.kit import tasks
from network.kit.authorisation import ANONYMOUS, Role
from network.kit.database import Database, open_driver
from network.settings import Settings
from network.suggestions import service as suggestions

REFRESH_TASK = tasks.SUGGESTIONS_REFRESH
POLL_S = 0.05
MOVE = """
mutation ($slug: String!, $district: String!) {
  updateAssociation(slug: $slug, input: {district: $district}) { errors { field code message } }
}
"""


@dataclass
class Freshness:
    seconds: list[float] = field(default_factory=list)  # one per mutation that got fresh suggestions in time
    timed_out: int = 0


def refresh_available() -> bool:
    """Whether this build's worker has the debounced refresh task that a profile change enqueues."""
    from jobs.worker import FUNCTIONS  # the worker package is only needed for this check

    return any(f.name.startswith(REFRESH_TASK) for f in FUNCTIONS)


async def _staff_token(db: Database) -> str:
    row = await accounts.create_account(
        db, AccountInput(email=f"bench-{uuid.uuid4().hex[:12]}@example.org", password=uuid.uuid4().hex, role=Role.STAFF)
    )
    signer = TokenSigner(BENCH_TOKEN_SECRET, dt.timedelta(hours=12))
    return signer.issue(row["id"], Role.STAFF, int(row["tokenVersion"])).token


async def _newest_peer_suggestion(db: Database, association_id: str) -> dt.datetime | None:
    rows = (await suggestions.for_parties(db, "peer", [association_id], 20))[0]
    return max((row["computedAt"].to_native() for row in rows), default=None)


async def _one(
    client: httpx.AsyncClient, db: Database, slug: str, association_id: str, district: str, timeout_s: float
) -> float | None:
    sent_at = dt.datetime.now(dt.UTC)  # computedAt is the server's clock: the same machine's
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": MOVE, "variables": {"slug": slug, "district": district}})
    body = response.json()
    if response.status_code != 200 or body.get("errors") or body["data"]["updateAssociation"]["errors"]:
        raise RuntimeError(f"updateAssociation for {slug} failed: {response.text[:300]}")
    while time.perf_counter() - started < timeout_s:
        newest = await _newest_peer_suggestion(db, association_id)
        if newest is not None and newest > sent_at:
            return time.perf_counter() - started
        await asyncio.sleep(POLL_S)
    return None


def measure_freshness(
    settings: Settings, data_file: Path, samples: int, timeout_s: float, seed: int, progress: Progress
) -> Freshness:
    """`samples` mutations one after the other (each waits for its refresh), on PUBLIC associations chosen by seed."""
    document = json.loads(data_file.read_text(encoding="utf-8"))
    district_of = {
        a["slug"]: a["district"]
        for a in document["associations"]
        if a.get("visibility", "PUBLIC") == "PUBLIC" and a.get("district")
    }
    districts = sorted(set(district_of.values()))
    chosen = random.Random(seed).sample(sorted(district_of), k=min(samples, len(district_of)))

    async def run(base: str) -> Freshness:
        driver = open_driver(settings)
        db = Database.from_settings(driver, settings)
        found = Freshness()
        try:
            headers = {"Authorization": f"Bearer {await _staff_token(db)}"}
            async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
                for index, slug in enumerate(chosen):
                    progress("freshness", index, len(chosen))
                    row = await associations.by_slug(db, ANONYMOUS, slug)
                    assert row is not None, f"{slug} is in the data file but not in the graph"
                    elsewhere = [d for d in districts if d != district_of[slug]] or districts
                    took = await _one(client, db, slug, row["id"], elsewhere[index % len(elsewhere)], timeout_s)
                    if took is None:
                        found.timed_out += 1
                    else:
                        found.seconds.append(took)
            progress("freshness", len(chosen), len(chosen))
            return found
        finally:
            await driver.close()

    with api_server(settings) as base, worker_process(settings):
        return asyncio.run(run(base))
