"""The request context of each GraphQL request: the caller's viewer from its token, its client address, and the
app's shared parts."""

from litestar.datastructures import Headers, State
from litestar.types import Scope

from network.accounts.clients import client_address, trusted_networks
from network.accounts.viewer import resolve_viewer
from network.kit.context import Context


def _client(state: State, scope: Scope) -> str:
    if "trusted_networks" not in state:  # parsed once per app, not per request
        state.trusted_networks = trusted_networks(state.settings.trusted_proxies)
    peer = scope.get("client")
    forwarded = Headers.from_scope(scope).get("x-forwarded-for")
    return client_address(peer[0] if peer else None, forwarded, state.trusted_networks)


async def context_getter(state: State, scope: Scope) -> Context:
    viewer = await resolve_viewer(state.db, state.tokens, scope)
    return Context(
        db=state.db,
        queue=state.queue,
        settings=state.settings,
        viewer=viewer,
        client=_client(state, scope),
        tokens=state.tokens,
        catalogue=state.catalogue,
    )
