"""The mail benchmark end to end, on a fresh stack of its own (Neo4j, Redis and the local SMTP sink):

1. the data set imported, one account per association, the API started;
2. N notifications queued through the outbox (PEER suggestions and their notifications, in a few transactions);
3. the API's reads for a fixed time with the sender idle (no worker runs);
4. delivery woken (as a producer wakes it) and `network worker` started: from its first mail sent, the same reads
   again while it sends (for the same time, or until the last notification was sent); with an outage, the sink is
   stopped by its pid once those reads are done and half of the notifications were sent (at 90% sent at the latest),
   and started again after the outage;
5. once every notification is settled (or the deadline passed): each Message-ID counted in the sink's Maildir.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path

from arq import create_pool
from arq.connections import RedisSettings

from bench.api.inputs import Inputs
from bench.data import dataset_file
from bench.machine import neo4j_server
from bench.mail import prepare, repository
from bench.mail.arrivals import Arrivals, ExactlyOnce, check_exactly_once, read_arrivals
from bench.mail.options import MailOptions
from bench.mail.processes import sending_worker
from bench.mail.reads import ReadLog, read_load
from bench.mail.results import mail_result
from bench.options import Progress, quiet
from bench.results import SuiteResult
from bench.services import api_server
from bench.stack import fresh
from network.kit.database import Database, open_driver
from network.outbox.wake import wake_delivery
from network.settings import Settings
from network.stack import mail_sink, stack
from network.stack.mail_sink_reader import SinkMailbox
from network.stack.processes import read_pid

POLL_S = 0.5
SETTLE_S = 3.0  # after the last mail: time for a second copy to show, should delivery send one
UNSETTLED = ("PENDING", "SENDING")


@dataclass
class Outage:
    stopped_at: float  # epoch seconds
    back_at: float
    sink_pid: int | None  # the pid stopped
    arrived_before: int  # mails kept when the sink was stopped
    sent_before: int  # notifications SENT by then


@dataclass
class Sending:
    worker_started: float  # epoch seconds
    finished: float  # when every notification was settled, or the deadline passed
    timed_out: bool
    reads: ReadLog  # the API's reads while the sender worked
    outage: Outage | None = None
    # (seconds since the worker's start, notifications SENT, mails kept)
    samples: list[tuple[float, int, int]] = field(default_factory=list)


@dataclass
class MailRun:
    options: MailOptions
    settings: Settings
    queued: prepare.Queued
    idle: ReadLog
    sending: Sending
    arrivals: Arrivals
    exactly_once: ExactlyOnce
    statuses: dict[str, int]
    retried: int  # notifications tried more than once (sent after a temporary failure)
    errors: dict[str, int]  # FAILED notifications by reason
    server: str
    load_s: float


def run_mail(
    settings: Settings, data_folder: Path, output: Path, options: MailOptions, progress: Progress = quiet
) -> SuiteResult:
    if not mail_sink.wanted(settings):
        raise ValueError(f"SMTP_HOST {settings.smtp_host} is not this machine: the benchmark needs its own sink")
    if options.mail_retry_s is not None:
        settings = settings.model_copy(update={"mail_retry_s": options.mail_retry_s})
    output.mkdir(parents=True, exist_ok=True)
    progress("mail: stack, data and accounts", 0, 3)
    fresh(settings)
    try:
        if read_pid(mail_sink.MailSinkPaths.of(settings).pid_file) is None:
            raise RuntimeError(
                f"another SMTP server answers on port {settings.smtp_port}; the benchmark needs its own sink there"
            )
        data_file = dataset_file(data_folder, options.accounts, options.seed)
        progress("mail: stack, data and accounts", 1, 3)
        started = time.monotonic()
        inputs = prepare.load(settings, data_file, options)
        load_s = time.monotonic() - started
        server = neo4j_server(settings)
        progress("mail: stack, data and accounts", 3, 3)
        with api_server(settings) as base_url:
            asyncio.run(
                _timed_reads(settings, base_url, inputs, options, options.warm_up_s)
            )  # the API's first requests pay imports
            progress("mail: queue notifications", 0, 1)
            queued = prepare.queue(settings, options)
            asyncio.run(_wake(settings))  # as a producer wakes delivery after its commit; the worker finds it queued
            progress("mail: queue notifications", 1, 1)
            idle = asyncio.run(
                _timed_reads(settings, base_url, inputs, options, options.read_s, progress, "mail: reads, idle")
            )
            with sending_worker(settings, output / "worker.log"):
                sending = asyncio.run(_send(settings, base_url, inputs, options, queued.notifications, progress))
        time.sleep(SETTLE_S)
        return _result(settings, options, queued, idle, sending, server, load_s)
    finally:
        stack.down(settings)


def _result(
    settings: Settings,
    options: MailOptions,
    queued: prepare.Queued,
    idle: ReadLog,
    sending: Sending,
    server: str,
    load_s: float,
) -> SuiteResult:
    states = prepare.states(settings)
    arrivals = read_arrivals(SinkMailbox.of(settings))
    statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    for state in states:
        statuses[state["status"]] = statuses.get(state["status"], 0) + 1
        if state["status"] == "FAILED":
            reason = (state["error"] or "").split(":")[0]
            errors[reason] = errors.get(reason, 0) + 1
    # Each SENT notification names the mail that carried it; several of one account's may share one.
    sent = [s for s in states if s["status"] == "SENT"]
    expected = {s["messageId"] for s in sent if s["messageId"]}
    run = MailRun(
        options=options,
        settings=settings,
        queued=queued,
        idle=idle,
        sending=sending,
        arrivals=arrivals,
        exactly_once=check_exactly_once(expected, arrivals, unnamed=sum(1 for s in sent if not s["messageId"])),
        statuses=statuses,
        retried=sum(1 for s in states if s["status"] == "SENT" and s["tries"] > 0),
        errors=errors,
        server=server,
        load_s=load_s,
    )
    return mail_result(run)


async def _timed_reads(
    settings: Settings,
    base_url: str,
    inputs: Inputs,
    options: MailOptions,
    seconds: float,
    progress: Progress = quiet,
    stage: str = "",
) -> ReadLog:
    """Reads for `seconds`; meanwhile the graph and the sink are polled as while sending, so both phases carry the
    benchmark's own watching."""
    until = asyncio.Event()
    load = asyncio.create_task(read_load(base_url, inputs, options.clients, options.seed, until))
    db = Database(open_driver(settings), settings.neo4j_database, timeout_s=30)
    box = SinkMailbox.of(settings)
    try:
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            progress(stage, int(time.monotonic() - began), int(seconds))
            await db.read(repository.status_counts)
            await asyncio.to_thread(box.count)
            await asyncio.sleep(min(POLL_S, max(0.0, seconds - (time.monotonic() - began))))
    finally:
        until.set()
        await db.driver.close()
    progress(stage, int(seconds), int(seconds))
    return await load


