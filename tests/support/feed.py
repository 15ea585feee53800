"""Watching the suggestion change feed as an API process does: a Redis subscription to parties' channels."""

import json
import time

from redis.asyncio.client import PubSub

from network.suggestions.changes_feed import CHANNEL


async def told(watching: PubSub, expected: set[str], seconds: float = 10) -> dict[str, set[str]]:
    """Per party told within `seconds`: the kinds its messages named. Stops early once every `expected` party was
    told and half a second passed without another message (a party may be told of several kinds in turn)."""
    found: dict[str, set[str]] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = await watching.get_message(ignore_subscribe_messages=True, timeout=0.5)
        if message is None:  # nothing for half a second
            if expected <= found.keys():
                break
            continue
        party = message["channel"].decode().removeprefix(CHANNEL)
        found.setdefault(party, set()).add(json.loads(message["data"])["kind"])
    return found
