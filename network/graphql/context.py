"""The request context of each GraphQL request: the caller's viewer from its token, and the app's shared parts."""

from litestar.datastructures import State
from litestar.types import Scope

from network.accounts.viewer import resolve_viewer
from network.kit.context import Context


async def context_getter(state: State, scope: Scope) -> Context:
    viewer = await resolve_viewer(state.db, state.tokens, scope)
    return Context(
        db=state.db,
        queue=state.queue,
        settings=state.settings,
        viewer=viewer,
        tokens=state.tokens,
        catalogue=state.catalogue,
    )
