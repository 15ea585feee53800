"""`help.route`: a new technical question goes to the three volunteers who fit it best, who get it by mail; every
five minutes the same task routes the open questions whose job was lost (Redis away when they were asked)."""

from typing import Any

import structlog
from arq.cron import CronJob, cron

from network.help import service
from network.kit import tasks
from network.outbox.wake import wake_delivery

log = structlog.get_logger(__name__)
NAME = tasks.HELP_ROUTE
CATCH_UP = f"{tasks.HELP_ROUTE}.catch_up"


async def route(ctx: dict[str, Any], question_id: str) -> dict[str, int]:
    """Routes one question (once: a question routed already is left alone) and wakes delivery for its mails."""
    routes = await service.route(ctx["db"], question_id)
    if routes:
        await wake_delivery(ctx["redis"])
    log.info("help question routed", question_id=question_id, volunteers=len(routes))
    return {"routed_to": len(routes)}


async def catch_up(ctx: dict[str, Any]) -> dict[str, int]:
    """Routes the open questions never routed a minute after they were asked."""
    routed = 0
    questions = await service.unrouted(ctx["db"])
    for question_id in questions:
        routed += bool(await service.route(ctx["db"], question_id))
    if routed:
        await wake_delivery(ctx["redis"])
    return {"found": len(questions), "routed": routed}


def schedules() -> list[CronJob]:
    """New each time: a worker keeps its next run time on the CronJob, so workers must not share one."""
    return [cron(catch_up, name=CATCH_UP, minute=set(range(3, 60, 5)), timeout=300, max_tries=1, unique=True)]
