"""Pauses that end early when the run is told to stop."""

import asyncio


async def pause(stop: asyncio.Event, seconds: float) -> bool:
    """Waits `seconds`, or less when `stop` is set first; True when it was set."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=max(0.0, seconds))
    except TimeoutError:
        return stop.is_set()
    return True
