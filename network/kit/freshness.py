"""Fresh suggestions after profile changes: a debounced, exact refresh, enqueued only after a mutation committed.

Exactness. The refresh is not a local patch: it reads every party, scores everything in memory with the same
pure core as the full recompute, and writes only the pairs that differ (`writing.py`). So the graph after a
refresh is the graph a full recompute would leave. A local recompute of the changed parties' rows could not be
exact: tools are weighted by rarity over all associations, so one association adding a tool moves the scores of
every pair sharing it, and each association keeps only its top 20, so any list may gain or lose a member (at 10k
associations one association changing its tools re-scored 2,600 to 10,000 pairs and replaced about 650). Reading
and scoring take seconds; what the difference writing saves is the writes, most of a first run's time.

Mentoring. The assignment is one global optimum under capacities, and any change to a need, a skill, a language,
a district, a capacity or a new mentorship can move it anywhere, so every refresh reruns it (about 9 s of a
100k-association run).

Debouncing. A mutation adds the ids of what it changed (a party, or the suggestion answered) to a Redis set and
enqueues `suggestions.refresh` deferred by `refresh_debounce_s`, under the job id `suggestions.refresh:<generation>`.
arq refuses a job id it holds already, so every change until that job starts is folded into it. On start the job
takes the set and bumps the generation in one atomic step: a change after that enqueues the next generation's job,
which waits for the writer lock and then sees the change, so nothing is lost. A failed enqueue (Redis down) never
fails the mutation: it is logged, and the nightly full recompute repairs what it missed.
"""

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any

import structlog
from arq.connections import ArqRedis
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockNotOwnedError, RedisError
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver

from network.kit import tasks
from network.kit.global_id import from_global_id

log = structlog.get_logger(__name__)
REFRESH = tasks.SUGGESTIONS_REFRESH
PENDING = "suggestions:refresh:pending"  # ids changed since the last refresh took them
# Every change, in commit order, for the live applier (jobs/live.py): an entry's `ids` field names what changed
# (space-separated; none: an expiry run). Trimmed to about CHANGES_KEPT entries: the applier acknowledges entries
# as it writes them, and one that fell behind this far rebuilds from the graph anyway.
CHANGES = "suggestions:changes"
ACCOUNT = "account:"  # a change id naming a deleted account: what went with it is read afresh
CHANGES_KEPT = 1_000_000
GENERATION = "suggestions:refresh:generation"
TAKEN = "suggestions:refresh:taken:"  # + generation: the ids one refresh works on, until it succeeded
TAKEN_TTL_S = 86_400
# One writer of peer suggestions at a time (full runs, the live applier), and one of mentoring suggestions (full
# runs, the refresh); a run that writes both takes WRITER_LOCK first, so two runs never wait for each other's.
WRITER_LOCK = "suggestions:writer"
MENTORING_LOCK = "suggestions:writer:mentoring"
HOLDER_SUFFIX = ":holder"  # + a lock's name: who holds it and since when, for operators (JSON)
WRITER_HOLDER = WRITER_LOCK + HOLDER_SUFFIX
# The lock is a lease (JOB_LEASE_S) renewed while its holder works, so a holder that dies frees it within one lease.
# How long a run waits for the one before it (a full recompute at 100k associations takes minutes).
WRITER_LOCK_WAIT_S = 3600.0
# Moves the pending ids to the generation's own set and starts the next generation, once per generation;
# a retried job of the same generation gets the same ids back.
_TAKE = """
if (redis.call('GET', KEYS[1]) or '0') == ARGV[1] then
  if redis.call('EXISTS', KEYS[2]) == 1 then
    redis.call('SUNIONSTORE', KEYS[3], KEYS[3], KEYS[2])
    redis.call('DEL', KEYS[2])
    redis.call('EXPIRE', KEYS[3], ARGV[2])
  end
  redis.call('INCR', KEYS[1])
end
return redis.call('SMEMBERS', KEYS[3])
"""


async def parties_changed(redis: ArqRedis, debounce_s: float, changed_ids: Iterable[str]) -> bool:
    """Records what changed and schedules the refresh that covers it; False when Redis could not be reached
    (logged, never raised: the change itself is committed already)."""
    ids = sorted(set(changed_ids))
    try:
        async with redis.pipeline(transaction=True) as pipe:
            if ids:
                pipe.sadd(PENDING, *ids)
            pipe.xadd(CHANGES, {"ids": " ".join(ids)}, maxlen=CHANGES_KEPT, approximate=True)
            pipe.get(GENERATION)
            generation = int((await pipe.execute())[-1] or 0)
        await redis.enqueue_job(
            REFRESH,
            generation,
            _job_id=f"{REFRESH}:{generation}",
            _defer_by=debounce_s,
        )
    except Exception as error:  # Redis down or slow: the nightly run repairs, the mutation stands
        log.warning("suggestion refresh not enqueued", parties=ids, error=f"{type(error).__name__}: {error}")
        return False
    return True


async def take_pending(redis: Redis, generation: int) -> list[str]:
    """The ids the refresh of `generation` covers (the same ones when it is delivered again)."""
    found = await redis.eval(  # type: ignore[misc]  # redis-py types eval for its sync and async clients at once
        _TAKE,
        3,
        GENERATION,
        PENDING,
        f"{TAKEN}{generation}",
        str(generation),
        str(TAKEN_TTL_S),
    )
    return sorted(value.decode() if isinstance(value, bytes) else str(value) for value in found)


