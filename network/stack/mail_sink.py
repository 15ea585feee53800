"""The local SMTP sink: our own small aiosmtpd process that keeps every mail it receives in a Maildir.

`network run` and the test session start it with Neo4j and Redis when SMTP_HOST is a loopback address and
SMTP_SECURITY is `none`; anything else is a real relay that is not ours to start. `network mail list` reads what it
kept. Run it alone with `python -m network.stack.mail_sink --host 127.0.0.1 --port 8025 --maildir DIR`.
"""

import argparse
import asyncio
import ipaddress
import mailbox
import os
import signal
import smtplib
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from aiosmtpd.smtp import SMTP, Envelope, Session

from network.settings import Settings
from network.stack.processes import StackError, log_tail, port_open, read_pid, spawn, stop, wait_until

START_TIMEOUT_S = 20
# More than any mail the service sends; a larger one is refused (552), as a relay would refuse it.
DATA_SIZE_LIMIT = 32 * 1024 * 1024
# The envelope is kept in headers put before the mail's own: the recipients often differ from To/Cc (Bcc, digests).
ENVELOPE_FROM = "Return-Path"
ENVELOPE_TO = "X-Envelope-To"


@dataclass(frozen=True)
class MailSinkPaths:
    root: Path
    maildir: Path
    pid_file: Path
    log_file: Path

    @classmethod
    def of(cls, settings: Settings) -> "MailSinkPaths":
        root = settings.local_stack_dir.resolve() / "mail"
        return cls(root=root, maildir=root / "maildir", pid_file=root / "sink.pid", log_file=root / "sink.log")


def wanted(settings: Settings) -> bool:
    """Whether SMTP points at a sink we keep: plain SMTP on this machine. A relay elsewhere (production) is not ours."""
    if settings.smtp_security != "none":
        return False
    if settings.smtp_host == "localhost":
        return True
    try:
        return ipaddress.ip_address(settings.smtp_host).is_loopback
    except ValueError:
        return False


def answers(settings: Settings) -> bool:
    """True when an SMTP server greets on SMTP_HOST:SMTP_PORT (ours or another program that keeps mail)."""
    if not port_open(settings.smtp_host, settings.smtp_port):
        return False
    try:
        # local_hostname spares the DNS look-up of this machine's name that smtplib would make otherwise.
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, local_hostname="localhost", timeout=2) as client:
            code, _ = client.noop()
            return code == 250
    except (OSError, smtplib.SMTPException):
        return False


def start(settings: Settings, *, wait: bool = True) -> bool:
    """Starts the sink unless SMTP points elsewhere or a server already answers there. True if it started one.

    `wait=False` returns once the process is spawned, for a supervisor restarting it (see redis_local.start)."""
    if not wanted(settings) or answers(settings):
        return False
    host, port = settings.smtp_host, settings.smtp_port
    if port_open(host, port):
        raise StackError(
            f"Port {port} on {host} is taken by a program that does not speak SMTP. "
            "Stop it, or set SMTP_PORT to a free port (for example 8026)."
        )
    paths = MailSinkPaths.of(settings)
    paths.root.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "network.stack.mail_sink", "--host", host, "--port", str(port)]
    spawn([*command, "--maildir", str(paths.maildir)], paths.pid_file, paths.log_file)
    if not wait:
        return True
    try:
        ready = wait_until(lambda: answers(settings), lambda: read_pid(paths.pid_file) is not None, START_TIMEOUT_S)
    except BaseException:
        stop(paths.pid_file, grace_s=5)  # a start cut short leaves no sink behind
        raise
    if not ready:
        stop(paths.pid_file, grace_s=5)
        raise StackError("The local mail sink did not start. Its log:\n" + log_tail(paths.log_file))
    return True


def stop_local(settings: Settings) -> bool:
    # Every mail is in the Maildir once it was accepted (written to tmp/, then renamed), so a short grace is enough.
    return stop(MailSinkPaths.of(settings).pid_file, grace_s=5)


