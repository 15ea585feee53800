"""Batches written in concurrent lanes: every batch once, counts summed without losing a lane's share."""

import asyncio

import pytest

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
