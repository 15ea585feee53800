"""`network help receive`: the help address's SMTP receiver, or one mail piped in by a mail server (`--stdin`)."""

import asyncio
import sys

import click

from network.app import open_queue
from network.help import receiver
from network.help.inbound import Outcome, Verdict, receive
from network.kit.database import Database, open_driver
from network.kit.logging import configure_logging
from network.settings import Settings


@click.group("help")
def help_group() -> None:
    """Technical questions by e-mail."""


@help_group.command("receive")
@click.option("--stdin", "from_stdin", is_flag=True, help="Decide one mail read from standard input, then exit.")
@click.option("--sender", default=None, help="With --stdin: the envelope sender, as the mail server passes it.")
@click.option("--host", default=None, help="Listen address (default INBOUND_SMTP_HOST).")
@click.option("--port", type=int, default=None, help="Listen port (default INBOUND_SMTP_PORT).")
def receive_command(from_stdin: bool, sender: str | None, host: str | None, port: int | None) -> None:
    """Receive mail for MAIL_HELP_ADDRESS: new questions from known accounts, and volunteers' replies as answers.

    With --stdin (a mail server's pipe transport) the exit code follows sendmail: 0 taken (or dropped as automatic
    mail), 65 bad data (empty, malformed, too big, not allowed), 67 unknown sender, 75 try again later; the reason is
    on standard error, where the mail server puts it into its bounce."""
    settings = Settings()
    configure_logging(settings.log_level, settings.log_format)
    if from_stdin:
        raw = sys.stdin.buffer.read(settings.inbound_max_bytes + 1)
        outcome = asyncio.run(_one(settings, raw, sender))
        if not outcome.accepted:
            click.echo(outcome.message, err=True)
        sys.exit(outcome.exit_code)
    port = settings.inbound_smtp_port if port is None else port
    if not port:
        raise click.ClickException("No port: set INBOUND_SMTP_PORT or pass --port.")
    asyncio.run(_serve(settings, host or settings.inbound_smtp_host, port))


async def _one(settings: Settings, raw: bytes, sender: str | None) -> Outcome:
    driver = open_driver(settings)
    queue = open_queue(settings)
    try:
        return await receive(Database.from_settings(driver, settings), queue, settings, raw, sender)
    except Exception as error:  # the mail server keeps the mail and tries again
        return Outcome(Verdict.UNAVAILABLE, f"Try again later: {type(error).__name__}")
    finally:
        await queue.aclose()
        await driver.close()


async def _serve(settings: Settings, host: str, port: int) -> None:
    driver = open_driver(settings)
    queue = open_queue(settings)
    try:
        await receiver.serve(Database.from_settings(driver, settings), queue, settings, host, port)
    finally:
        await queue.aclose()
        await driver.close()
