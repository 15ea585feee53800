"""The request context of each GraphQL request: the caller's viewer from its token, its client address, and the
app's shared parts. Over a WebSocket there is one context per connection, and the viewer may also come from the
`connection_init` payload (browsers cannot set headers on a WebSocket)."""

from typing import Any

import structlog
from litestar.datastructures import Headers, State
from litestar.exceptions import NotAuthorizedException
from litestar.types import Scope
from strawberry.exceptions import ConnectionRejectionError

from network.accounts.clients import client_address, trusted_networks
from network.accounts.errors import InvalidToken
from network.accounts.viewer import resolve_viewer, viewer_for_token
from network.kit.authorisation import Viewer
from network.kit.context import Context
from network.kit.errors import NotPermitted

log = structlog.get_logger("network.graphql")


def _client(state: State, scope: Scope) -> str:
    if "trusted_networks" not in state:  # parsed once per app, not per request
        state.trusted_networks = trusted_networks(state.settings.trusted_proxies)
    peer = scope.get("client")
    forwarded = Headers.from_scope(scope).get("x-forwarded-for")
    return client_address(peer[0] if peer else None, forwarded, state.trusted_networks)


async def context_getter(state: State, scope: Scope) -> Context:
    viewer = await resolve_viewer(state.db, state.tokens, scope, state.viewers)

    async def reauthorise() -> Viewer:
        try:
            return await resolve_viewer(state.db, state.tokens, scope)
        except NotAuthorizedException as error:
            raise NotPermitted(str(error.detail)) from error

    return Context(
        db=state.db,
        queue=state.queue,
        settings=state.settings,
        viewer=viewer,
        client=_client(state, scope),
        tokens=state.tokens,
        catalogue=state.catalogue,
        pubsub=state.get("pubsub"),
        viewers=state.viewers,
        reauthorise=reauthorise if viewer.account_id is not None else None,
    )


def _bearer(params: dict[str, Any]) -> str | None:
    """The token of an `Authorization: Bearer <token>` entry (any case of the key); None without one."""
    found = next((value for key, value in params.items() if key.lower() == "authorization"), None)
    if found is None:
        return None
    scheme, _, token = str(found).strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("Send the token as 'Authorization: Bearer <token>'.")
    return token.strip()


async def viewer_on_connect(context: Context) -> None:
    """A WebSocket's `connection_init`: a token in its payload signs the connection in (over one given as a
    header); a bad one refuses the connection (close code 4403), as a bad header answers HTTP 401."""
    try:
        token = _bearer(context.connection_params or {})
        if token is not None and context.tokens is not None:
            db, tokens = context.db, context.tokens
            context.viewer = await viewer_for_token(db, tokens, token)

            async def reauthorise() -> Viewer:
                try:
                    return await viewer_for_token(db, tokens, token)
                except InvalidToken as error:
                    raise NotPermitted(str(error)) from error

            context.reauthorise = reauthorise
    except InvalidToken as error:
        log.info("websocket refused", reason=str(error))
        raise ConnectionRejectionError({"message": str(error)}) from error