async def _wake(settings: Settings) -> None:
    redis = await create_pool(RedisSettings.from_dsn(settings.redis_url))
    try:
        await wake_delivery(redis)
    finally:
        await redis.aclose()


async def _send(
    settings: Settings, base_url: str, inputs: Inputs, options: MailOptions, expected: int, progress: Progress
) -> Sending:
    """Watches the notifications' states (and the mails kept) until every notification is settled; stops the reads
    and, with an outage, stops and starts the sink on the way."""
    box = SinkMailbox.of(settings)
    db = Database(open_driver(settings), settings.neo4j_database, timeout_s=30)
    worker_started = time.time()
    reads_until = asyncio.Event()
    reads: asyncio.Task[ReadLog] | None = None
    reads_began = 0.0
    samples: list[tuple[float, int, int]] = []
    outage: Outage | None = None
    outage_ends = 0.0
    timed_out = False
    try:
        while True:
            now = time.time()
            counts = await db.read(repository.status_counts)
            sent, unsettled = counts.get("SENT", 0), sum(counts.get(status, 0) for status in UNSETTLED)
            kept = await asyncio.to_thread(box.count)
            samples.append((now - worker_started, sent, kept))
            progress("mail: sending (notifications sent)", min(sent, expected), expected)
            if reads is None and (sent or not unsettled):
                # The working phase begins with the first mail sent, not with the worker's start-up.
                reads = asyncio.create_task(read_load(base_url, inputs, options.clients, options.seed, reads_until))
                reads_began = now
            if reads is not None and (now - reads_began >= options.read_s or not unsettled):
                reads_until.set()
            # The outage comes once the working reads are done and half of the notifications were sent, or at
            # 90% sent at the latest (the reads end there), so that it meets delivery at work.
            due = sent >= expected // 2 and (reads_until.is_set() or sent >= expected * 9 // 10)
            if options.outage_s and outage is None and due:
                reads_until.set()
                pid = read_pid(mail_sink.MailSinkPaths.of(settings).pid_file)
                await asyncio.to_thread(mail_sink.stop_local, settings)
                outage = Outage(time.time(), 0.0, pid, kept, sent)
                outage_ends = time.monotonic() + options.outage_s
            if outage is not None and not outage.back_at and time.monotonic() >= outage_ends:
                await asyncio.to_thread(mail_sink.start, settings)
                outage.back_at = time.time()
                if options.wake_after_outage:
                    await _wake(settings)
            if (outage is None or outage.back_at) and not unsettled:
                break
            if now - worker_started > options.deadline_s:
                timed_out = True
                break
            await asyncio.sleep(POLL_S)
    finally:
        reads_until.set()
        read_log = await reads if reads is not None else ReadLog()
        await db.driver.close()
    return Sending(worker_started, time.time(), timed_out, read_log, outage, samples)
