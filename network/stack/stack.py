"""The local stack as one unit: bring up what does not answer yet, and stop only what we started."""

from dataclasses import dataclass, field

from network.settings import Settings
from network.stack import neo4j_local, redis_local


@dataclass
class Started:
    """What one `up` call started, so that the same caller stops exactly that."""

    services: list[str] = field(default_factory=list)


def up(settings: Settings) -> Started:
    started = Started()
    if redis_local.start(settings):
        started.services.append("redis")
    if neo4j_local.start(settings):
        started.services.append("neo4j")
    return started


def down(settings: Settings, started: Started | None = None) -> list[str]:
    """Stops the local services (all of them, or those `started` names) and says which were running."""
    wanted = started.services if started is not None else ["neo4j", "redis"]
    stopped = []
    if "neo4j" in wanted and neo4j_local.stop_local(settings):
        stopped.append("neo4j")
    if "redis" in wanted and redis_local.stop_local(settings):
        stopped.append("redis")
    return stopped


def status(settings: Settings) -> dict[str, str]:
    return {"neo4j": neo4j_local.status(settings), "redis": redis_local.status(settings)}
