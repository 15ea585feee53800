"""The soak's clients: each a volunteer with an account, in a closed loop over a realistic mix of operations.

Anonymous reads (an association's page, a filtered list, a search: the API suite's requests), signed-in reads (the
own profile with its suggestions, the volunteer list, a page), profile writes, log-ins and suggestion answers.
Every write the API acknowledges is remembered, so the end of the run can read each one back.
"""

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.api.inputs import Inputs
from bench.api.requests import our_body
from bench.soak import documents
from bench.soak.outcome import Outcome, classify, of_exception
from bench.soak.phases import Record
from bench.soak.waiting import pause

WITHDRAWN = "payload NOT_FOUND"  # the answer to a suggestion that a refresh no longer proposes

# Relative weights of the operations; a suggestion answer falls back to a profile read when none is open.
MIX = {
    "anonymous page": 18,
    "anonymous list": 12,
    "anonymous search": 12,
    "signed-in profile": 14,
    "signed-in volunteers": 6,
    "signed-in page": 6,
    "profile write": 16,
    "log-in": 6,
    "suggestion answer": 10,
}
BACK_OFF_S = 0.5  # a failed request is followed by a pause, as a real client's retry would be


@dataclass(frozen=True)
class Write:
    bio: str
    acknowledged: bool


@dataclass
class Client:
    index: int
    email: str
    password: str
    slug: str
    token: str
    writes: list[Write] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # suggestion ids whose acceptance the API acknowledged
    tried: set[str] = field(default_factory=set)  # suggestion ids answered (acknowledged or not)
    open_suggestions: list[str] = field(default_factory=list)

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def call(http: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str] | None = None) -> Outcome:
    try:
        response = await http.post("/graphql", json=body, headers=headers or {})
    except httpx.HTTPError as error:
        return of_exception(error)
    return classify(response.status_code, response.text)


def _remember_suggestions(client: Client, outcome: Outcome) -> None:
    me = (outcome.data or {}).get("me") or {}
    volunteer = me.get("volunteer") or {}
    client.open_suggestions = [
        s["id"]
        for s in volunteer.get("menteeSuggestions") or []
        if s["status"] == "PROPOSED" and not s["youAccepted"] and s["id"] not in client.tried
    ]


async def one_operation(
    http: httpx.AsyncClient, client: Client, inputs: Inputs, rng: random.Random, operation: str
) -> tuple[str, Outcome]:
    """Runs `operation` for `client`; returns the operation that ran (an answer without an open suggestion reads
    the profile instead) and its outcome."""
    if operation == "suggestion answer" and not client.open_suggestions:
        operation = "signed-in profile"
    if operation == "anonymous page":
        return operation, await call(http, our_body("page", rng.choice(inputs.page_slugs)))
    if operation == "anonymous list":
        return operation, await call(http, our_body("list", rng.choice(inputs.list_filters)))
    if operation == "anonymous search":
        return operation, await call(http, our_body("search", rng.choice(inputs.search_words)))
    if operation == "signed-in page":
        return operation, await call(http, our_body("page", rng.choice(inputs.page_slugs)), client.auth)
    if operation == "signed-in volunteers":
        return operation, await call(http, {"query": documents.VOLUNTEERS}, client.auth)
    if operation == "signed-in profile":
        outcome = await call(http, {"query": documents.ME}, client.auth)
        if outcome.ok:
            _remember_suggestions(client, outcome)
        return operation, outcome
    if operation == "profile write":
        bio = f"soak write {len(client.writes) + 1} of {client.slug}"
        body = {
            "query": documents.UPDATE_PROFILE,
            "variables": {"slug": client.slug, "input": {"bio": bio, "hoursPerMonth": rng.randint(1, 40)}},
        }
        outcome = await call(http, body, client.auth)
        client.writes.append(Write(bio, outcome.ok))
        return operation, outcome
    if operation == "log-in":
        body = {"query": documents.LOG_IN, "variables": {"email": client.email, "password": client.password}}
        outcome = await call(http, body)
        token = ((outcome.data or {}).get("logIn") or {}).get("token")
        if outcome.ok and token:
            client.token = token
        return operation, outcome
    if operation == "suggestion answer":
        suggestion = client.open_suggestions.pop(0)
        client.tried.add(suggestion)
        outcome = await call(http, {"query": documents.ANSWER, "variables": {"id": suggestion}}, client.auth)
        if outcome.ok:
            client.accepted.append(suggestion)
        elif outcome.error == WITHDRAWN:
            # A refresh withdrew the proposal after the client listed it (a profile changed): the service answered
            # correctly that it is gone, which is no failure.
            return operation, Outcome(None, outcome.detail)
        return operation, outcome
    raise ValueError(f"unknown operation {operation!r}")


@dataclass
class Tally:
    started: float  # time.monotonic() when the load began: records are relative to it
    records: list[Record] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)  # error kind -> its first operation and answer


async def client_loop(
    http: httpx.AsyncClient, client: Client, inputs: Inputs, seed: int, stop: asyncio.Event, tally: Tally
) -> None:
    """Operations back to back until `stop` is set."""
    rng = random.Random(seed * 1000 + client.index)
    names, weights = list(MIX), list(MIX.values())
    while not stop.is_set():
        started = time.monotonic()
        operation, outcome = await one_operation(http, client, inputs, rng, rng.choices(names, weights)[0])
        finished = time.monotonic()
        tally.records.append(Record(operation, started - tally.started, finished - tally.started, outcome.error))
        if outcome.error is not None:
            tally.examples.setdefault(outcome.error, f"{operation}: {outcome.detail}")
            await pause(stop, BACK_OFF_S)
