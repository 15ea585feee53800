"""Runs the real arq worker in burst mode: every queued job (deferred ones included) to the end, then returns."""

from jobs.worker import create_worker
from network.settings import Settings


async def run_worker(settings: Settings) -> None:
    worker = create_worker(settings, burst=True)
    try:
        await worker.main()
    finally:
        await worker.close()
