"""The backstop behind the cost limit: a GraphQL response larger than MAX_RESPONSE_BYTES is not sent.

The cost is an estimate made before anything runs; long texts or big lists can still add up. Whatever the
estimate, the caller then gets a GraphQL error saying what to do instead of megabytes.
"""

import json
from collections.abc import Callable

import structlog
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Message,
    Receive,
    Scope,
    Send,
)

log = structlog.get_logger("network.http")

TOO_LARGE = "RESPONSE_TOO_LARGE"


def refusal(size: int, max_bytes: int) -> bytes:
    message = (
        f"the response would be {size} bytes or more, more than the limit of {max_bytes}; "
        "ask for fewer items with `first`, fewer fields or fewer nested lists"
    )
    return json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": TOO_LARGE}}]}).encode()


def response_size_limit(max_bytes: int, path: str = "/graphql") -> Callable[[ASGIApp], ASGIApp]:
    """Middleware holding back the responses to POSTs to `path` until they are complete or over `max_bytes`."""

    def limited(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            # POST only: GET serves the GraphiQL page, which is not an answer to a query
            if scope["type"] != ScopeType.HTTP or scope.get("method") != "POST" or scope["path"] != path:
                await app(scope, receive, send)
                return
            start: HTTPResponseStartEvent | None = None
            held: list[bytes] = []
            size = 0
            refused = False

            async def send_within_limit(message: Message) -> None:
                nonlocal start, size, refused
                if refused:
                    return  # the rest of a response already replaced
                if message["type"] == "http.response.start":
                    start = message
                    return
                if message["type"] != "http.response.body" or start is None:
                    await send(message)
                    return
                body = message.get("body", b"")
                size += len(body)
                if size > max_bytes:
                    refused = True
                    log.info("response refused as too large", size_at_least=size, limit=max_bytes)
                    await _send_whole(send, start, refusal(size, max_bytes))
                    return
                held.append(body)
                if not message.get("more_body", False):
                    await _send_whole(send, start, b"".join(held))

            await app(scope, receive, send_within_limit)

        return middleware

    return limited


async def _send_whole(send: Send, start: HTTPResponseStartEvent, body: bytes) -> None:
    headers = [(name, value) for name, value in start.get("headers", []) if name.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    whole: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    await send({"type": "http.response.start", "status": start["status"], "headers": headers})
    await send(whole)
