"""The API suite: the web client's most used operations against our API, the floor (the same Cypher through the
Python driver) and the peer (the official Neo4j GraphQL library), side by side on the same Neo4j, data and inputs.

Each side is its own process and the load comes from another one; each cell is one load process with a warm-up and
then `windows` measured windows (the spread of throughput is over those windows).
"""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx
from neo4j import GraphDatabase

from bench.api import answers
from bench.api.flames import listening_pid, record_flames, server_rss_mib
from bench.api.inputs import ANSWERING, Inputs, missing_inbox_inputs
from bench.api.measure import Cell, Target, run_cell
from bench.api.peer import peer_process
from bench.api.plot import api_plot
from bench.api.prepare import inputs_and_token, load_graph
from bench.api.requests import (
    INBOX_FIRST,
    OPERATIONS,
    PEER_OPERATIONS,
    floor_call,
    items,
    our_body,
    our_needs_token,
    peer_body,
)
from bench.machine import neo4j_server
from bench.options import Progress, RunOptions, quiet
from bench.results import SuiteResult, Table
from bench.services import api_server
from bench.stack import fresh
from network.settings import Settings
from network.stack import stack

SCALE_OUT_WORKERS = 2
SCALED = f"ours, {SCALE_OUT_WORKERS} workers"  # the side of our API run as several worker processes
AGREEMENT_SAMPLES = 5  # inputs per operation whose answers are compared across the sides before timing


@dataclass(frozen=True)
class ApiOptions:
    warmup_s: float = 3.0
    window_s: float = 5.0
    windows: int = 3
    clients: tuple[int, ...] = (1, 8, 32)
    seed: int = 42
    flame_s: float = 0.0  # > 0: a py-spy flame graph of our API per operation, sampled this long after measuring
    scale_out: bool = True  # our API measured a second time, as SCALE_OUT_WORKERS uvicorn worker processes

    @classmethod
    def of(cls, run: RunOptions) -> "ApiOptions":
        flame_s = (2.0 if run.quick else 10.0) if run.profile else 0.0
        if run.quick:
            return cls(warmup_s=0.5, window_s=1.0, windows=run.repetitions, seed=run.seed, flame_s=flame_s)
        return cls(windows=run.repetitions, seed=run.seed, flame_s=flame_s)


def run_api_suite(
    settings: Settings,
    data_file: Path,
    results_dir: Path,
    options: RunOptions,
    progress: Progress = quiet,
    api: ApiOptions | None = None,
) -> SuiteResult:
    """Loads `data_file` into a fresh bench stack, checks the sides agree, then measures every cell."""
    api = api or ApiOptions.of(options)
    progress("api: load data and match", 0, 1)
    started = fresh(settings)
    try:
        load_graph(settings, data_file)
        inputs, token = inputs_and_token(settings, api.seed)
        missing = missing_inbox_inputs(inputs)
        if missing:
            raise RuntimeError(missing)
        progress("api: load data and match", 1, 1)
        server = neo4j_server(settings)
        with (
            api_server(settings) as ours,
            api_server(settings, workers=SCALE_OUT_WORKERS) as scaled,
            peer_process(settings, results_dir / "peer.log") as peer,
        ):
            mismatches = check_agreement(settings, ours, peer, token, inputs)
            cells = _measure(settings, ours, scaled if api.scale_out else None, peer, token, inputs, api, progress)
            memory = {"ours": server_rss_mib(listening_pid(ours)), SCALED: server_rss_mib(listening_pid(scaled))}
            flames, problems = (
                record_flames(listening_pid(ours), _our_plan(ours, token, inputs), api.flame_s, results_dir)
                if api.flame_s > 0
                else ({}, [])
            )
    finally:
        stack.down(settings, started)
    result = _result(cells, mismatches, api, server, results_dir)
    result.raw["flames"] = flames
    result.raw["rss_mib"] = memory
    result.notes.append(
        f"Memory after the load (RSS): our API in one process {_mib(memory['ours'])}; as {SCALE_OUT_WORKERS} uvicorn "
        f"worker processes {_mib(memory[SCALED])} (each worker a process of its own, with its own driver pool and "
        "caches; the deployment runs them with API_WORKERS)."
    )
    if flames:
        files = ", ".join(f"`{name}`" for name in flames.values())
        result.notes.append(
            f"Flame graphs of our API (py-spy, {api.flame_s:g} s per operation at 8 clients, after the measured "
            f"cells so that sampling slowed none of them): {files}."
        )
    result.notes += problems
    return result


def _mib(values: list[float]) -> str:
    return " + ".join(f"{value:.0f} MiB" for value in values)


def _our_plan(ours: str, token: str, inputs: Inputs) -> dict[str, tuple[Target, list[Any]]]:
    """Per operation: how our API is asked (anonymously, or as staff where the operation needs it) and the requests."""
    plan = {}
    for operation in OPERATIONS:
        headers = {"Authorization": f"Bearer {token}"} if our_needs_token(operation) else {}
        plan[operation] = (
            Target("ours", url=ours, headers=headers),
            [our_body(operation, i) for i in items(inputs, operation)],
        )
    return plan


