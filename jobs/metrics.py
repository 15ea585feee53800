"""The worker's Prometheus metrics, served on its own `/metrics` (WORKER_METRICS_PORT).

Jobs are counted as they end (`observing.py`); the queue and the writer lock are read from Redis at each scrape,
so they are never stale. Labels are task names, outcomes and holder kinds: never a person's data, never an id.
"""

import hmac
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from threading import Thread
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

import redis
from arq.constants import default_queue_name, in_progress_key_prefix
from prometheus_client import CollectorRegistry, Counter, Histogram, make_wsgi_app
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from network.kit import freshness
from network.settings import Settings

REGISTRY = CollectorRegistry()  # the worker's own, apart from the API's
JOB_RUNS = Counter(
    "network_jobs_runs", "Jobs the worker ran, by task and outcome.", ["task", "outcome"], registry=REGISTRY
)
JOB_SECONDS = Histogram(
    "network_jobs_duration_seconds",
    "How long the worker's jobs ran, by task.",
    ["task"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
    registry=REGISTRY,
)
REDIS_FAILURES = Counter(
    "network_worker_redis_failures", "Attempts of the worker to reach Redis that failed.", registry=REGISTRY
)
LIVE_BATCHES = Counter(
    "network_live_batches",
    "Batches of changes the live applier handled: applied to its state, or rebuilt by a full run.",
    ["how"],
    registry=REGISTRY,
)
LIVE_SECONDS = Histogram(
    "network_live_batch_seconds",
    "How long the live applier took per batch of changes, lock wait and writes included.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
    registry=REGISTRY,
)
# How many of the oldest due queue entries are checked for a running job (arq keeps a job queued while it runs);
# more than a few workers' `max_jobs` together.
_SCANNED = 100


class QueueCollector(Collector):
    """Queue depth, the wait of the oldest due job, and the writer lock's holder and age, read at scrape time."""

    def __init__(self, settings: Settings) -> None:
        self.redis = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=1, socket_timeout=2)

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("network_worker_redis_up", "Whether the worker's scrape reached Redis (1) or not (0).")
        try:
            queued, oldest_s, lock = self._read()
        except redis.RedisError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield GaugeMetricFamily(
            "network_jobs_queued", "Jobs waiting in the queue (deferred ones included, running ones not).", queued
        )
        yield GaugeMetricFamily(
            "network_jobs_oldest_queued_age_seconds",
            "How long the oldest job that is due has waited for a worker; 0 when none waits.",
            oldest_s,
        )
        held = GaugeMetricFamily("network_worker_writer_lock_held", "Whether a run holds the suggestion writer lock.")
        held.add_metric([], 1 if lock else 0)
        yield held
        age = GaugeMetricFamily(
            "network_worker_writer_lock_age_seconds",
            "How long the suggestion writer lock has been held, by the kind of holder (a task, network match).",
            labels=["holder"],
        )
        if lock:
            age.add_metric([lock[0]], lock[1])
        yield age

    def _read(self) -> tuple[int, float, tuple[str, float] | None]:
        now_ms = time.time() * 1000
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcard(default_queue_name)
            pipe.zrangebyscore(default_queue_name, "-inf", now_ms, start=0, num=_SCANNED, withscores=True)
            pipe.exists(freshness.WRITER_LOCK)
            pipe.get(freshness.WRITER_HOLDER)
            total, due, locked, holder = pipe.execute()
        with self.redis.pipeline(transaction=False) as pipe:
            for job_id, _ in due:
                pipe.exists(in_progress_key_prefix + job_id.decode())
            running = pipe.execute() if due else []
        waiting = [score for (_, score), is_running in zip(due, running, strict=True) if not is_running]
        oldest_s = max(now_ms - min(waiting), 0.0) / 1000 if waiting else 0.0
        lock = freshness.holder_of(holder, time.time()) if locked else None
        return int(total) - sum(bool(r) for r in running), oldest_s, lock


@dataclass
class MetricsServer:
    """The worker's `/metrics` endpoint, served from a thread."""

    server: WSGIServer
    thread: Thread
    collector: QueueCollector

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        REGISTRY.unregister(self.collector)
        self.collector.redis.close()


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a scrape in flight never holds the worker's exit


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Scrapes are not logged: one line every few seconds would drown the job lines."""


def _guarded(app: WSGIApplication, token: str | None) -> WSGIApplication:
    """`app` behind `Authorization: Bearer <METRICS_TOKEN>` when a token is set, as the API's `/metrics`."""

    def guarded(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if token is not None:
            scheme, _, given = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
                start_response("401 Unauthorized", [("Content-Type", "text/plain"), ("WWW-Authenticate", "Bearer")])
                return [b"Send the metrics token as 'Authorization: Bearer <token>'.\n"]
        return app(environ, start_response)

    return guarded


def serve(settings: Settings) -> MetricsServer | None:
    """Starts `/metrics` on API_HOST:WORKER_METRICS_PORT; None when the port is 0 (off)."""
    if not settings.worker_metrics_port:
        return None
    collector = QueueCollector(settings)
    REGISTRY.register(collector)
    token = settings.metrics_token.get_secret_value() if settings.metrics_token is not None else None
    try:
        server = make_server(
            settings.api_host,
            settings.worker_metrics_port,
            _guarded(make_wsgi_app(REGISTRY), token),
            server_class=_Server,
            handler_class=_QuietHandler,
        )
    except OSError:
        REGISTRY.unregister(collector)
        collector.redis.close()
        raise
    thread = Thread(target=server.serve_forever, name="worker-metrics", daemon=True)
    thread.start()
    return MetricsServer(server, thread, collector)
