"""The soak's tables, rules and notes from what it measured: the same SuiteResult the other suites return."""

from collections import Counter
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bench.options import scale_label
from bench.results import SuiteResult, Table
from bench.soak.clients import MIX
from bench.soak.options import SoakOptions
from bench.soak.phases import failures_outside, in_window, percentile_ms, summarise
from bench.soak.readback import ReadBack
from bench.soak.service import STOP_TIMEOUT_S, Service, Stopped

if TYPE_CHECKING:  # the suite imports this module; the type only names what it passes in
    from bench.soak.suite import Measured

PASS, FAIL, NOT_APPLICABLE = "PASS", "FAIL", "n/a"
RULES = ("no acknowledged write lost", "no failure outside a fault window", "every fault recovered")


def rules(options: SoakOptions, measured: "Measured", readback: ReadBack) -> list[list[Any]]:
    """[rule, PASS/FAIL/n/a, what decided it] for each rule."""
    lost = readback.lost + [f"not readable: {line}" for line in readback.unreadable]
    writes = (
        f"{readback.writes_acknowledged} acknowledged profile writes over {readback.profiles_checked} profiles and "
        f"{readback.acceptances_checked} accepted suggestions read back"
    )
    outside = failures_outside(measured.tally.records, measured.faults.windows)
    kinds = Counter(r.error for r in outside)
    windows = measured.faults.windows
    not_recovered = [w.name for w in windows if w.recovered is None]
    if not options.faults:
        recovery = [RULES[2], NOT_APPLICABLE, "no faults injected"]
    elif not_recovered or measured.faults.skipped:
        missing = [f"{name}: not recovered within {options.recovery_deadline_s:g} s" for name in not_recovered]
        recovery = [RULES[2], FAIL, "; ".join(missing + measured.faults.skipped)]
    else:
        slowest = max(w.recovery_s or 0.0 for w in windows)
        recovery = [RULES[2], PASS, f"{len(windows)} faults, slowest recovery {slowest:.1f} s"]
    return [
        [
            RULES[0],
            FAIL if lost else PASS,
            "; ".join(lost[:5]) + (f" (+{len(lost) - 5} more)" if len(lost) > 5 else "") if lost else writes,
        ],
        [
            RULES[1],
            FAIL if outside else PASS,
            (
                f"{len(outside)} failed outside (grace {options.grace_s:g} s after each recovery): "
                + ", ".join(f"{k} {n}" for k, n in kinds.most_common())
            )
            if outside
            else f"{len(measured.tally.records)} requests; grace {options.grace_s:g} s after each recovery",
        ],
        recovery,
    ]


def _memory_rows(measured: "Measured") -> list[list[Any]]:
    """One row per process: a restarted one is a new row, so a leak is not hidden behind a restart."""
    rows = []
    for role, samples in measured.memory.by_role().items():
        for pid in dict.fromkeys(s.pid for s in samples):
            mine = [s for s in samples if s.pid == pid]
            values = [s.rss_mb for s in mine]
            rows.append([role, str(pid), mine[0].at_s, mine[-1].at_s, len(mine), values[0], max(values), values[-1]])
    return rows


def _operation_rows(measured: "Measured") -> list[list[Any]]:
    rows = []
    for operation in MIX:
        members = [r for r in measured.tally.records if r.operation == operation]
        if not members:
            continue
        durations = [r.finished - r.started for r in members]
        errors = sum(r.error is not None for r in members)
        rows.append([operation, len(members), errors, percentile_ms(durations, 0.5), percentile_ms(durations, 0.99)])
    return rows


