"""A graphql-transport-ws client over a real WebSocket (the `websockets` package), for the API's subscriptions."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"


class GraphQLSocket:
    """One connection: subscribe by operation id, read what the server sends (pings are answered on the way)."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    async def send(self, message: dict[str, Any]) -> None:
        await self.connection.send(json.dumps(message))

    async def subscribe(self, operation_id: str, query: str, **variables: Any) -> None:
        await self.send({"id": operation_id, "type": "subscribe", "payload": {"query": query, "variables": variables}})

    async def receive(self, timeout_s: float) -> dict[str, Any]:
        """The next message other than a ping; TimeoutError when none comes within `timeout_s`."""
        async with asyncio.timeout(timeout_s):
            while True:
                message: dict[str, Any] = json.loads(await self.connection.recv())
                if message["type"] == "ping":
                    await self.send({"type": "pong"})
                    continue
                return message

    async def received_within(self, seconds: float) -> list[dict[str, Any]]:
        """Every message that arrives within `seconds`."""
        found: list[dict[str, Any]] = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while (left := deadline - loop.time()) > 0:
            try:
                found.append(await self.receive(left))
            except TimeoutError:
                break
        return found


@asynccontextmanager
async def graphql_socket(
    base_url: str, payload: dict[str, Any] | None = None, headers: dict[str, str] | None = None
) -> AsyncIterator[GraphQLSocket]:
    """A connection to `base_url`'s /graphql, initialised with `payload` (connection_init) and acknowledged."""
    url = base_url.replace("http://", "ws://", 1) + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], additional_headers=headers, open_timeout=10) as connection:  # type: ignore[list-item]  # websockets types subprotocols as its own str subtype
        socket = GraphQLSocket(connection)
        await socket.send({"type": "connection_init", "payload": payload or {}})
        ack = await socket.receive(10)
        assert ack["type"] == "connection_ack", ack
        yield socket
