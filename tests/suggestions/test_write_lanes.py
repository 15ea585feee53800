"""Batches written in concurrent lanes: every batch once, counts summed without losing a lane's share."""

import asyncio

import pytest

from network.kit.errors import Busy
from network.suggestions.writing import WRITE_LANES, _in_lanes


async def test_every_batch_is_written_once_and_every_count_adds_up() -> None:
    seen: list[int] = []

    async def write(batch: list[int]) -> int:
        await asyncio.sleep(0.001 * (batch[0] % 3))  # lanes finish out of step, as transactions do
        seen.extend(batch)
        return len(batch)

    batches = [[i, i] for i in range(25)]
    assert await _in_lanes(batches, write) == 50
    assert sorted(seen) == sorted(i for batch in batches for i in batch)
    assert WRITE_LANES > 1


async def test_a_failed_batch_fails_the_write() -> None:
    async def write(batch: list[int]) -> int:
        await asyncio.sleep(0)
        if batch == [3]:
            raise RuntimeError("database gone")
        return 1

    with pytest.raises(ExceptionGroup) as failure:
        await _in_lanes([[i] for i in range(10)], write)
    assert failure.group_contains(RuntimeError)


async def test_a_batch_that_lost_a_deadlock_is_written_again_after_the_lanes() -> None:
    """The database rolled the batch back whole (Busy), so writing it again alone loses nothing and doubles
    nothing."""
    seen: list[int] = []
    tries: dict[int, int] = {}
    running = 0

    async def write(batch: list[int]) -> int:
        nonlocal running
        tries[batch[0]] = tries.get(batch[0], 0) + 1
        running += 1
        try:
            await asyncio.sleep(0.001)
            if batch[0] in (2, 5) and running > 1:  # loses only while the other lane writes
                raise Busy("deadlock")
            seen.extend(batch)
            return len(batch)
        finally:
            running -= 1

    assert await _in_lanes([[i] for i in range(8)], write) == 8
    assert sorted(seen) == list(range(8))
    assert tries[2] == 2 and tries[5] == 2


async def test_a_batch_that_deadlocks_again_alone_fails_the_write() -> None:
    async def write(batch: list[int]) -> int:
        await asyncio.sleep(0)
        if batch == [1]:
            raise Busy("deadlock")
        return 1

    with pytest.raises(Busy):
        await _in_lanes([[i] for i in range(4)], write)
