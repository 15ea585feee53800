"""Waking delivery after a commit: producers call `wake_delivery` once their notifications are written."""

import time

import structlog
from arq.connections import ArqRedis

from network.kit import tasks

log = structlog.get_logger(__name__)


def wake_job_id(now: float) -> str:
    """One job per second: wakes within a second fold into one delivery run, and a wake in a later second is a new
    job even while an earlier run is still working. arq refuses an id it still holds (queued, or its result kept),
    so the worker keeps no result for this task."""
    return f"{tasks.MAIL_DELIVER}:{int(now)}"


async def wake_delivery(redis: ArqRedis) -> bool:
    """Enqueues a delivery run; False when Redis could not be reached (logged, never raised: the notifications are
    committed already, and the worker's run every minute delivers them anyway)."""
    try:
        await redis.enqueue_job(tasks.MAIL_DELIVER, _job_id=wake_job_id(time.time()))
    except Exception as error:  # Redis down or slow: the request that wrote the notifications stands
        log.warning("mail delivery not woken", error=f"{type(error).__name__}: {error}"[:300])
        return False
    return True
