"""`GET /metrics` in Prometheus' text format, optionally behind a bearer token for the scraper."""

import hmac
from typing import Any

from litestar import Request, Response, get
from litestar.datastructures import State
from litestar.exceptions import NotAuthorizedException
from litestar.plugins.prometheus import PrometheusConfig
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from network.metrics import queue
from network.settings import Settings


@get("/metrics", include_in_schema=False)
async def metrics(request: Request[Any, Any, State]) -> Response[bytes]:
    settings: Settings = request.app.state.settings
    if settings.metrics_token is not None:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        expected = settings.metrics_token.get_secret_value()
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise NotAuthorizedException(detail="Send the metrics token as 'Authorization: Bearer <token>'.")
    await queue.refresh(request.app.state.queue)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def http_metrics() -> PrometheusConfig:
    """Requests by method, route template and status, with latency: templates, not paths, carry no one's data."""
    return PrometheusConfig(
        app_name="network",
        prefix="network_http",
        group_path=True,
        exclude_unhandled_paths=True,
        exclude=["/metrics"],
    )
