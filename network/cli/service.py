"""`network api`, `network worker`, `network jobs ...` and `network run` (everything in the foreground)."""

import asyncio
import subprocess
import sys
import time

import click
import uvicorn

from network.app import create_app, open_queue
from network.cli.common import with_database
from network.cli.schema import migrate_and_load
from network.job_runs import service as job_runs
from network.job_runs.repository import JobRunRow
from network.kit.database import Database
from network.settings import Settings
from network.stack import stack
from network.stack.processes import StackError


@click.command("api")
def api() -> None:
    """Serve the GraphQL API (and GraphiQL) on API_HOST:API_PORT."""
    settings = Settings()
    uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port, log_level="warning")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run what is queued, then exit.")
def worker(burst: bool) -> None:
    """Run the background worker."""
    from jobs.worker import create_worker  # the worker package is only needed by this command

    create_worker(Settings(), burst=burst).run()


@click.group("jobs")
def jobs_group() -> None:
    """Enqueue background jobs and follow them."""


@jobs_group.command("census")
@click.option("--wait", "wait_s", type=float, default=0, help="Seconds to wait for the result.")
def census(wait_s: float) -> None:
    """Count the graph's nodes per label in the worker and record it as a job run."""
    settings = Settings()

    async def work(db: Database) -> tuple[str, JobRunRow | None]:
        queue = open_queue(settings)
        try:
            run_id = await job_runs.enqueue(db, queue, "graph.census")
        finally:
            await queue.aclose()
        deadline = time.monotonic() + wait_s
        run = await job_runs.get(db, run_id)
        while run and run["status"] in ("QUEUED", "RUNNING") and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            run = await job_runs.get(db, run_id)
        return run_id, run

    run_id, run = with_database(settings, work)
    click.echo(f"job run {run_id}: {run['status'] if run else 'unknown'} {run.get('counts', '') if run else ''}")


@click.command("run")
@click.option("--no-demo", is_flag=True, help="Do not load the demo data set.")
def run(no_demo: bool) -> None:
    """Start everything: local Neo4j and Redis, migrations, catalogue, demo data, API and worker, until Ctrl-C."""
    settings = Settings()
    try:
        started = stack.up(settings)
    except StackError as error:
        raise click.ClickException(str(error)) from error
    children: list[subprocess.Popen[bytes]] = []
    try:
        applied, loaded = migrate_and_load(settings)
        click.echo(f"migrations applied: {', '.join(applied) or 'none new'}; catalogue: {loaded}")
        if not no_demo:
            from network.cli.data import load_demo  # imported here: only `run` and `demo` need it

            click.echo(load_demo(settings))
        for command in ("api", "worker"):
            children.append(subprocess.Popen([sys.executable, "-m", "network.cli.main", command]))
        click.echo(f"GraphiQL: http://{settings.api_host}:{settings.api_port}/graphql  (Ctrl-C stops everything)")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        click.echo("a service stopped; shutting down the rest")
    except KeyboardInterrupt:
        click.echo("stopping")
    finally:
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        stopped = stack.down(settings, started)
        click.echo(f"stopped: {', '.join(stopped) or 'nothing of the stack (it was already running)'}")
