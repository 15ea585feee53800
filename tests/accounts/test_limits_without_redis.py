"""Without Redis the log-in limits cannot be checked: log-ins are refused as UNAVAILABLE, never let through
unlimited and never an unexpected error."""

import httpx

from network.settings import Settings
from tests.support.server import free_port, running_api
from tests.support.settings import make_settings

LOG_IN = 'mutation { logIn(email: "someone@example.org", password: "long enough password") { token errors { code } } }'


def test_a_log_in_while_redis_is_down_is_unavailable(live_stack: Settings) -> None:
    without_redis = make_settings(neo4j_uri=live_stack.neo4j_uri, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    with running_api(without_redis) as base:
        answer = httpx.post(f"{base}/graphql", json={"query": LOG_IN}, timeout=30).json()
    assert "errors" not in answer, answer
    assert answer["data"]["logIn"] == {"token": None, "errors": [{"code": "UNAVAILABLE"}]}
