"""Readiness checks: does each backing service answer within a short time?"""

import asyncio
from collections.abc import Awaitable

from arq.connections import ArqRedis

from network.kit.database import Database

CHECK_TIMEOUT_S = 2.0


async def _check(probe: Awaitable[object]) -> str | None:
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_S)
    except TimeoutError:
        return f"no answer within {CHECK_TIMEOUT_S:g} s"
    except Exception as error:  # any failure means "not ready"; the reason goes to the caller
        return f"{type(error).__name__}: {error}"[:300]
    return None


async def down_services(db: Database, queue: ArqRedis) -> dict[str, str]:
    """The services that do not answer, each with the reason; empty when all are up."""
    neo4j, redis = await asyncio.gather(_check(db.ping()), _check(queue.ping()))
    return {name: reason for name, reason in (("neo4j", neo4j), ("redis", redis)) if reason is not None}
