"""The mail benchmark's tables, verdict and notes: the same SuiteResult the other suites return."""

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bench.mail.reads import ReadLog
from bench.results import SuiteResult, Table
from bench.soak.phases import percentile_ms

if TYPE_CHECKING:  # the suite imports this module; the type only names what it passes in
    from bench.mail.suite import MailRun

PASS, FAIL = "PASS", "FAIL"


def _latency_row(phase: str, log: ReadLog) -> list[Any]:
    errors = sum(log.errors.values())
    rate = len(log.latencies_s) / log.seconds if log.seconds else None
    return [
        phase,
        log.seconds,
        len(log.latencies_s),
        errors,
        rate,
        percentile_ms(log.latencies_s, 0.5),
        percentile_ms(log.latencies_s, 0.95),
        percentile_ms(log.latencies_s, 0.99),
    ]


def delivery_figures(run: "MailRun") -> dict[str, Any]:
    """Seconds are counted from the worker's start; rates over the time from the first mail to the last."""
    times, sending = run.arrivals.times, run.sending
    start = sending.worker_started
    first = times[0] - start if times else None
    last = times[-1] - start if times else None
    figures: dict[str, Any] = {
        "first_mail_s": first,
        "last_mail_s": last,
        "mails": len(times),
        "mails_per_s": (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else None,
        "notifications_per_s": run.statuses.get("SENT", 0) / (times[-1] - times[0])
        if len(times) > 1 and times[-1] > times[0]
        else None,
        "mails_per_s_before_outage": None,
        "notifications_per_s_before_outage": None,
        "outage_s": None,
        "recovered_after_s": None,
        "last_mail_after_back_s": None,
    }
    outage = sending.outage
    if outage is not None:
        before = [t for t in times if t < outage.stopped_at]
        if len(before) > 1 and before[-1] > before[0]:
            figures["mails_per_s_before_outage"] = (len(before) - 1) / (before[-1] - before[0])
            figures["notifications_per_s_before_outage"] = outage.sent_before / (outage.stopped_at - before[0])
        if outage.back_at:
            figures["outage_s"] = outage.back_at - outage.stopped_at
            after = [t for t in times if t >= outage.back_at]
            if after:
                figures["recovered_after_s"] = after[0] - outage.back_at
                figures["last_mail_after_back_s"] = after[-1] - outage.back_at
    return figures


def mail_result(run: "MailRun") -> SuiteResult:
    options, once = run.options, run.exactly_once
    figures = delivery_figures(run)
    result = SuiteResult("mail")
    verdict = PASS if once.holds and not run.sending.timed_out else FAIL
    detail = (
        f"{run.statuses.get('SENT', 0):,} notifications SENT in {once.expected:,} mails; {once.arrived:,} mails kept: "
        f"missing {len(once.missing)}, kept twice or more {len(once.duplicated)}, unexpected {once.unexpected}, "
        f"SENT naming no mail {once.unnamed}"
        + (f"; the deadline of {options.deadline_s:g} s passed first" if run.sending.timed_out else "")
    )
    result.tables.append(Table("Rules", ["rule", "result", "detail"], [["every mail exactly once", verdict, detail]]))
    result.tables.append(
        Table(
            "Delivery (seconds since the worker started)",
            ["measure", "value"],
            [
                ["notifications queued", run.queued.notifications],
                [f"queued in {run.queued.transactions} transactions, s", run.queued.seconds],
                ["mails kept", figures["mails"]],
                ["first mail kept, s", figures["first_mail_s"]],
                ["last mail kept, s", figures["last_mail_s"]],
                ["mails per second (first to last mail)", figures["mails_per_s"]],
                ["notifications per second (first to last mail)", figures["notifications_per_s"]],
                ["mails per second before the outage", figures["mails_per_s_before_outage"]],
                ["notifications per second before the outage", figures["notifications_per_s_before_outage"]],
                ["sink stopped for, s", figures["outage_s"]],
                ["first mail after the sink was back, s", figures["recovered_after_s"]],
                ["last mail after the sink was back, s", figures["last_mail_after_back_s"]],
                ["sent after a temporary failure (retried)", run.retried],
                *[[f"notifications {status}", count] for status, count in sorted(run.statuses.items())],
            ],
        )
    )
    result.tables.append(
        Table(
            "API reads, sender idle and sender working (ms)",
            ["phase", "seconds", "requests", "errors", "requests/s", "p50", "p95", "p99"],
            [_latency_row("sender idle", run.idle), _latency_row("sender working", run.sending.reads)],
        )
    )
    result.notes += _notes(run)
    result.raw = {
        "neo4j_server": run.server,
        "options": asdict(options),
        "rules": {"every mail exactly once": {"result": verdict, "detail": detail}},
        "queued": asdict(run.queued),
        "delivery": figures,
        "statuses": run.statuses,
        "failed_by_reason": run.errors,
        "retried": run.retried,
        "exactly_once": {
            "expected": once.expected,
            "arrived": once.arrived,
            "missing": once.missing[:50],
            "missing_count": len(once.missing),
            "duplicated": once.duplicated,
            "unexpected": once.unexpected,
            "unnamed": once.unnamed,
        },
        "reads": {
            phase: {
                "seconds": log.seconds,
                "requests": len(log.latencies_s),
                "errors": log.errors,
                "p50_ms": percentile_ms(log.latencies_s, 0.5),
                "p95_ms": percentile_ms(log.latencies_s, 0.95),
                "p99_ms": percentile_ms(log.latencies_s, 0.99),
            }
            for phase, log in (("idle", run.idle), ("working", run.sending.reads))
        },
        "outage": asdict(run.sending.outage) if run.sending.outage else None,
        "worker_started": run.sending.worker_started,
        "timed_out": run.sending.timed_out,
        "kept_over_time": run.sending.samples,
        "load_s": run.load_s,
    }
    return result


def _notes(run: "MailRun") -> list[str]:
    options, settings = run.options, run.settings
    notes = [
        f"{options.notifications:,} PEER_SUGGESTED notifications to {options.accounts:,} accounts "
        f"({options.per_account} each; one account acts for each of as many associations of the generated data "
        f"set, seed {options.seed}; one in five reads English mails), written through the outbox with their "
        f"{options.notifications // 2:,} "
        f"suggestions in {run.queued.transactions} transactions, as a full recompute writes them. Sent by "
        f"`network worker` (woken once after the queue's commits, as a producer wakes it; "
        f"MAIL_BATCH_SIZE {settings.mail_batch_size}, "
        f"MAIL_RETRY_S {settings.mail_retry_s:g}, MAIL_MAX_TRIES {settings.mail_max_tries}) through the local "
        f"SMTP sink, which keeps each mail as a Maildir file; a mail's arrival is its file's time.",
        f"API reads: {options.clients} clients in a closed loop over an association's page, a filtered list and a "
        f"search (the API suite's requests), {options.read_s:g} s with no worker running, then from the first "
        f"notification SENT for at most {options.read_s:g} s (less when sending ended first or 90% were sent "
        f"before, with an outage to come). "
        f"Everything (Neo4j, Redis, the sink, the API, the worker and the readers) shares this machine's cores.",
        "Exactly once: once every notification was settled, each SENT notification names the Message-ID of the mail "
        "that carried it (delivery puts several of one account's notifications claimed together into one mail); "
        "every one of those Message-IDs must be in the sink's Maildir exactly once, and no other mail.",
    ]
    outage = run.sending.outage
    if outage is not None:
        wake = (
            "delivery was woken once it was back, as a producer's commit wakes it"
            if options.wake_after_outage
            else "nothing woke delivery when it was back: the worker's cron (every minute) and the retry schedule "
            "of the mails that failed did"
        )
        notes.append(
            f"Outage: the sink (pid {outage.sink_pid}) was stopped with SIGTERM once {outage.sent_before:,} "
            f"notifications were SENT ({outage.arrived_before:,} mails kept), and started again "
            f"{options.outage_s:g} s later; {wake}."
        )
    if run.errors:
        notes.append("FAILED notifications by reason: " + ", ".join(f"{k} {n}" for k, n in run.errors.items()))
    return notes
