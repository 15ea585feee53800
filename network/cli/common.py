"""Helpers the CLI commands share: settings, a database for one command, readable failures."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from network.kit.database import Database, open_driver
from network.settings import Settings

T = TypeVar("T")


def with_database(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    """Runs `work` with a database opened for this one command and closed afterwards."""

    async def run() -> T:
        driver = open_driver(settings)
        try:
            return await work(Database.from_settings(driver, settings))
        finally:
            await driver.close()

    return asyncio.run(run())


def fail(message: str) -> None:
    raise click.ClickException(message)