def status(settings: Settings) -> str:
    where = f"smtp://{settings.smtp_host}:{settings.smtp_port}"
    if not wanted(settings):
        return f"not used (SMTP goes to {where}, security {settings.smtp_security})"
    paths = MailSinkPaths.of(settings)
    pid = read_pid(paths.pid_file)
    if not answers(settings):
        return f"down (nothing answers at {where})"
    if pid is None:
        return f"up at {where} (external; its mails are not in {paths.maildir})"
    kept = len(mailbox.Maildir(paths.maildir, create=False)) if paths.maildir.is_dir() else 0
    return f"up at {where} (local, pid {pid}, {kept} kept in {paths.maildir})"


class MaildirHandler:
    """Keeps each accepted mail as one Maildir file: the envelope headers, then the bytes exactly as received.

    Kept cheap on purpose, so a benchmark's thousands of mails are not slowed by the sink: no parsing, one small
    file written to tmp/ and renamed into new/ (so a reader never sees half a mail). `mailbox.Maildir.add` would
    fsync every file, which costs milliseconds a mail; a mail accepted here survives the sink's death without it
    (only the machine's crash could lose it, and this is a development sink)."""

    def __init__(self, maildir: Path) -> None:
        mailbox.Maildir(maildir, create=True)  # new/, cur/ and tmp/, as any Maildir reader expects
        self.maildir = maildir
        # A key unique across processes and restarts, in the usual Maildir form; its zero-padded time orders the
        # mails that arrived within one tick of the file system's clock.
        self.suffix = f"P{os.getpid()}Q{{count:08d}}.{socket.gethostname().replace('/', '_').replace(':', '_')}"
        self.count = 0

    def keep(self, data: bytes) -> str:
        now = time.time_ns()
        self.count += 1
        key = f"{now // 1_000_000_000}.M{now // 1000 % 1_000_000:06d}" + self.suffix.format(count=self.count)
        temporary = self.maildir / "tmp" / key
        try:
            with temporary.open("xb") as file:
                file.write(data)
            temporary.rename(self.maildir / "new" / key)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return key

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        try:
            self.keep(envelope_headers(envelope.mail_from or "", envelope.rcpt_tos) + content)
        except OSError as error:
            # A temporary failure (a full disk): the sender keeps the mail and tries again, as with a real relay;
            # aiosmtpd would answer 500, which a sender takes as final.
            print(f"could not keep a mail: {error}", flush=True)
            return "451 4.3.0 The sink could not keep the mail; try again later"
        return "250 OK kept"


def envelope_headers(mail_from: str, recipients: list[str]) -> bytes:
    """`Return-Path: <sender>` and one `X-Envelope-To:` per recipient; SMTP addresses hold no line breaks, and
    an SMTPUTF8 address stays UTF-8 as in the mail itself."""
    lines = [f"{ENVELOPE_FROM}: <{mail_from}>"] + [f"{ENVELOPE_TO}: {recipient}" for recipient in recipients]
    return "".join(line + "\r\n" for line in lines).encode("utf-8", "surrogateescape")


async def serve(host: str, port: int, maildir: Path) -> None:
    handler = MaildirHandler(maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="mail-sink.local",
            ident="network mail sink",
            data_size_limit=DATA_SIZE_LIMIT,
            enable_SMTPUTF8=True,
            decode_data=False,
        ),
        host,
        port,
    )
    stopped = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stopped.set)
    print(f"mail sink listening on {host}:{port}, keeping mail in {maildir}", flush=True)
    async with server:
        await stopped.wait()
    print("mail sink stopped", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m network.stack.mail_sink", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", type=Path, required=True)
    arguments = parser.parse_args(argv)
    asyncio.run(serve(arguments.host, arguments.port, arguments.maildir))


if __name__ == "__main__":
    main()
