"""The local stack as one unit: bring up what does not answer yet, and stop only what we started."""

from dataclasses import dataclass, field
from pathlib import Path

from network.settings import Settings
from network.stack import mail_sink, neo4j_local, redis_local
from network.stack.supervisor import LocalService


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
    if mail_sink.start(settings):
        started.services.append("mail")
    return started


def down(settings: Settings, started: Started | None = None) -> list[str]:
    """Stops the local services (all of them, or those `started` names) and says which were running."""
    wanted = started.services if started is not None else ["mail", "neo4j", "redis"]
    stopped = []
    if "mail" in wanted and mail_sink.stop_local(settings):
        stopped.append("mail")
    if "neo4j" in wanted and neo4j_local.stop_local(settings):
        stopped.append("neo4j")
    if "redis" in wanted and redis_local.stop_local(settings):
        stopped.append("redis")
    return stopped


def status(settings: Settings) -> dict[str, str]:
    return {
        "neo4j": neo4j_local.status(settings),
        "redis": redis_local.status(settings),
        "mail": mail_sink.status(settings),
    }


def local_services(settings: Settings) -> list[LocalService]:
    """Redis, Neo4j and the mail sink (when SMTP points at this machine) in the order they start, each as a service
    that a supervisor can restart."""
    services = [
        LocalService(
            "redis",
            redis_local.RedisPaths.of(settings).pid_file,
            lambda: redis_local.start(settings),
            lambda: redis_local.stop_local(settings),
            lambda: redis_local.start(settings, wait=False),
        ),
        LocalService(
            "neo4j",
            neo4j_local.Neo4jPaths.of(settings).pid_file,
            lambda: neo4j_local.start(settings),
            lambda: neo4j_local.stop_local(settings),
            lambda: neo4j_local.start(settings, wait=False),
        ),
    ]
    if mail_sink.wanted(settings):
        services.append(
            LocalService(
                "mail",
                mail_sink.MailSinkPaths.of(settings).pid_file,
                lambda: mail_sink.start(settings),
                lambda: mail_sink.stop_local(settings),
                lambda: mail_sink.start(settings, wait=False),
            )
        )
    return services


def process_pid_file(settings: Settings, name: str) -> Path:
    """Where `network run` records the pid of its API or worker process, next to those of Neo4j and Redis."""
    return settings.local_stack_dir.resolve() / "run" / f"{name}.pid"
