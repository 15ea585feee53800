"""The worker's own `/metrics`, scraped over HTTP from a running `network worker`: job counts and durations move
after a job ran; queue depth, the oldest queued job's wait and the writer lock's holder and age are read live."""

import datetime as dt
import uuid
from pathlib import Path

import httpx
import pytest
from arq.connections import ArqRedis
from arq.constants import default_queue_name, job_key_prefix
from prometheus_client.parser import text_string_to_metric_families

from jobs.metrics import QueueCollector
from network.job_runs import service as job_runs
from network.kit import freshness, tasks
from network.kit.database import Database
from network.settings import Settings
from tests.jobs.worker_process import until, worker_process
from tests.support.server import free_port

pytestmark = pytest.mark.timeout(90)  # a child worker's start takes most of it on a loaded machine


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of the series `name` with exactly these labels in an exposition, or None when it is missing."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return float(found.value)
    return None


async def test_the_worker_serves_metrics_that_move_when_jobs_run(
    db: Database, settings: Settings, job_queue: ArqRedis, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/metrics"
    token = uuid.uuid4().hex
    with worker_process(settings, tmp_path, WORKER_METRICS_PORT=str(port), METRICS_TOKEN=token) as worker:
        async with httpx.AsyncClient(timeout=5) as client:

            async def scrape() -> str:
                response = await client.get(url, headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 200
                return response.text

            async def answers() -> bool:
                try:
                    return (await client.get(url)).status_code == 401
                except httpx.TransportError:
                    return False

            await until(answers, 60, "the worker's /metrics answered (refusing a scrape without the token)")
            refused = await client.get(url, headers={"Authorization": "Bearer wrong"})
            assert refused.status_code == 401 and "network_jobs" not in refused.text
            first = await scrape()
            assert sample(first, "network_worker_redis_up") == 1
            runs = sample(first, "network_jobs_runs_total", task=tasks.CENSUS, outcome="succeeded") or 0
            timed = sample(first, "network_jobs_duration_seconds_count", task=tasks.CENSUS) or 0

            run_id = await job_runs.enqueue(db, job_queue, tasks.CENSUS)

            async def counted() -> bool:
                text = await scrape()
                return sample(text, "network_jobs_runs_total", task=tasks.CENSUS, outcome="succeeded") == runs + 1

            await until(counted, 30, "the census was counted")
            text = await scrape()
            assert sample(text, "network_jobs_duration_seconds_count", task=tasks.CENSUS) == timed + 1
            assert (await job_runs.get(db, run_id) or {}).get("status") == "SUCCEEDED"

            queued = sample(text, "network_jobs_queued")
            assert queued is not None
            later = await job_queue.enqueue_job(tasks.CENSUS, str(uuid.uuid4()), _defer_by=3600)
            assert later is not None
            try:
                assert sample(await scrape(), "network_jobs_queued") == queued + 1
            finally:
                await _forget(job_queue, later.job_id)

            assert sample(text, "network_worker_writer_lock_held") == 0
            async with freshness.writer_lock(job_queue, "network match", lease_s=5):
                held = await scrape()
                assert sample(held, "network_worker_writer_lock_held") == 1
                age = sample(held, "network_worker_writer_lock_age_seconds", holder="network match")
                assert age is not None and 0 <= age < 5
            assert sample(await scrape(), "network_worker_writer_lock_held") == 0
        assert worker.alive()


async def test_the_oldest_queued_job_ages_while_no_worker_takes_it(settings: Settings, job_queue: ArqRedis) -> None:
    collector = QueueCollector(settings)
    waiting = await job_queue.enqueue_job(
        "tests.never-run", _defer_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=30)
    )
    assert waiting is not None
    try:
        found = {metric.name: metric.samples[0].value for metric in collector.collect() if metric.samples}
        assert found["network_jobs_oldest_queued_age_seconds"] >= 30
        assert found["network_jobs_queued"] >= 1
    finally:
        await _forget(job_queue, waiting.job_id)
        collector.redis.close()


async def _forget(queue: ArqRedis, job_id: str) -> None:
    await queue.zrem(default_queue_name, job_id)
    await queue.delete(job_key_prefix + job_id)
