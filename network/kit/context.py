"""What every resolver gets: the database, the job queue, the settings, the viewer and its client, per request.

The app builds one per request, and one per connection over a WebSocket (`network.graphql.context.context_getter`).
The token signer and the catalogue cache are named for their types only, so the kit stays below the domains that
define them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import strawberry
from arq.connections import ArqRedis
from strawberry.litestar import BaseContext

from network.kit.authorisation import ANONYMOUS, Viewer
from network.kit.database import Database
from network.kit.pubsub import PubSubHub
from network.settings import Settings

if TYPE_CHECKING:
    from network.accounts.tokens import TokenSigner
    from network.accounts.viewer import ViewerCache
    from network.catalogue.cache import CatalogueCache

T = TypeVar("T")

IN_PROCESS = "in-process"  # a request that did not come over the network (tests, scripts)


class Context(BaseContext, kw_only=True):
    db: Database
    queue: ArqRedis
    settings: Settings
    catalogue: CatalogueCache  # the app's one cache, or one per request
    viewer: Viewer = ANONYMOUS
    client: str = IN_PROCESS  # the caller's address as the abuse limits count it (network/accounts/clients.py)
    tokens: TokenSigner | None = None  # the app's one signer; logging in and changing a password need it
    viewers: ViewerCache | None = None  # the app's viewers by token, cleared after a mutation
    loaders: dict[str, Any] | None = None  # per-request batch loaders, made on first use
    pubsub: PubSubHub | None = None  # the app's one pub/sub connection, for subscriptions
    connection_params: dict[str, Any] | None = None  # a WebSocket's `connection_init` payload (strawberry sets it)
    # The viewer as its token stands now (raises when it was revoked or the account went): a long-lived subscription
    # asks again before each event, so a log-out or a lost role ends it. None: anonymous, nothing to ask.
    reauthorise: Callable[[], Awaitable[Viewer]] | None = None

    def __post_init__(self) -> None:
        self.loaders = {}

    def loader(self, name: str, make: Callable[[], T]) -> T:
        """The request's one loader called `name`, so every row of a list shares its batch."""
        assert self.loaders is not None
        if name not in self.loaders:
            self.loaders[name] = make()
        return cast(T, self.loaders[name])  # loaders of every kind share one dict; `name` says which

    @property
    def cache(self) -> CatalogueCache:
        return self.catalogue


Info = strawberry.Info[Context, None]  # what every resolver gets as `info`
