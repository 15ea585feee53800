"""The Litestar application factory: GraphQL at /graphql (subscriptions over its WebSocket), health endpoints,
request ids."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import orjson
import structlog
from arq.connections import ArqRedis
from litestar import Litestar, MediaType, Request, Response
from litestar.datastructures import State
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR, HTTP_503_SERVICE_UNAVAILABLE
from redis.asyncio import ConnectionPool
from strawberry.litestar import make_graphql_controller
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from network.accounts.tokens import TokenSigner
from network.accounts.viewer import ViewerCache
from network.catalogue.cache import CatalogueCache
from network.graphql.context import context_getter, viewer_on_connect
from network.graphql.schema import build_schema
from network.health.controller import HealthController
from network.kit.database import Database, open_driver
from network.kit.errors import Unavailable
from network.kit.limits.response_size import response_size_limit
from network.kit.logging import configure_logging, request_id_middleware
from network.kit.pubsub import PubSubHub
from network.kit.request_guard import request_guard
from network.mail.unsubscribe import UnsubscribeController
from network.metrics.endpoint import http_metrics, metrics
from network.settings import Settings
from network.web_client.dev_mail import DevMailController
from network.web_client.routes import graphiql_page, web_client_router


def open_queue(settings: Settings) -> ArqRedis:
    """The arq client; it connects lazily, so the API starts (and reports not ready) while Redis is down."""
    pool = ConnectionPool.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
    return ArqRedis.from_pool(pool)  # type: ignore[return-value]  # owns the pool, so aclose() disconnects it


log = structlog.get_logger("network.http")

# Subscriptions: one WebSocket carries a few (the web client needs one per party it shows), an account a few
# connections' worth per API process; each is a queue on the process's one pub/sub connection (network/kit/pubsub.py).
# graphql-transport-ws only: its client pings and the server answers, and uvicorn pings every connection besides, so
# a peer that vanished is dropped. The legacy graphql-ws protocol is not offered.
SUBSCRIPTIONS_PER_CONNECTION = 10
SUBSCRIPTIONS_PER_ACCOUNT = 20
CONNECTION_INIT_WAIT = timedelta(seconds=10)


def _graphql_error(message: str, code: str) -> dict[str, object]:
    # The shape of a GraphQL response, so a client reads every failure the same way.
    return {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}


def _unavailable(request: Request[Any, Any, Any], error: Exception) -> Response[dict[str, object]]:
    """A backing service is down before the operation could run (the caller's token is read first)."""
    retry_after = error.retry_after_s if isinstance(error, Unavailable) else 5
    return Response(
        _graphql_error(str(error), Unavailable.code),
        status_code=HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(retry_after)},
    )


def _internal_error(request: Request[Any, Any, Any], error: Exception) -> Response[dict[str, object]]:
    request_id = request.scope.get("state", {}).get("request_id", "-")
    log.error("unexpected error outside a resolver", exc_info=error)
    return Response(
        _graphql_error(f"Unexpected error (request id {request_id}); it has been logged.", "INTERNAL"),
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _all_unavailable(data: object) -> bool:
    """True when nothing was answered and a backing service is why: the whole request is a 503."""
    if not isinstance(data, dict) or not data.get("errors"):
        return False
    answered = data.get("data")
    if isinstance(answered, dict) and any(value is not None for value in answered.values()):
        return False
    return all((error.get("extensions") or {}).get("code") == Unavailable.code for error in data["errors"])


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def connections(app: Litestar) -> AsyncIterator[None]:
        app.state.db = Database.from_settings(open_driver(settings), settings)
        app.state.queue = open_queue(settings)
        app.state.catalogue = CatalogueCache(app.state.db, max_age_s=settings.catalogue_cache_s)
        app.state.pubsub = PubSubHub(app.state.queue, max_per_owner=SUBSCRIPTIONS_PER_ACCOUNT)
        try:
            yield
        finally:
            await app.state.pubsub.aclose()
            await app.state.queue.aclose()
            await app.state.db.driver.close()

    dist = settings.web_dist_dir
    base = make_graphql_controller(
        build_schema(settings),
        path="/graphql",
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
        context_getter=context_getter,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        connection_init_wait_timeout=CONNECTION_INIT_WAIT,
        max_subscriptions_per_connection=SUBSCRIPTIONS_PER_CONNECTION,
    )

    class GraphQLController(base):  # type: ignore[valid-type,misc]  # strawberry makes the class at run time
        async def render_graphql_ide(self, request: Request[Any, Any, Any]) -> Response[str]:
            page = graphiql_page(dist)  # bundled with the web client: no CDN needed
            return Response(page, media_type=MediaType.HTML) if page else await super().render_graphql_ide(request)

        def encode_json(self, data: object) -> bytes:
            return orjson.dumps(data)  # several times faster than the json module on a page of results

        def create_response(self, response_data: Any, sub_response: Response[bytes]) -> Response[bytes]:
            response: Response[bytes] = super().create_response(response_data, sub_response)
            if _all_unavailable(response_data):
                response.status_code = HTTP_503_SERVICE_UNAVAILABLE
                response.headers["Retry-After"] = "5"
            return response

        async def on_ws_connect(self, context: Any) -> UnsetType | dict[str, object] | None:
            await viewer_on_connect(context)
            return UnsetType()  # a plain connection_ack (strawberry's UNSET, typed)

    observed = [metrics] if settings.metrics_enabled else []
    development = [DevMailController] if settings.dev_mail_page else []
    return Litestar(
        route_handlers=[
            GraphQLController,
            HealthController,
            UnsubscribeController,
            *observed,
            *development,
            web_client_router(dist),
        ],
        lifespan=[connections],
        middleware=[
            request_id_middleware,
            *([http_metrics().middleware] if settings.metrics_enabled else []),
            request_guard(settings.max_request_json_depth),
            response_size_limit(settings.max_response_bytes),
        ],
        exception_handlers={Unavailable: _unavailable, HTTP_500_INTERNAL_SERVER_ERROR: _internal_error},
        state=State(
            {
                "settings": settings,
                "tokens": TokenSigner.from_settings(settings),
                "viewers": ViewerCache(settings.viewer_cache_s),
            }
        ),
    )
