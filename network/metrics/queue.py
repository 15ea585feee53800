"""The job queue as the API sees it, read when `/metrics` is scraped: depth and the age of the oldest due job."""

import asyncio
import time

from arq.connections import ArqRedis
from arq.constants import default_queue_name
from prometheus_client import Gauge

QUEUE_UP = Gauge("network_queue_up", "1 when the job queue (Redis) answered the last scrape, else 0.")
QUEUE_DEPTH = Gauge("network_queue_depth", "Jobs in the queue, due now or deferred.")
QUEUE_OLDEST_AGE = Gauge(
    "network_queue_oldest_due_age_seconds", "How long the oldest due job has waited for a worker (0 when none is due)."
)
READ_TIMEOUT_S = 1.0


async def refresh(queue: ArqRedis) -> None:
    """Updates the gauges; a slow or absent Redis marks the queue down instead of slowing the scrape."""
    try:
        async with asyncio.timeout(READ_TIMEOUT_S):
            depth = await queue.zcard(default_queue_name)
            oldest = await queue.zrange(default_queue_name, 0, 0, withscores=True)
    except Exception:  # any failure means "unknown", which the up gauge says
        QUEUE_UP.set(0)
        return
    QUEUE_UP.set(1)
    QUEUE_DEPTH.set(depth)
    # arq scores a job by when it is due, in milliseconds; a deferred job is not late yet.
    due_since_s = time.time() - oldest[0][1] / 1000 if oldest else 0.0
    QUEUE_OLDEST_AGE.set(max(0.0, due_since_s))
