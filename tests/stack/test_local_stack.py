"""The local stack's clear failures: a port taken by something else, and no Java on the machine."""

import socket
from pathlib import Path

import pytest

from network.settings import Settings
from network.stack import neo4j_local, redis_local
from network.stack.processes import StackError
from tests.support.settings import make_settings


@pytest.fixture
def taken_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_port_taken_by_another_program_is_named(taken_port: int, tmp_path: Path) -> None:
    settings = make_settings(neo4j_uri=f"bolt://127.0.0.1:{taken_port}", local_stack_dir=tmp_path)
    with pytest.raises(StackError, match=f"Port {taken_port} on 127.0.0.1 is taken"):
        neo4j_local.start(settings)
    settings = make_settings(redis_url=f"redis://127.0.0.1:{taken_port}/0", local_stack_dir=tmp_path)
    with pytest.raises(StackError, match=f"Port {taken_port} on 127.0.0.1 is taken"):
        redis_local.start(settings)


def test_missing_java_is_named_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.server import free_port

    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without java on its PATH
    settings = make_settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", local_stack_dir=tmp_path)
    with pytest.raises(StackError, match=r"Java is not installed.*apt-get install openjdk-17"):
        neo4j_local.start(settings)


def test_the_running_stack_is_reused_not_started_twice(live_stack: Settings) -> None:
    assert neo4j_local.start(live_stack) is False
    assert redis_local.start(live_stack) is False
    assert "up at" in neo4j_local.status(live_stack)
