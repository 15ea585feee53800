"""`network stack start|stop|status`: the local Neo4j and Redis on their own."""

import click

from network.settings import Settings
from network.stack import stack
from network.stack.debian import ensure_chromium
from network.stack.neo4j_local import ensure_jars
from network.stack.processes import StackError
from network.stack.redis_local import ensure_server


@click.group("stack")
def stack_group() -> None:
    """Start, stop and inspect the local Neo4j and Redis."""


@stack_group.command("install")
@click.option("--browser", is_flag=True, help="Also Chromium, which the web client's browser tests drive.")
def install(browser: bool) -> None:
    """Download the Neo4j jars and install redis-server (and Chromium), without starting anything."""
    settings = Settings()
    try:
        click.echo(f"neo4j jars: {ensure_jars(settings)}")
        click.echo(f"redis-server: {ensure_server()}")
        if browser:
            click.echo(f"chromium: {ensure_chromium()}")
    except StackError as error:
        raise click.ClickException(str(error)) from error


@stack_group.command("start")
def start() -> None:
    """Start what does not answer yet at NEO4J_URI and REDIS_URL; reuse what does."""
    settings = Settings()
    try:
        started = stack.up(settings)
    except StackError as error:
        raise click.ClickException(str(error)) from error
    for name, line in stack.status(settings).items():
        tag = "started" if name in started.services else "reused"
        click.echo(f"{name}: {line} [{tag}]")


@stack_group.command("stop")
def stop() -> None:
    """Stop the local Neo4j and Redis that `start` left running."""
    stopped = stack.down(Settings())
    click.echo(f"stopped: {', '.join(stopped) or 'nothing was running'}")


@stack_group.command("status")
def status() -> None:
    """Say whether Neo4j and Redis answer, and whether they are local processes."""
    for name, line in stack.status(Settings()).items():
        click.echo(f"{name}: {line}")
