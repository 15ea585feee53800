"""Whose stored suggestions changed, for those watching them (the `suggestionsChanged` subscription).

The writers (the live applier, the full run's difference writes) publish after each write transaction committed:
one message per party on its own channel, naming the kind and the time, never the suggestions themselves; a
watcher reads them again. A channel per party, rather than one channel carrying party ids, lets Redis route:
an API process receives only what its watchers wait for, and a nightly run's thousands of messages cost only
the PUBLISH of each where nobody listens. Publishing is best effort: a failure is logged and never fails the
write (the next change publishes again, and a watcher that reconnects reads its lists anyway).
"""

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis

from network.kit.pubsub import MISSED, PubSubHub
from network.suggestions.models import Proposal, SuggestionKind

log = structlog.get_logger(__name__)

CHANNEL = "suggestions:changed:"  # + a party's id
PUBLISH_TIMEOUT_S = 2.0  # a write path never waits longer for Redis than this
PIPELINE = 1_000  # PUBLISH commands per round trip
SETTLE_S = 0.2  # a watcher's messages that arrive this soon after another are told as one event
TOLD_ON_MISSED = tuple(SuggestionKind)  # what may have changed while messages were lost: any kind


class ChangesFeed:
    """What a writer holds to tell watchers; `published` never raises."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def published(self, kind: SuggestionKind, parties: Iterable[str]) -> int:
        """Tells each party's watchers that its suggestions of `kind` changed; how many parties were told."""
        ids = sorted(set(parties))
        message = json.dumps({"kind": kind.value, "at": time.time()})
        try:
            async with asyncio.timeout(PUBLISH_TIMEOUT_S):
                for start in range(0, len(ids), PIPELINE):
                    async with self.redis.pipeline(transaction=False) as pipe:
                        for party in ids[start : start + PIPELINE]:
                            pipe.publish(CHANNEL + party, message)
                        await pipe.execute()
        except Exception as error:  # Redis down or slow: the suggestions are written; only the hint is lost
            log.warning("suggestion changes not published", parties=len(ids), error=f"{type(error).__name__}: {error}")
            return 0
        return len(ids)


async def tell(feed: ChangesFeed | None, kind: SuggestionKind, written: Iterable[Proposal | str]) -> None:
    """After a committed write of `written` (proposals or pair keys): tells both sides of each pair (a peer pair is
    in both associations' lists, a mentoring pair in the association's mentors and the volunteer's mentees)."""
    if feed is not None:
        keys = (item.pair_key if isinstance(item, Proposal) else item for item in written)
        await feed.published(kind, (party for key in keys for party in key.split("|")))


@dataclass(frozen=True)
class Change:
    kinds: frozenset[SuggestionKind]
    at: dt.datetime


async def changes_of(hub: PubSubHub, party_id: str, owner: str) -> AsyncGenerator[Change, None]:
    """The changes of `party_id`'s suggestions, until the caller stops iterating (which leaves the channel);
    messages close together come as one change."""
    async with hub.listening(CHANNEL + party_id, owner) as queue:
        while True:
            items = [await queue.get()]
            await asyncio.sleep(SETTLE_S)
            while not queue.empty():
                items.append(queue.get_nowait())
            yield _merged(items)


def _merged(items: list[bytes | None]) -> Change:
    kinds: set[SuggestionKind] = set()
    at = 0.0
    for item in items:
        if item is MISSED:
            kinds.update(TOLD_ON_MISSED)
            at = max(at, time.time())
            continue
        found = json.loads(item)
        kinds.add(SuggestionKind(found["kind"]))
        at = max(at, float(found["at"]))
    return Change(kinds=frozenset(kinds), at=dt.datetime.fromtimestamp(at, dt.UTC))