async def done_with(redis: Redis, generation: int) -> None:
    await redis.delete(f"{TAKEN}{generation}")


class WriterLockTimeout(RuntimeError):
    """The writer lock stayed held by another run for the whole wait."""


class WriterLock:
    """The suggestion writer lock as a lease: taken for `lease_s`, renewed every third of it by a background task
    while its holder works, released at the end. A holder killed without releasing frees it within `lease_s`.

    `holder` names the kind of holder (a task name, or `network match`) for the metrics; never a person's data.
    """

    def __init__(
        self,
        redis: Redis,
        holder: str,
        *,
        lease_s: float,
        wait_s: float = WRITER_LOCK_WAIT_S,
        name: str = WRITER_LOCK,
    ) -> None:
        self.redis, self.holder, self.lease_s, self.wait_s = redis, holder, lease_s, wait_s
        self.record = name + HOLDER_SUFFIX
        # thread_local=False: the renewal task must see the token the acquiring task stored
        self._lock: Lock = redis.lock(name, timeout=lease_s, blocking_timeout=wait_s, thread_local=False)
        self._renewal: asyncio.Task[None] | None = None
        self.lost = False  # the lease ran out while held (the renewals could not reach Redis in time)

    async def acquire(self, *, blocking: bool = True) -> bool:
        if not await self._lock.acquire(blocking=blocking):
            return False
        await self.redis.set(
            self.record, json.dumps({"holder": self.holder, "since": time.time()}), px=int(self.lease_s * 1000)
        )
        self._renewal = asyncio.get_running_loop().create_task(self._renew())
        return True

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                await self._lock.reacquire()
                await self.redis.pexpire(self.record, int(self.lease_s * 1000))
            except LockNotOwnedError:
                self.lost = True
                log.error("suggestion writer lock lost: its lease ran out before it was renewed", holder=self.holder)
                return
            except RedisError as error:  # Redis briefly away: the next renewal may still be within the lease
                log.warning("suggestion writer lock not renewed", holder=self.holder, error=_short(error))

    async def release(self) -> None:
        if self._renewal is not None:
            self._renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewal
            self._renewal = None
        try:
            if await self._lock.owned():  # the record goes first: the next holder writes its own after taking the lock
                await self.redis.delete(self.record)
            await self._lock.release()
        except LockNotOwnedError:  # expired meanwhile: another run may hold it now, so its record stays
            log.warning("suggestion writer lock had expired before its release", holder=self.holder)
        except RedisError as error:  # Redis away: the lease frees the lock by itself
            log.warning("suggestion writer lock not released", holder=self.holder, error=_short(error))

    async def __aenter__(self) -> "WriterLock":
        if not await self.acquire():
            raise WriterLockTimeout(f"the suggestion writer lock was still held after {self.wait_s:g} s")
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.release()


def writer_lock(
    redis: Redis, holder: str, *, lease_s: float, wait_s: float = WRITER_LOCK_WAIT_S, name: str = WRITER_LOCK
) -> WriterLock:
    """Held by whatever writes peer suggestions (full runs, the live applier), or with `name` MENTORING_LOCK
    mentoring ones (full runs, the refresh)."""
    return WriterLock(redis, holder, lease_s=lease_s, wait_s=wait_s, name=name)


@contextlib.asynccontextmanager
async def all_writers(
    redis: Redis, holder: str, *, lease_s: float, wait_s: float = WRITER_LOCK_WAIT_S
) -> AsyncIterator[None]:
    """Both writer locks, in their order: what a full run holds."""
    async with (
        writer_lock(redis, holder, lease_s=lease_s, wait_s=wait_s),
        writer_lock(redis, holder, lease_s=lease_s, wait_s=wait_s, name=MENTORING_LOCK),
    ):
        yield


def holder_of(record: bytes | str | None, now: float) -> tuple[str, float]:
    """The holder and age in seconds that a lock's holder record (WRITER_HOLDER) names; `unknown` when it has none
    (a holder killed between taking the lock and writing its record)."""
    try:
        found = json.loads(record) if record else {}
        return str(found["holder"]), max(now - float(found["since"]), 0.0)
    except (ValueError, KeyError, TypeError):
        return "unknown", 0.0


def _short(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _changed_ids(payload: Any, viewer_account: str | None) -> list[str]:
    named = getattr(payload, "changed_parties", None)  # a payload that says which parties its change concerns
    if named is not None:
        return [str(key) for key in named]
    for name in ("association", "volunteer", "suggestion"):
        node = getattr(payload, name, None)
        if node is not None:
            return [str(node.row["id"])]
    deleted = getattr(payload, "deleted_id", None)
    if deleted:
        return [from_global_id(str(deleted))[1]]
    return [f"{ACCOUNT}{viewer_account}"] if viewer_account else []


class RefreshesSuggestions(FieldExtension):
    """On a mutation field: once the mutation succeeded (its transaction committed when the resolver returned),
    record what it changed and schedule the refresh. A payload with errors wrote nothing and schedules nothing."""

    async def resolve_async(self, next_: AsyncExtensionResolver, source: Any, info: Any, **kwargs: Any) -> Any:
        account = info.context.viewer.account_id  # read before: deleting an account signs its viewer out
        payload = await next_(source, info, **kwargs)
        if not getattr(payload, "errors", None) and getattr(payload, "deleted", True) is not False:
            await parties_changed(
                info.context.queue, info.context.settings.refresh_debounce_s, _changed_ids(payload, account)
            )
        return payload