def soak_result(
    options: SoakOptions,
    measured: "Measured",
    readback: ReadBack,
    shutdown: Stopped,
    startup_s: float,
    server: str,
    service: Service,
) -> SuiteResult:
    records, windows = measured.tally.records, measured.faults.windows
    result = SuiteResult("soak")
    result.tables.append(Table("Rules", ["rule", "result", "detail"], rules(options, measured, readback)))
    phases = summarise(records, windows)
    result.tables.append(
        Table(
            "Requests by phase (latency of every answer, failed ones included)",
            ["phase", "requests", "errors", "p50 ms", "p99 ms", "errors by kind"],
            [
                [
                    p.phase,
                    p.requests,
                    p.errors,
                    p.p50_ms,
                    p.p99_ms,
                    ", ".join(f"{k} {n}" for k, n in p.errors_by_kind.items()) or "none",
                ]
                for p in phases
            ],
        )
    )
    result.tables.append(
        Table(
            "Faults (seconds since the load began)",
            ["fault", "pid killed", "injected s", "recovered s", "time to recover s", "window closes s"],
            [
                [
                    w.name,
                    str(measured.faults.killed.get(w.name, "")),
                    w.injected,
                    w.recovered,
                    w.recovery_s if w.recovery_s is not None else "not recovered",
                    w.closes,
                ]
                for w in windows
            ],
        )
    )
    kinds = Counter(r.error for r in records if r.error is not None)
    result.tables.append(
        Table(
            "Errors by kind",
            ["kind", "count", "in fault windows", "outside", "first example"],
            [
                [
                    kind,
                    count,
                    sum(1 for r in records if r.error == kind and in_window(r, windows)),
                    sum(1 for r in records if r.error == kind and not in_window(r, windows)),
                    measured.tally.examples.get(kind, "")[:160],
                ]
                for kind, count in kinds.most_common()
            ],
        )
    )
    result.tables.append(
        Table(
            "Requests by operation", ["operation", "requests", "errors", "p50 ms", "p99 ms"], _operation_rows(measured)
        )
    )
    result.tables.append(
        Table(
            f"Resident memory (MB, sampled every {options.memory_every_s:g} s)",
            ["process", "pid", "from s", "to s", "samples", "first", "max", "last"],
            _memory_rows(measured),
        )
    )
    result.notes += _notes(options, measured, shutdown, startup_s)
    result.raw = {
        "neo4j_server": server,
        "options": asdict(options),
        "rules": {row[0]: {"result": row[1], "detail": row[2]} for row in result.tables[0].rows},
        "requests": len(records),
        "errors": sum(kinds.values()),
        "errors_by_kind": dict(kinds.most_common()),
        "error_examples": measured.tally.examples,
        "phases": [asdict(p) for p in phases],
        "faults": [asdict(w) | {"pid_killed": measured.faults.killed.get(w.name)} for w in windows],
        "faults_skipped": measured.faults.skipped,
        "service_exit": measured.faults.service_exit,
        "load_s": measured.load_s,
        "startup_s": startup_s,
        "clients_with_suggestions": measured.with_suggestions,
        "read_back": asdict(readback),
        "shutdown": asdict(shutdown),
        "pids_seen": {role: sorted(pids) for role, pids in service.seen.items()},
        "memory": [asdict(s) for s in measured.memory.samples],
    }
    return result


def _notes(options: SoakOptions, measured: "Measured", shutdown: Stopped, startup_s: float) -> list[str]:
    mix = ", ".join(f"{name} {weight}" for name, weight in MIX.items())
    notes = [
        f"{options.clients} clients in a closed loop (one asyncio process beside the service, on the same machine) "
        f"for {measured.load_s:.0f} s of the {options.duration_s:g} s asked, on the {scale_label(options.scale)} "
        f"data set (seed {options.seed}); relative weights of the mix: {mix}. A failed request is followed by a "
        f"0.5 s pause; a request unanswered after {options.request_timeout_s:g} s is a timeout.",
        f"The service is `network run --no-demo` (started in {startup_s:.0f} s), so Neo4j, Redis, the API and the "
        f"worker are its own children and its supervision is what is under test. Faults (SIGKILL by pid): "
        f"{', '.join(options.faults) or 'none'}. A fault window runs from the kill to {options.grace_s:g} s after "
        f"the service recovered (a new process of the killed kind and a signed-in read and write through the API "
        f"succeed), or to {options.recovery_deadline_s:g} s after the kill when it did not.",
        f"Before the load, the worker had proposed mentees to {measured.with_suggestions} of the "
        f"{options.clients} clients' new profiles (the pool of suggestion answers).",
    ]
    if measured.faults.service_exit:
        notes.append(f"During the load {measured.faults.service_exit}.")
    if measured.faults.skipped:
        notes.append("Faults not injected: " + "; ".join(measured.faults.skipped) + ".")
    if not shutdown.running:
        stopped = f"`network run` had already exited (code {shutdown.exit_code}) before SIGTERM"
    elif shutdown.exited_s is not None:
        stopped = f"`network run` exited {shutdown.exited_s:.1f} s after SIGTERM (code {shutdown.exit_code})"
    else:
        stopped = f"`network run` did not exit within {STOP_TIMEOUT_S} s of SIGTERM (then killed)"
    left = ", ".join(shutdown.left_running)
    notes.append(f"{stopped}; {'left running: ' + left if left else 'none of its children was left running'}.")
    return notes + measured.notes
