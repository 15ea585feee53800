"""The suggestion writer lock as a lease on the real Redis: renewed while held, freed within one lease when its
holder stops renewing, never released by a holder whose lease ran out."""

import asyncio
import time

from arq.connections import ArqRedis

from network.kit import freshness

LEASE_S = 1.0


async def test_a_held_lock_outlives_its_lease_while_renewed_and_goes_on_release(job_queue: ArqRedis) -> None:
    lock = freshness.writer_lock(job_queue, "suggestions.refresh", lease_s=LEASE_S, wait_s=0.5)
    async with lock:
        await asyncio.sleep(3 * LEASE_S)  # three leases: only the renewals keep it
        assert await job_queue.exists(freshness.WRITER_LOCK)
        assert 0 < await job_queue.pttl(freshness.WRITER_LOCK) <= LEASE_S * 1000
        holder, age_s = freshness.holder_of(await job_queue.get(freshness.WRITER_HOLDER), time.time())
        assert holder == "suggestions.refresh" and 2 * LEASE_S <= age_s < 10
        other = freshness.writer_lock(job_queue, "network match", lease_s=LEASE_S, wait_s=0.5)
        assert not await other.acquire(blocking=False)
    assert not lock.lost
    assert not await job_queue.exists(freshness.WRITER_LOCK, freshness.WRITER_HOLDER)


async def test_a_holder_that_stops_renewing_frees_the_lock_within_one_lease(job_queue: ArqRedis) -> None:
    dead = freshness.writer_lock(job_queue, "suggestions.recompute", lease_s=LEASE_S)
    assert await dead.acquire(blocking=False)
    assert dead._renewal is not None
    dead._renewal.cancel()  # what a killed process does: nothing more
    started = time.monotonic()
    waiting = freshness.writer_lock(job_queue, "network match", lease_s=LEASE_S, wait_s=5 * LEASE_S)
    async with waiting:
        assert time.monotonic() - started <= LEASE_S + 0.5
        await dead.release()  # its lease ran out: it must not free the lock the next holder took
        assert await job_queue.exists(freshness.WRITER_LOCK)
        assert freshness.holder_of(await job_queue.get(freshness.WRITER_HOLDER), time.time())[0] == "network match"
    assert not await job_queue.exists(freshness.WRITER_LOCK)


async def test_waiting_longer_than_allowed_raises(job_queue: ArqRedis) -> None:
    async with freshness.writer_lock(job_queue, "suggestions.recompute", lease_s=5):
        late = freshness.writer_lock(job_queue, "suggestions.refresh", lease_s=5, wait_s=0.3)
        try:
            async with late:
                raise AssertionError("took a lock that was held")
        except freshness.WriterLockTimeout as error:
            assert "still held after 0.3 s" in str(error)


def test_a_holder_record_reads_as_holder_and_age() -> None:
    assert freshness.holder_of(b'{"holder": "network match", "since": 100.0}', 130.5) == ("network match", 30.5)
    assert freshness.holder_of(None, 10) == ("unknown", 0.0)  # killed between taking the lock and writing its record
    assert freshness.holder_of(b"not json", 10) == ("unknown", 0.0)
    assert freshness.holder_of(b'{"holder": "x", "since": 50}', 10) == ("x", 0.0)  # a clock behind never goes negative
