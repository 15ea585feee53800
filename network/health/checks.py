"""Readiness checks: does each backing service answer within a short time?"""

import asyncio
from collections.abc import Awaitable

import structlog
from arq.connections import ArqRedis

from network.kit.database import Database

log = structlog.get_logger("network.health")
CHECK_TIMEOUT_S = 2.0


async def _check(name: str, probe: Awaitable[object]) -> str | None:
    """None when the service answered; else a fixed phrase for the caller (the endpoint is public: hosts, ports
    and driver messages go to the log only)."""
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_S)
    except TimeoutError:
        log.warning("readiness check failed", service=name, error="timeout")
        return f"no answer within {CHECK_TIMEOUT_S:g} s"
    except Exception as error:  # any failure means "not ready"
        log.warning("readiness check failed", service=name, error=f"{type(error).__name__}: {error}"[:300])
        return "not answering"
    return None


async def down_services(db: Database, queue: ArqRedis) -> dict[str, str]:
    """The services that do not answer, each with the reason; empty when all are up."""
    neo4j, redis = await asyncio.gather(_check("neo4j", db.ping()), _check("redis", queue.ping()))
    return {name: reason for name, reason in (("neo4j", neo4j), ("redis", redis)) if reason is not None}
