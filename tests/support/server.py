"""A real uvicorn server on a free loopback port, for tests that go through HTTP."""

import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from network.app import create_app
from network.settings import Settings


def _ephemeral_start() -> int:
    """Where the kernel's range for outgoing connections starts (32768 on Linux by default)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32_768


_handed_out: set[int] = set()


def free_port() -> int:
    """A free loopback port for a server that binds it later, below the range of outgoing connections: a port from
    that range can be taken in between by any client's connection (a driver's pool starting up), and the server's
    bind then fails for as long as that connection lives. Never the same port twice in a session."""
    top = _ephemeral_start()
    for _ in range(500):
        port = random.randrange(max(1_024, top - 12_000), top)
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free loopback port below the range of outgoing connections")


@contextmanager
def running_api(settings: Settings) -> Iterator[str]:
    """Serves `create_app(settings)` in a thread and yields its base URL; stops it on exit."""
    port = free_port()
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="on",
        loop="asyncio",
        http="h11",
        proxy_headers=False,  # the app decides whom to believe (TRUSTED_PROXIES), as `network serve` must
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
