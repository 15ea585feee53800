"""Health endpoints over real HTTP: live always, ready only while Neo4j and Redis answer."""

import httpx

from network.settings import Settings
from network.stack import redis_local
from tests.support.server import free_port, running_api
from tests.support.settings import make_settings


def test_live_and_ready_on_the_running_stack(live_stack: Settings) -> None:
    with running_api(live_stack) as base:
        assert httpx.get(f"{base}/health/live").json() == {"status": "ok"}
        ready = httpx.get(f"{base}/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "down": {}}


def test_ready_turns_503_naming_redis_when_redis_stops(live_stack: Settings, tmp_path) -> None:
    # A Redis of this test's own, so stopping it does not disturb the rest of the suite.
    own = make_settings(redis_url=f"redis://127.0.0.1:{free_port()}/0", local_stack_dir=tmp_path)
    assert redis_local.start(own)
    try:
        with running_api(own) as base:
            assert httpx.get(f"{base}/health/ready").status_code == 200
            assert redis_local.stop_local(own)
            down = httpx.get(f"{base}/health/ready", timeout=10)
            assert httpx.get(f"{base}/health/live").status_code == 200
    finally:
        redis_local.stop_local(own)
    assert down.status_code == 503
    body = down.json()
    assert body["status"] == "unavailable" and list(body["down"]) == ["redis"]


def test_ready_turns_503_naming_neo4j_when_nothing_answers_bolt(live_stack: Settings) -> None:
    unreachable = make_settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", redis_url=live_stack.redis_url)
    with running_api(unreachable) as base:
        down = httpx.get(f"{base}/health/ready", timeout=10)
    assert down.status_code == 503
    assert list(down.json()["down"]) == ["neo4j"]


def test_every_response_carries_a_request_id(live_stack: Settings) -> None:
    with running_api(live_stack) as base:
        generated = httpx.get(f"{base}/health/live").headers["x-request-id"]
        echoed = httpx.get(f"{base}/health/live", headers={"x-request-id": "trace-42"}).headers["x-request-id"]
        forged = httpx.get(f"{base}/health/live", headers={"x-request-id": 'x" injected=1'}).headers["x-request-id"]
    assert len(generated) == 32 and echoed == "trace-42"
    assert forged != 'x" injected=1' and len(forged) == 32
