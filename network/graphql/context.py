"""What every resolver gets: the database, the job queue and the settings, per request."""

from arq.connections import ArqRedis
from litestar import Request
from litestar.datastructures import State
from strawberry.litestar import BaseContext

from network.kit.database import Database
from network.settings import Settings


class Context(BaseContext, kw_only=True):
    db: Database
    queue: ArqRedis
    settings: Settings


async def context_getter(request: Request, state: State) -> Context:
    return Context(db=state.db, queue=state.queue, settings=state.settings)
