"""The Litestar application factory: GraphQL at /graphql, health endpoints, request ids."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from arq.connections import ArqRedis
from litestar import Litestar, MediaType, Request, Response
from litestar.datastructures import State
from redis.asyncio import ConnectionPool
from strawberry.litestar import make_graphql_controller

from network.accounts.tokens import TokenSigner
from network.catalogue.cache import CatalogueCache
from network.graphql.context import context_getter
from network.graphql.schema import build_schema
from network.health.controller import HealthController
from network.kit.database import Database, open_driver
from network.kit.logging import configure_logging, request_id_middleware
from network.settings import Settings
from network.web_client.routes import graphiql_page, web_client_router


def open_queue(settings: Settings) -> ArqRedis:
    """The arq client; it connects lazily, so the API starts (and reports not ready) while Redis is down."""
    pool = ConnectionPool.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    return ArqRedis.from_pool(pool)  # type: ignore[return-value]  # owns the pool, so aclose() disconnects it


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def connections(app: Litestar) -> AsyncIterator[None]:
        app.state.db = Database.from_settings(open_driver(settings), settings)
        app.state.queue = open_queue(settings)
        app.state.catalogue = CatalogueCache(app.state.db, max_age_s=settings.catalogue_cache_s)
        try:
            yield
        finally:
            await app.state.queue.aclose()
            await app.state.db.driver.close()

    dist = settings.web_dist_dir
    base = make_graphql_controller(
        build_schema(settings),
        path="/graphql",
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
        context_getter=context_getter,
    )

    class GraphQLController(base):  # type: ignore[valid-type,misc]  # strawberry makes the class at run time
        async def render_graphql_ide(self, request: Request[Any, Any, Any]) -> Response[str]:
            page = graphiql_page(dist)  # bundled with the web client: no CDN needed
            return Response(page, media_type=MediaType.HTML) if page else await super().render_graphql_ide(request)

    return Litestar(
        route_handlers=[GraphQLController, HealthController, web_client_router(dist)],
        lifespan=[connections],
        middleware=[request_id_middleware],
        state=State({"settings": settings, "tokens": TokenSigner.from_settings(settings)}),
    )
