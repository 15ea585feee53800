"""`network api`, `network worker`, `network jobs ...` and `network run` (everything in the foreground)."""

import asyncio
import os
import sys
import time
from typing import Any

import click
import uvicorn

from network.app import create_app, open_queue
from network.cli.common import with_database
from network.cli.schema import migrate_and_load
from network.job_runs import service as job_runs
from network.job_runs.repository import JobRunRow
from network.kit.database import Database
from network.kit.logging import configure_logging
from network.settings import Settings
from network.stack import mail_sink, stack
from network.stack.processes import StackError
from network.stack.supervisor import ChildProcess, supervising


@click.command("api")
def api() -> None:
    """Serve the GraphQL API (and GraphiQL) on API_HOST:API_PORT."""
    settings = Settings()
    # The app reads X-Forwarded-For itself, only from TRUSTED_PROXIES; uvicorn would trust it from 127.0.0.1.
    where: dict[str, Any] = {
        "host": settings.api_host,
        "port": settings.api_port,
        "log_level": "warning",
        "proxy_headers": False,
    }
    if settings.api_workers == 1:
        uvicorn.run(create_app(settings), **where)
    else:  # each worker process builds its own app from the same environment
        uvicorn.run("network.app:create_app", factory=True, workers=settings.api_workers, **where)


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
    """Start everything: local Neo4j, Redis and mail sink, migrations, catalogue, demo data, API and worker (and the
    help address's SMTP receiver when INBOUND_SMTP_PORT is set); restart what of it dies, until Ctrl-C or SIGTERM
    stops all of it."""
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    if mail_sink.wanted(settings) and "dev_mail_page" not in settings.model_fields_set:
        os.environ["DEV_MAIL_PAGE"] = "true"  # the API started below shows the local sink's mails at /dev/mail
    with supervising() as supervisor:
        try:
            for service in stack.local_services(settings):
                if service.start():  # False: one already answers, which is not ours to watch or stop
                    supervisor.adopt(service)
        except StackError as error:
            raise click.ClickException(str(error)) from error
        applied, loaded = migrate_and_load(settings)
        click.echo(f"migrations applied: {', '.join(applied) or 'none new'}; catalogue: {loaded}")
        if not no_demo:
            from network.cli.data import load_demo  # imported here: only `run` and `demo` need it

            click.echo(load_demo(settings))
        children = {"api": ["api"], "worker": ["worker"]}
        if settings.inbound_smtp_port:  # the help address's own SMTP receiver, when a port is set for it
            children["help-receiver"] = ["help", "receive"]
        for name, command in children.items():
            supervisor.launch(
                ChildProcess(
                    name,
                    [sys.executable, "-m", "network.cli.main", *command],
                    stack.process_pid_file(settings, name),
                )
            )
        url = f"http://{settings.api_host}:{settings.api_port}/graphql"
        click.echo(f"GraphiQL: {url}  (Ctrl-C or SIGTERM stops everything)")
        supervisor.watch()
