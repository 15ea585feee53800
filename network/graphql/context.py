"""What every resolver gets: the database, the job queue, the settings and the viewer, per request."""

from collections.abc import Callable
from typing import Any, TypeVar

from arq.connections import ArqRedis
from litestar.datastructures import State
from litestar.types import Scope
from strawberry.litestar import BaseContext

from network.accounts.tokens import TokenSigner
from network.accounts.viewer import resolve_viewer
from network.catalogue.cache import CatalogueCache
from network.kit.database import Database
from network.kit.viewer import ANONYMOUS, Viewer
from network.settings import Settings

T = TypeVar("T")


class Context(BaseContext, kw_only=True):
    db: Database
    queue: ArqRedis
    settings: Settings
    viewer: Viewer = ANONYMOUS
    tokens: TokenSigner | None = None  # the app's one signer; only signing up and logging in need it
    catalogue: CatalogueCache | None = None  # made per request from `db` when not given
    loaders: dict[str, Any] | None = None  # per-request batch loaders, made on first use

    def __post_init__(self) -> None:
        if self.catalogue is None:
            self.catalogue = CatalogueCache(self.db)
        self.loaders = {}

    def loader(self, name: str, make: Callable[[], T]) -> T:
        """The request's one loader called `name`, so every row of a list shares its batch."""
        assert self.loaders is not None
        if name not in self.loaders:
            self.loaders[name] = make()
        return self.loaders[name]  # type: ignore[no-any-return]

    @property
    def cache(self) -> CatalogueCache:
        assert self.catalogue is not None  # set in __post_init__
        return self.catalogue


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
