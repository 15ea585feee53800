"""The service's own SMTP receiver for the help address: each mail is decided (inbound.py) before DATA is answered,
so 250 means committed, 550/552 tell the sender what is wrong, and 451 makes the sending server try again later.

It takes mail for MAIL_HELP_ADDRESS only, and is meant to sit behind the organisation's mail server (which checks
SPF, DKIM and spam and relays the help address here), or to be reached directly on INBOUND_SMTP_PORT.
"""

import asyncio
import signal
from dataclasses import dataclass

import structlog
from aiosmtpd.smtp import SMTP, Envelope, Session
from arq.connections import ArqRedis

from network.help.inbound import Outcome, Verdict, address_of, receive
from network.kit.database import Database
from network.settings import Settings

log = structlog.get_logger(__name__)
SESSION_TIMEOUT_S = 120  # an idle client is let go after this long


class HelpHandler:
    """aiosmtpd's handler: recipients other than the help address are refused, DATA runs the inbound decision."""

    def __init__(self, db: Database, queue: ArqRedis, settings: Settings) -> None:
        self.db, self.queue, self.settings = db, queue, settings
        self.help_address = address_of(settings.mail_help_address)

    async def handle_RCPT(  # aiosmtpd's hook names
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address_of(address) != self.help_address:
            return f"550 5.1.1 Only <{self.help_address}> receives mail here."
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        try:
            outcome = await receive(self.db, self.queue, self.settings, raw, envelope.mail_from)
        except Exception:  # a fault of ours: the sender keeps the mail and tries again, nothing is lost
            log.exception("help mail deferred after an unexpected error")
            outcome = Outcome(Verdict.UNAVAILABLE, "Try again later: the mail could not be processed just now.")
        log.info("help mail", verdict=outcome.verdict.value, question_id=outcome.question_id)
        return outcome.smtp_reply


@dataclass
class Receiver:
    """A running receiver; `port` is the one it listens on (useful when asked for port 0)."""

    server: asyncio.Server
    host: str
    port: int

    async def close(self) -> None:
        self.server.close()
        await self.server.wait_closed()


async def start(db: Database, queue: ArqRedis, settings: Settings, host: str, port: int) -> Receiver:
    handler = HelpHandler(db, queue, settings)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="help-receiver.local",
            ident="network help receiver",
            # aiosmtpd announces it (SIZE), refuses a larger MAIL FROM SIZE=, and answers 552 after reading past it
            # without keeping the rest in memory
            data_size_limit=settings.inbound_max_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            timeout=SESSION_TIMEOUT_S,
        ),
        host,
        port,
    )
    bound = server.sockets[0].getsockname()[1]
    return Receiver(server=server, host=host, port=int(bound))


async def serve(db: Database, queue: ArqRedis, settings: Settings, host: str, port: int) -> None:
    """Runs until SIGTERM, SIGINT or SIGHUP; a mail being decided finishes first (the server stops accepting)."""
    receiver = await start(db, queue, settings, host, port)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stopped.set)
    log.info("help receiver listening", host=host, port=receiver.port, address=settings.mail_help_address)
    try:
        await stopped.wait()
    finally:
        await receiver.close()
        log.info("help receiver stopped")
