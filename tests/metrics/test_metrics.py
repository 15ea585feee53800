"""`/metrics` over real HTTP: the series of GraphQL operations, HTTP requests, the database and the queue move."""

import httpx
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from network.settings import Settings
from tests.support.server import free_port, running_api
from tests.support.settings import make_settings


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def _value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_a_named_operation_is_counted_by_name_and_outcome(live_stack: Settings) -> None:
    with running_api(live_stack) as base:
        before = _samples(httpx.get(f"{base}/metrics").text)
        httpx.post(f"{base}/graphql", json={"query": "query MetricsProbe { tools { slug } }"})
        httpx.post(f"{base}/graphql", json={"query": "query MetricsProbe { noSuchField }"})
        scraped = httpx.get(f"{base}/metrics")
    after = _samples(scraped.text)
    assert scraped.headers["content-type"].startswith("text/plain")
    counted = "network_graphql_requests_total"
    assert _value(after, counted, operation="MetricsProbe", outcome="ok") == (
        _value(before, counted, operation="MetricsProbe", outcome="ok") + 1
    )
    assert _value(after, counted, operation="MetricsProbe", outcome="refused") == (
        _value(before, counted, operation="MetricsProbe", outcome="refused") + 1
    )
    timed = "network_graphql_request_seconds_count"
    assert _value(after, timed, operation="MetricsProbe") >= _value(before, timed, operation="MetricsProbe") + 2
    assert _value(after, "network_queue_up") == 1
    # HTTP requests by route template, never by the path a caller typed
    assert any(
        name.startswith("network_http_requests") and dict(labels).get("path") == "/graphql" for name, labels in after
    )


def test_operation_names_that_could_carry_data_are_not_labels(live_stack: Settings) -> None:
    with running_api(live_stack) as base:
        httpx.post(
            f"{base}/graphql",
            json={"query": "query Tools { tools { slug } }", "operationName": "jane.doe@example.org"},
        )
        text = httpx.get(f"{base}/metrics").text
    assert "jane.doe" not in text


def test_an_unreachable_database_counts_as_unavailable(live_stack: Settings) -> None:
    down = make_settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}", redis_url=live_stack.redis_url, neo4j_query_timeout_s=2
    )
    with running_api(down) as base:
        before = _samples(httpx.get(f"{base}/metrics").text)
        httpx.post(f"{base}/graphql", json={"query": "query DownProbe { associations { totalCount } }"}, timeout=30)
        after = _samples(httpx.get(f"{base}/metrics").text)
    counted = "network_graphql_requests_total"
    assert _value(after, counted, operation="DownProbe", outcome="unavailable") == 1 + _value(
        before, counted, operation="DownProbe", outcome="unavailable"
    )
    errors = "network_database_errors_total"
    assert sum(v for (name, _), v in after.items() if name == errors) > sum(
        v for (name, _), v in before.items() if name == errors
    )


def test_a_metrics_token_keeps_scrapers_without_it_out(live_stack: Settings) -> None:
    guarded = live_stack.model_copy(update={"metrics_token": SecretStr("scrape-secret")})
    with running_api(guarded) as base:
        refused = httpx.get(f"{base}/metrics")
        wrong = httpx.get(f"{base}/metrics", headers={"Authorization": "Bearer nope"})
        allowed = httpx.get(f"{base}/metrics", headers={"Authorization": "Bearer scrape-secret"})
    assert refused.status_code == 401 and wrong.status_code == 401
    assert allowed.status_code == 200 and "network_graphql_requests_total" in allowed.text