def check_agreement(settings: Settings, ours: str, peer: str, token: str, inputs: Inputs) -> list[str]:
    """Asks every side the first inputs of each operation; returns what differed (empty when all agree)."""
    problems = []
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with (
        httpx.Client(base_url=ours, timeout=30) as our_client,
        httpx.Client(base_url=peer, timeout=30) as peer_client,
        GraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver,
    ):
        for operation in OPERATIONS:
            for item in items(inputs, operation)[:AGREEMENT_SAMPLES]:
                mine = answers.ours(our_client, token, operation, item)
                others = {"floor": answers.floor(driver, settings.neo4j_database, operation, item)}
                if operation in PEER_OPERATIONS:
                    others["peer"] = answers.peer(peer_client, operation, item)
                problems += [
                    f"{operation} {item!r}: {side} differs from ours"
                    for side, answer in others.items()
                    if answer != mine
                ]
    return problems


def _measure(
    settings: Settings,
    ours: str,
    scaled: str | None,
    peer: str,
    token: str,
    inputs: Inputs,
    api: ApiOptions,
    progress: Progress,
) -> list[Cell]:
    neo4j = {
        "uri": settings.neo4j_uri,
        "user": settings.neo4j_user,
        "database": settings.neo4j_database,
        "password": settings.neo4j_password.get_secret_value(),
    }
    plan: list[tuple[Target, str, list[Any]]] = []
    for operation, (target, requests) in _our_plan(ours, token, inputs).items():  # the mutation last: the reads
        chosen = items(inputs, operation)  # see the data as imported
        plan.append((target, operation, requests))
        if scaled is not None:
            plan.append((Target(SCALED, url=scaled, headers=target.headers), operation, requests))
        plan.append((Target("floor", neo4j=neo4j), operation, [floor_call(operation, i) for i in chosen]))
        if operation in PEER_OPERATIONS:
            plan.append((Target("peer", url=peer), operation, [peer_body(operation, i) for i in chosen]))
    total = len(plan) * len(api.clients)
    cells: list[Cell] = []
    for target, operation, requests in plan:
        for clients in api.clients:
            progress("api: measure", len(cells), total)
            cells.append(run_cell(target, operation, requests, clients, api.warmup_s, api.window_s, api.windows))
    progress("api: measure", total, total)
    return cells


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return numerator / denominator if numerator and denominator else None


def _result(cells: list[Cell], mismatches: list[str], api: ApiOptions, server: str, results_dir: Path) -> SuiteResult:
    result = SuiteResult("api", raw={"neo4j_server": server, "options": asdict(api), "mismatches": mismatches})
    result.tables.append(
        Table(
            "Latency and throughput by operation, side and concurrent clients",
            [
                "operation",
                "side",
                "clients",
                "requests",
                "errors",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "req/s median",
                "req/s min",
                "req/s max",
            ],
            [
                [
                    c.operation,
                    c.side,
                    c.clients,
                    c.requests,
                    c.errors,
                    c.latency.median_ms if c.latency else None,
                    c.latency.p95_ms if c.latency else None,
                    c.latency.p99_ms if c.latency else None,
                    c.throughput,
                    min(c.per_second),
                    max(c.per_second),
                ]
                for c in cells
            ],
        )
    )
    by_key = {(c.side, c.operation, c.clients): c for c in cells}
    ratios = []
    for operation in OPERATIONS:
        for clients in api.clients:
            mine, peer, floor, scaled = (
                by_key.get((side, operation, clients)) for side in ("ours", "peer", "floor", SCALED)
            )
            if mine is None:
                continue
            ratios.append(
                [
                    operation,
                    clients,
                    _ratio(mine.throughput, peer.throughput) if peer else None,
                    _ratio(mine.throughput, floor.throughput if floor else None),
                    _ratio(
                        mine.latency.median_ms if mine.latency else None,
                        floor.latency.median_ms if floor and floor.latency else None,
                    ),
                    _ratio(
                        mine.latency.median_ms if mine.latency else None,
                        peer.latency.median_ms if peer and peer.latency else None,
                    ),
                    _ratio(scaled.throughput, mine.throughput) if scaled else None,
                ]
            )
    result.tables.append(
        Table(
            "Ours relative to the peer and the floor (throughput: higher is better for us; "
            "p50: lower is better for us)",
            [
                "operation",
                "clients",
                "req/s ours/peer",
                "req/s ours/floor",
                "p50 ours/floor",
                "p50 ours/peer",
                f"req/s {SCALE_OUT_WORKERS} workers/1",
            ],
            ratios,
        )
    )
    result.plots.append(api_plot(results_dir / "api_latency_throughput.png", cells, OPERATIONS))
    result.raw["cells"] = [asdict(c) for c in cells]
    result.notes += _notes(cells, mismatches, api)
    return result


