"""What every resolver gets: the database, the job queue, the settings and the viewer, per request."""

from arq.connections import ArqRedis
from litestar.datastructures import State
from litestar.types import Scope
from strawberry.litestar import BaseContext

from network.accounts.viewer import resolve_viewer
from network.kit.database import Database
from network.kit.viewer import ANONYMOUS, Viewer
from network.settings import Settings


class Context(BaseContext, kw_only=True):
    db: Database
    queue: ArqRedis
    settings: Settings
    viewer: Viewer = ANONYMOUS


async def context_getter(state: State, scope: Scope) -> Context:
    viewer = await resolve_viewer(state.db, state.settings, scope)
    return Context(db=state.db, queue=state.queue, settings=state.settings, viewer=viewer)
