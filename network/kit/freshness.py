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

from collections.abc import Iterable
from typing import Any

import structlog
from arq.connections import ArqRedis
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver

from network.kit import tasks
from network.kit.global_id import from_global_id

log = structlog.get_logger(__name__)
REFRESH = tasks.SUGGESTIONS_REFRESH
PENDING = "suggestions:refresh:pending"  # ids changed since the last refresh took them
GENERATION = "suggestions:refresh:generation"
TAKEN = "suggestions:refresh:taken:"  # + generation: the ids one refresh works on, until it succeeded
TAKEN_TTL_S = 86_400
WRITER_LOCK = "suggestions:writer"  # one run writes suggestions at a time: refreshes and full recomputes
# A run waits for the one before it; should a process die holding the lock, it expires after this.
WRITER_LOCK_HOLD_S = 3600
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


def writer_lock(redis: Redis, hold_s: float = WRITER_LOCK_HOLD_S) -> Lock:
    """Held by whatever writes suggestions (the worker's runs, `network match`); it expires after `hold_s` should
    its holder die."""
    return redis.lock(WRITER_LOCK, timeout=hold_s, blocking_timeout=hold_s)


def _changed_ids(payload: Any, viewer_account: str | None) -> list[str]:
    for name in ("association", "volunteer", "suggestion"):
        node = getattr(payload, name, None)
        if node is not None:
            return [str(node.row["id"])]
    deleted = getattr(payload, "deleted_id", None)
    if deleted:
        return [from_global_id(str(deleted))[1]]
    return [f"account:{viewer_account}"] if viewer_account else []


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
