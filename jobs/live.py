"""The live applier: the worker that holds the live lease reads the change feed (a Redis stream) and applies each
batch of changes to the peer lists and the mentoring assignment it keeps in memory (network/suggestions/live.py).

- One holder. The lease is a Redis lock renewed while held; a worker that dies frees it within one lease, and
  another takes over. Two workers never apply at once, and every write also holds both suggestion writer locks, so
  a full run (nightly, staff, the debounced refresh) and the applier never interleave.
- At least once, never lost. Entries are read through a consumer group under one consumer name, and acknowledged
  only after their writes committed; a new holder reads the unacknowledged ones first. Applying a change reads the
  graph as it is now, so one applied twice, or after a later one, leaves the same suggestions.
- Rebuilt when needed. With no state yet (a start, a change that failed midway in memory, a new model from the
  nightly run, a catalogue entry it has not seen), the batch is applied by a full run that keeps its lists: it
  reads the graph after the batch's changes committed, so it covers them. A failed read or write keeps the state:
  the entries stay unacknowledged and the pairs it could not write go with the next change.
"""

import asyncio
import contextlib
import ctypes
import json
import time
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockNotOwnedError, RedisError, ResponseError

from jobs import metrics
from jobs.backoff import Backoff
from network.kit import freshness
from network.kit.database import Database
from network.peer_model.service import latest
from network.settings import Settings
from network.suggestions.changes_feed import ChangesFeed
from network.suggestions.live import Broken, LiveHolder, Stale, apply
from network.suggestions.recompute import recompute_all

log = structlog.get_logger("jobs.live")
STREAM = freshness.CHANGES
GROUP = CONSUMER = "live"
LEASE = "suggestions:live:lease"
# What the holder's state was built from and when (JSON), while it holds one: for operators and the benchmark
STATE = "suggestions:live:state"
HOLDER = "suggestions.live"  # the writer lock's holder name
BATCH = 1_000  # entries applied together at most
BLOCK_MS = 1_000  # how long a read waits for a new entry


class LiveApplier:
    def __init__(self, db: Database, redis: Redis, settings: Settings, holder: LiveHolder) -> None:
        self.db, self.redis, self.settings, self.holder = db, redis, settings, holder
        self.lease_s = settings.job_lease_s
        self._lease: Lock = redis.lock(LEASE, timeout=self.lease_s, thread_local=False)
        self._held = False
        self.backoff = Backoff(first_s=0.5, max_s=10)
        self.feed = ChangesFeed(redis)  # tells the API's subscribers whose suggestions the writes changed

    async def run(self) -> None:
        """Until cancelled: take the lease when free, then apply batch after batch while it is held."""
        renewing = asyncio.get_running_loop().create_task(self._renew())
        try:
            while True:
                if not self._held:
                    try:
                        self._held = await self._lease.acquire(blocking=False)
                    except RedisError:
                        self._held = False
                    if not self._held:
                        await asyncio.sleep(self.lease_s / 3)
                        continue
                    log.info("live lease taken")
                    # whatever this worker kept (a nightly run's lists, its own from before the lease ran out) may
                    # miss changes another holder applied since: the first step builds the state afresh
                    self.holder.state = None
                try:
                    await self.step()
                    self.backoff.reset()
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # Neo4j or Redis away: the entries stay unacknowledged
                    if isinstance(error, Broken):  # applying failed midway: the state is no longer known to be right
                        self.holder.state = None
                    delay = self.backoff.next_delay()
                    log.warning(
                        "live batch failed; retrying", error=f"{type(error).__name__}: {error}"[:300], retry_in_s=delay
                    )
                    await asyncio.sleep(delay)
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            if self._held:
                with contextlib.suppress(RedisError, LockNotOwnedError):
                    await self.redis.delete(STATE)
                    await self._lease.release()

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            if not self._held:
                continue
            try:
                await self._lease.reacquire()
            except LockNotOwnedError:
                self._held = False
                log.error("live lease lost: it ran out before it was renewed")
            except RedisError as error:
                log.warning("live lease not renewed", error=f"{type(error).__name__}: {error}"[:200])

    async def step(self, block_ms: int = BLOCK_MS) -> int:
        """One batch: the unacknowledged entries first, else new ones (waiting up to `block_ms`); returns how many
        entries it applied. Without a state (the first step of a holder, or after a failure) it builds one first,
        so the first change after a start does not wait for a whole run."""
        await self._group()
        if self.holder.state is None:
            async with freshness.all_writers(self.redis, HOLDER, lease_s=self.lease_s):
                await self._rebuild()
            metrics.LIVE_BATCHES.labels("rebuilt").inc()
        entries = await self._read("0", None) or await self._read(">", block_ms)
        if not entries:
            return 0
        ids: set[str] = set()
        expiry = False
        for _, fields in entries:
            text = _text(fields.get(b"ids", fields.get("ids", b"")))
            expiry |= not text
            ids.update(text.split())
        started = time.perf_counter()
        async with freshness.all_writers(self.redis, HOLDER, lease_s=self.lease_s):  # peer and mentoring writes
            how = await self._apply(sorted(ids), expiry)
        await self.redis.xack(STREAM, GROUP, *(entry_id for entry_id, _ in entries))
        metrics.LIVE_BATCHES.labels(how).inc()
        metrics.LIVE_SECONDS.observe(time.perf_counter() - started)
        return len(entries)

    async def _apply(self, ids: list[str], expiry: bool) -> str:
        """Applies the batch to the state, or rebuilds the state by a full run; says which."""
        state, model = self.holder.state, await latest(self.db)
        if state is not None and state.is_for(model):
            try:
                for batch in ([ids] if ids else []) + ([[]] if expiry else []):
                    counts = await apply(self.db, state, batch, self.feed)
                    log.info(
                        "live changes applied",
                        changes=len(batch),
                        lists=counts.rows,
                        created=counts.created,
                        updated=counts.updated,
                        dropped=counts.dropped,
                        **counts.seconds,
                    )
                return "applied"
            except Stale as error:
                log.info("live state cannot apply a change; rebuilding it", reason=str(error)[:200])
        await self._rebuild()
        return "rebuilt"

    async def _rebuild(self) -> None:
        """A full run that keeps its lists and assignment (the caller holds both writer locks); a failure leaves the
        old state to `run`, which drops it."""
        await self.redis.delete(STATE)
        started = time.time()
        counts = await recompute_all(self.db, live=self.holder, feed=self.feed)
        _release_free_memory()
        state = self.holder.state
        if state is not None:
            built = {
                "peerWeights": state.model.version,
                "associations": counts.associations,
                "stateBytes": state.nbytes(),
                "builtAt": time.time(),
            }
            await self.redis.set(STATE, json.dumps(built))
        log.info(
            "live state built",
            associations=counts.associations,
            state_mb=round(state.nbytes() / 2**20) if state is not None else None,
            seconds=round(time.time() - started, 1),
        )

    async def _group(self) -> None:
        try:
            await self.redis.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
        except ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise

    async def _read(self, start: str, block_ms: int | None) -> list[tuple[Any, dict[Any, Any]]]:
        found = await self.redis.xreadgroup(GROUP, CONSUMER, {STREAM: start}, count=BATCH, block=block_ms)
        return [entry for _, entries in found or [] for entry in entries if entry[1] is not None]


def _release_free_memory() -> None:
    """glibc keeps the heap a full run freed (millions of small objects) for later: hand it back, so the worker's
    resident memory is its state and not the run's peak."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
