"""One Redis pub/sub connection per process, shared by every listener in it (the API's GraphQL subscriptions).

A pub/sub client per listener would hold one Redis connection per open subscription, so a few hundred watching
browsers could use up Redis's clients. Here Redis sees one connection per API process, subscribed to the channels
someone in the process listens to; each message is put on the queues of that channel's listeners.

Pub/sub keeps nothing for a listener that was away, so messages are hints: a listener is handed MISSED when some
may have been lost (Redis was away, or the listener fell a whole queue behind) and should read afresh.
"""

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from network.kit.errors import NetworkError

log = structlog.get_logger(__name__)

MISSED = None  # put on a listener's queue instead of messages it may have missed
QUEUE_SIZE = 32  # messages a listener may lag behind before they are replaced by MISSED
POLL_S = 1.0  # longest a read waits, so a closed hub stops promptly
RETRY_S = (0.5, 10.0)  # first and longest wait before reading again after Redis went away

Queue = asyncio.Queue[bytes | None]


class ListenerLimitReached(NetworkError):
    code = "LIMIT_REACHED"


class PubSubHub:
    """Listeners by channel over one pub/sub connection; at most `max_per_owner` listeners per owner (an account)
    in this process."""

    def __init__(self, redis: Redis, *, max_per_owner: int) -> None:
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._listeners: dict[str, set[Queue]] = {}
        self._owners: Counter[str] = Counter()
        self._max_per_owner = max_per_owner
        self._changing = asyncio.Lock()  # one SUBSCRIBE or UNSUBSCRIBE at a time, so the counts stay true
        self._reader: asyncio.Task[None] | None = None

    @property
    def listeners(self) -> int:
        return sum(len(queues) for queues in self._listeners.values())

    @contextlib.asynccontextmanager
    async def listening(self, channel: str, owner: str) -> AsyncIterator[Queue]:
        """A queue that gets the messages published on `channel` (and MISSED) until the block ends."""
        if self._owners[owner] >= self._max_per_owner:
            raise ListenerLimitReached(
                f"At most {self._max_per_owner} subscriptions per account are open at a time; end one first."
            )
        queue: Queue = asyncio.Queue(QUEUE_SIZE)
        self._owners[owner] += 1
        try:
            async with self._changing:
                if channel not in self._listeners:
                    await self._pubsub.subscribe(channel)  # Redis away: raised before anything was registered
                    self._listeners[channel] = set()
                self._listeners[channel].add(queue)
                if self._reader is None or self._reader.done():
                    self._reader = asyncio.get_running_loop().create_task(self._read())
            yield queue
        finally:
            self._owners[owner] -= 1
            if self._owners[owner] <= 0:
                del self._owners[owner]
            await self._leave(channel, queue)

    async def _leave(self, channel: str, queue: Queue) -> None:
        async with self._changing:
            queues = self._listeners.get(channel)
            if queues is None or queue not in queues:
                return
            queues.discard(queue)
            if queues:
                return
            del self._listeners[channel]
            try:
                await self._pubsub.unsubscribe(channel)
            except RedisError as error:  # the reader drops the channel when its next message finds nobody
                log.warning("pub/sub channel not left", error=f"{type(error).__name__}: {error}"[:200])

    async def _read(self) -> None:
        failures = 0
        while True:
            try:
                message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_S)
            except (RedisError, OSError) as error:
                failures += 1
                delay = min(RETRY_S[0] * 2 ** (failures - 1), RETRY_S[1])
                if failures == 1:
                    log.warning("pub/sub read failed; retrying", error=f"{type(error).__name__}: {error}"[:200])
                await asyncio.sleep(delay)
                continue
            if failures:  # reconnected (redis-py subscribed the channels again): what came meanwhile is lost
                failures = 0
                log.info("pub/sub read again")
                self._tell_all(MISSED)
            if message is not None and message.get("type") == "message":
                await self._deliver(message["channel"], message["data"])

    async def _deliver(self, channel: bytes | str, data: bytes) -> None:
        name = channel.decode() if isinstance(channel, bytes) else channel
        queues = self._listeners.get(name)
        if not queues:  # left while Redis was away
            with contextlib.suppress(RedisError):
                await self._pubsub.unsubscribe(name)
            return
        for queue in queues:
            _put(queue, data)

    def _tell_all(self, item: bytes | None) -> None:
        for queues in self._listeners.values():
            for queue in queues:
                _put(queue, item)

    async def aclose(self) -> None:
        """Stops reading and gives the connection back (the app's shutdown)."""
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        with contextlib.suppress(RedisError, OSError):
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated


def _put(queue: Queue, item: bytes | None) -> None:
    """A listener that fell a whole queue behind reads afresh anyway: its backlog becomes one MISSED."""
    try:
        queue.put_nowait(item)
    except asyncio.QueueFull:
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(MISSED)
