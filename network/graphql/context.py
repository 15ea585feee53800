"""What every resolver gets: the database, the job queue and the settings, per request."""

from arq.connections import ArqRedis
from litestar.datastructures import State
from litestar.types import Scope
from strawberry.litestar import BaseContext

from network.kit.database import Database
from network.settings import Settings


class Context(BaseContext, kw_only=True):
    db: Database
    queue: ArqRedis
    settings: Settings


async def context_getter(state: State, scope: Scope) -> Context:
    return Context(db=state.db, queue=state.queue, settings=state.settings)