def _notes(cells: list[Cell], mismatches: list[str], api: ApiOptions) -> list[str]:
    notes = [
        f"Each cell: a separate load process (asyncio; httpx over HTTP/1.1 keep-alive on loopback for ours and the "
        f"peer, the async Neo4j driver for the floor) with {len(api.clients)} client counts, {api.warmup_s:g} s "
        f"warm-up, then {api.windows} windows of {api.window_s:g} s; latencies pooled over the windows, throughput "
        "the median window with min and max. Every server is one process (our API: one uvicorn worker; the peer: "
        "one Node process), all on the same machine as Neo4j and the load, so they share its cores; the side "
        f"'{SCALED}' is our API as {SCALE_OUT_WORKERS} uvicorn worker processes (API_WORKERS, as the deployment "
        "scales out on a machine with the cores for them).",
        "Same inputs for every side, drawn with a fixed seed from the data: public association slugs (a), a tool "
        "pair and a district that some association has (b), a word of an association's name (c), three random tools "
        "with proficiencies (d), associations with suggestions after the match (e), volunteers with mentee "
        f"suggestions (f), unanswered suggestions of {ANSWERING} associations to accept (g). The operations: (a) page, "
        "(b) list, (c) search, (d) set_tools, (e) inbox (the web client's AssociationInbox with its SuggestionCard "
        f"fragment: up to {INBOX_FIRST} peer and {INBOX_FIRST} mentor suggestions), (f) mentee (VolunteerInbox), (g) "
        "respond (respondToSuggestion as the card's button sends it). Our API is asked anonymously for (b) and (c) "
        "and as staff for the others: suggestions are shown only to their party and staff, and changes need a "
        "signed-in caller. Only a suggestion's parties may answer it, not staff, so the run's staff account also "
        f"acts for the {ANSWERING} associations of (g); staff read every list and profile anyway, so (a) and (d)-(f) "
        "read the same as without.",
        "(g) only accepts: a decline is final (a second answer to a declined suggestion is refused), so a load that "
        "cycles through its requests would fail from its second round on, while an accept repeated changes nothing "
        "and tells nobody, so every request stays valid. The first accept of a suggestion records the side and "
        "writes the other side a notification; later ones write the same answer again. Each suggestion of (g) has "
        f"exactly one side among the {ANSWERING} associations, so no accept completes a double opt-in, and their "
        "inboxes are not among (e): an accept changes only the accepting side's view, so (e) and (f) read the data "
        "as imported whenever they run.",
        "The peer is `@neo4j/graphql` 7 with graphql-yoga (type definitions in bench/peer/). It has no "
        "visibility rule, so its (b) and (c) queries filter PUBLIC themselves; its peer suggestions are a @cypher "
        "field, because one suggestion node links FOR one side and OF the other and a relationship field has one "
        "direction; its full-text query is the library's @fulltext over our index `party_text`. Its mentor and "
        "mentee suggestions (e, f) are relationship fields with the library's filter, sort and limit (a MENTORING "
        "suggestion is FOR the association, OF the volunteer). The reasons are stored as JSON text, so the tools "
        "a card's reasons name (for each tool's share of associations) are a @cypher field that finds their slugs "
        "in that text, and the share a @cypher field of the tool; the reader's view of a reason (a direction seen "
        "from the other side) and `youAccepted` are the client's work, done by the comparison as our API does it. "
        "The peer skips (d): our mutation validates the whole profile and replaces the tools in one transaction, "
        "which the library's generated update (disconnect all, connect each) does not express as one operation with "
        "the same checks. It skips (g): an answer follows rules (only a party, only an open suggestion, the second "
        "accept connects the pair and tells both sides), and the library's generated update sets what it is given.",
        "The floor is one Cypher statement per operation through the Python driver (no HTTP), returning the same "
        "rows; for (e) and (f) the stored reasons and the shares of the tools they name, for (g) the answer with the "
        "same rules (no notification written).",
    ]
    if mismatches:
        notes.append(f"The sides did NOT all agree on {len(mismatches)} checked answers: " + "; ".join(mismatches[:5]))
    else:
        notes.append(
            f"Before timing, the first {AGREEMENT_SAMPLES} inputs of every operation were asked of every "
            "side: all answers agreed (same associations, fields, tool slugs, scores and reasons; for (e) and (f) the "
            "same suggestion cards, in the same order)."
        )
    for cell in cells:
        if cell.requests == 0:
            notes.append(
                f"{cell.side} {cell.operation} at {cell.clients} clients: no request completed within "
                f"the measured windows."
            )
        if cell.errors:
            notes.append(
                f"{cell.side} {cell.operation} at {cell.clients} clients: {cell.errors} requests failed "
                f"or were refused; the first: {cell.first_error}"
            )
    return notes
