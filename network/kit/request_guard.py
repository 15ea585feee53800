"""Checks on a GraphQL request's body before it is parsed: valid UTF-8 and JSON of bounded depth.

Without them, bytes that are not UTF-8 or variables nested a thousand levels deep fail deep inside the JSON decoder
(UnicodeDecodeError, RecursionError) and reach the caller as a server error; here they get a 400 naming the problem.
"""

import json
import re
from collections.abc import Callable

import structlog
from litestar.enums import ScopeType
from litestar.types import (
    ASGIApp,
    HTTPRequestEvent,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    ReceiveMessage,
    Scope,
    Send,
)

log = structlog.get_logger("network.http")

BAD_REQUEST = "BAD_REQUEST"
# A JSON string, escapes included (the unrolled form stays linear on long strings); brackets inside do not nest.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str, stop_above: int) -> int:
    """How deeply arrays and objects nest in `text` (0 for a scalar); counting stops once past `stop_above`."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > stop_above:
                break
        else:
            depth -= 1
    return deepest


def body_problem(body: bytes, max_depth: int) -> str | None:
    """What is wrong with a request body, for the caller, or None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"the request body is not valid UTF-8 (byte {error.start}); send JSON encoded as UTF-8"
    depth = json_depth(text, max_depth)
    if depth > max_depth:
        return f"the request body nests deeper than the limit of {max_depth} levels; send flatter variables"
    return None


def bad_request(message: str) -> bytes:
    return json.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": BAD_REQUEST}}]}).encode()


def request_guard(
    max_depth: int, max_body_bytes: int = 10_000_000, path: str = "/graphql"
) -> Callable[[ASGIApp], ASGIApp]:
    """Middleware reading the body of each POST to `path` whole (up to `max_body_bytes`, the framework's own
    limit) and answering 400 when `body_problem` finds one; otherwise the app gets the same body."""

    def guarded(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP or scope.get("method") != "POST" or scope["path"] != path:
                await app(scope, receive, send)
                return
            chunks: list[bytes] = []
            size = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    await app(scope, receive, send)  # the client left: let the app see it as usual
                    return
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > max_body_bytes or not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            problem = None if size > max_body_bytes else body_problem(body, max_depth)
            if problem:
                log.info("request refused", problem=problem)
                await _answer(send, 400, bad_request(problem))
                return
            replayed = False

            async def replay() -> ReceiveMessage:
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                whole: HTTPRequestEvent = {"type": "http.request", "body": body, "more_body": size > max_body_bytes}
                return whole

            await app(scope, replay, send)

        return middleware

    return guarded


async def _answer(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": headers}
    whole: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
    await send(start)
    await send(whole)
