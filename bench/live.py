"""Live suggestions with the API and the worker running: the time from a mutation's response until its change is in
the peer suggestions (an association's change) or the mentee suggestions (a volunteer's) and they are read over
GraphQL, per kind of change; a sustained load, to see whether the
applier keeps up; and whether a full run with the same model would still change anything afterwards.

A change counts as applied when the live applier has acknowledged the change feed up to the entry the mutation
added (jobs/live.py acknowledges after its writes committed); the figure then includes one GraphQL read of the
association's peer suggestions (or the volunteer's mentee suggestions).
"""

import asyncio
import datetime as dt
import json
import random
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from redis.asyncio import Redis

from bench.options import Progress
from bench.services import BENCH_TOKEN_SECRET, api_server, worker_process
from jobs import live as applier
from network.accounts import service as accounts
from network.accounts.models import AccountInput
from network.accounts.tokens import TokenSigner
from network.kit import freshness
from network.kit.authorisation import Role
from network.kit.database import Database, open_driver
from network.settings import Settings

POLL_S = 0.01
KINDS = (
    "tool added",
    "tool removed",
    "district",
    "fields and groups",
    "considers",
    "new association",
    "deleted",
    "volunteer skills",
    "volunteer capacity",
)
PEERS = "query($slug: String!) { association(slug: $slug) { peerSuggestions(first: 20) { id score } } }"
MENTEES = "query($slug: String!) { volunteer(slug: $slug) { menteeSuggestions(first: 10) { id score } } }"
VOLUNTEER = (
    "mutation($slug: String!, $input: UpdateVolunteerProfileInput!) { updateVolunteerProfile(slug: $slug, "
    "input: $input) { errors { field code message } } }"
)
SET_TOOLS = (
    "mutation($slug: String!, $tools: [ToolUsageInput!]!) { setAssociationTools(slug: $slug, tools: $tools) "
    "{ errors { field code message } } }"
)
UPDATE = (
    "mutation($slug: String!, $input: UpdateAssociationInput!) { updateAssociation(slug: $slug, input: $input) "
    "{ errors { field code message } } }"
)
NEEDS = (
    "mutation($slug: String!, $fields: [String!], $targetGroups: [String!], $considers: [String!]) { "
    "setAssociationNeeds(slug: $slug, fields: $fields, targetGroups: $targetGroups, considers: $considers) "
    "{ errors { field code message } } }"
)
CREATE = (
    "mutation($input: CreateAssociationInput!) { createAssociation(input: $input) { errors { field code message } } }"
)
DELETE = "mutation($slug: String!) { deleteAssociation(slug: $slug) { errors { field code message } } }"


@dataclass
class LiveFigures:
    associations: int = 0
    build_s: float | None = None  # worker start until its live state was built
    worker_rss_mb: float | None = None  # the worker process after the build, and after the load
    worker_rss_after_mb: float | None = None
    state_mb: float | None = None  # the applier's arrays (tables, features, pools, lists)
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # by kind
    timed_out: int = 0
    load: dict[str, Any] = field(default_factory=dict)
    applier: dict[str, Any] = field(default_factory=dict)  # the worker's batches during the sustained load


def _entry_id(text: bytes | str) -> tuple[int, int]:
    ms, _, seq = (text.decode() if isinstance(text, bytes) else text).partition("-")
    return int(ms), int(seq or 0)


async def _group(redis: Redis) -> dict[Any, Any] | None:
    """The applier's consumer group on the change feed, as XINFO GROUPS describes it."""
    for group in await redis.xinfo_groups(freshness.CHANGES):
        name = group["name"].decode() if isinstance(group["name"], bytes) else group["name"]
        if name == applier.GROUP:
            return dict(group)
    return None


async def _applied_up_to(redis: Redis) -> tuple[tuple[int, int], int]:
    """The last entry the applier was handed, and how many it still holds unacknowledged."""
    group = await _group(redis)
    return (_entry_id(group["last-delivered-id"]), int(group["pending"])) if group else ((0, 0), 0)


async def _newest_entry(redis: Redis) -> tuple[int, int]:
    found = await redis.xrevrange(freshness.CHANGES, count=1)
    return _entry_id(found[0][0]) if found else (0, 0)


async def _backlog(redis: Redis) -> int:
    """Entries added but not yet acknowledged by the applier: not yet handed to it (the group's lag) and handed
    but not acknowledged (pending)."""
    group = await _group(redis)
    if group is None:
        return int(await redis.xlen(freshness.CHANGES))
    return int(group.get("lag") or 0) + int(group["pending"])


async def _until_applied(redis: Redis, entry: tuple[int, int], timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        delivered, pending = await _applied_up_to(redis)
        if delivered >= entry and pending == 0:
            return True
        await asyncio.sleep(POLL_S)
    return False


class Profiles:
    """The benchmark's view of the associations it changes, from the data file, kept up to date as it mutates."""

    def __init__(self, document: dict[str, Any], seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_slug = {a["slug"]: a for a in document["associations"]}
        self.slugs = sorted(self.by_slug)
        self.tools = sorted({t["tool"] for a in document["associations"] for t in a.get("tools", [])})
        self.fields = sorted({f for a in document["associations"] for f in a.get("fields", [])})
        self.groups = sorted({g for a in document["associations"] for g in a.get("targetGroups", [])})
        self.districts = sorted({a["district"] for a in document["associations"] if a.get("district")})
        self.created: list[str] = []
        self.volunteers = {v["slug"]: v for v in document.get("volunteers", [])}
        self.volunteer_slugs = sorted(self.volunteers)
        self.skills = sorted({s["skill"] for v in self.volunteers.values() for s in v.get("skills", [])})

    def pick(self) -> str:
        return str(self.rng.choice(self.slugs))

    def mutation(self, kind: str) -> tuple[str, str, dict[str, Any]]:
        """(query, slug it changes, variables) of one change of `kind`."""
        if kind.startswith("volunteer"):
            return self._volunteer(kind)
        slug = self.pick()
        profile = self.by_slug[slug]
        tools = [{"tool": t["tool"], "proficiency": t["proficiency"]} for t in profile.get("tools", [])]
        if kind == "tool added":
            unused = [t for t in self.tools if t not in {u["tool"] for u in tools}]
            tools.append({"tool": self.rng.choice(unused or self.tools), "proficiency": "EXPERT"})
            profile["tools"] = tools
            return SET_TOOLS, slug, {"slug": slug, "tools": tools}
        if kind == "tool removed":
            if tools:
                tools.pop(self.rng.randrange(len(tools)))
            profile["tools"] = tools
            return SET_TOOLS, slug, {"slug": slug, "tools": tools}
        if kind == "district":
            district = self.rng.choice([d for d in self.districts if d != profile.get("district")] or self.districts)
            profile["district"] = district
            return UPDATE, slug, {"slug": slug, "input": {"district": district}}
        if kind == "fields and groups":
            fields = self.rng.sample(self.fields, k=min(2, len(self.fields)))
            groups = self.rng.sample(self.groups, k=min(1, len(self.groups)))
            return NEEDS, slug, {"slug": slug, "fields": fields, "targetGroups": groups}
        if kind == "considers":
            return NEEDS, slug, {"slug": slug, "considers": self.rng.sample(self.tools, k=min(2, len(self.tools)))}
        if kind == "new association":
            new = f"bench-live-{uuid.uuid4().hex[:10]}"
            self.created.append(new)
            copied = {k: profile[k] for k in ("district", "fields", "targetGroups", "languages") if profile.get(k)}
            return CREATE, new, {"input": {"slug": new, "name": f"Live {new}", **copied, "tools": tools}}
        gone = self.created.pop() if self.created else slug
        if gone in self.by_slug:
            self.slugs.remove(gone)
        return DELETE, gone, {"slug": gone}

    def _volunteer(self, kind: str) -> tuple[str, str, dict[str, Any]]:
        """A volunteer's skills (one replaced by another at a random level) or capacity (mentees, hours)."""
        slug = str(self.rng.choice(self.volunteer_slugs))
        profile = self.volunteers[slug]
        if kind == "volunteer skills":
            skills = [{"skill": s["skill"], "level": s["level"]} for s in profile.get("skills", [])]
            if skills:
                skills.pop(self.rng.randrange(len(skills)))
            unused = [s for s in self.skills if s not in {k["skill"] for k in skills}]
            skills.append({"skill": self.rng.choice(unused or self.skills), "level": self.rng.randint(3, 8)})
            profile["skills"] = skills
            return VOLUNTEER, slug, {"slug": slug, "input": {"skills": skills}}
        change = {"maxMentees": self.rng.randint(1, 3), "hoursPerMonth": self.rng.randint(2, 20)}
        return VOLUNTEER, slug, {"slug": slug, "input": change}


async def _staff_token(db: Database) -> str:
    row = await accounts.create_account(
        db, AccountInput(email=f"bench-{uuid.uuid4().hex[:12]}@example.org", password=uuid.uuid4().hex, role=Role.STAFF)
    )
    signer = TokenSigner(BENCH_TOKEN_SECRET, dt.timedelta(hours=12))
    return signer.issue(row["id"], Role.STAFF, int(row["tokenVersion"])).token


async def _post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> None:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    payload = next(iter((body.get("data") or {"_": {"errors": body.get("errors")}}).values())) or {}
    if response.status_code != 200 or body.get("errors") or payload.get("errors"):
        raise RuntimeError(f"mutation failed: {response.text[:300]}")


async def _wait_built(redis: Redis, since: float, timeout_s: float) -> dict[str, Any]:
    """What the worker's live state was built from (jobs/live.py STATE), once built after `since`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        found = await redis.get(applier.STATE)
        if found and json.loads(found)["builtAt"] > since:
            built: dict[str, Any] = json.loads(found)
            return built
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the worker built no live state within {timeout_s:.0f} s")


async def _sequential(
    client: httpx.AsyncClient,
    redis: Redis,
    profiles: Profiles,
    samples: int,
    timeout_s: float,
    figures: LiveFigures,
    progress: Progress,
) -> None:
    for index in range(samples):
        progress("live changes", index, samples)
        kind = KINDS[index % len(KINDS)]
        query, slug, variables = profiles.mutation(kind)
        await _post(client, query, variables)
        answered = time.perf_counter()
        entry = await _newest_entry(redis)  # one mutation at a time: its own entry, or one after it
        if not await _until_applied(redis, entry, timeout_s):
            figures.timed_out += 1
            continue
        if kind != "deleted":
            read = MENTEES if kind.startswith("volunteer") else PEERS
            await client.post("/graphql", json={"query": read, "variables": {"slug": slug}})
        figures.seconds[kind].append(time.perf_counter() - answered)
    progress("live changes", samples, samples)


async def _sustained(
    client: httpx.AsyncClient, redis: Redis, profiles: Profiles, rate: float, seconds: float, progress: Progress
) -> dict[str, Any]:
    """`rate` mutations a second for `seconds` (open loop: each starts on schedule, however long the ones before
    take), tools and districts; the applier's backlog sampled every second, then the time it takes to drain."""
    total = int(rate * seconds)
    sent, failed, in_flight = 0, 0, set()
    backlog: list[tuple[float, int]] = []
    started = time.perf_counter()

    errors: dict[str, int] = defaultdict(int)  # why changes failed, by kind of error

    async def one(kind: str) -> None:
        nonlocal sent, failed
        query, _, variables = profiles.mutation(kind)
        try:
            await _post(client, query, variables)
            sent += 1
        except (RuntimeError, httpx.HTTPError) as error:
            failed += 1
            errors[f"{type(error).__name__}: {error}"[:160]] += 1

    async def sample() -> None:
        while True:
            backlog.append((round(time.perf_counter() - started, 1), await _backlog(redis)))
            await asyncio.sleep(1)

    sampler = asyncio.create_task(sample())
    for index in range(total):
        if index % max(1, int(rate)) == 0:
            progress("live load", index, total)
        delay = started + index / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(one(("tool added", "tool removed", "district")[index % 3]))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
    await asyncio.gather(*in_flight)
    sending_s = time.perf_counter() - started
    last = await _newest_entry(redis)
    drained = await _until_applied(redis, last, 600)
    drain_s = time.perf_counter() - started - sending_s
    sampler.cancel()
    progress("live load", total, total)
    return {
        "rate": rate,
        "seconds": seconds,
        "sent": sent,
        "failed": failed,
        "achieved_rate": round(sent / sending_s, 1),
        "backlog": backlog,
        "drained": drained,
        "drain_s": round(drain_s, 2),
        "errors": dict(sorted(errors.items(), key=lambda item: -item[1])[:5]),
    }


def measure_live(
    settings: Settings,
    data_file: Path,
    associations: int,
    samples: int,
    load: tuple[float, float],
    seed: int,
    progress: Progress,
) -> LiveFigures:
    """`samples` changes one after the other (kinds in turn), then `load` (rate, seconds) of sustained changes."""
    document = json.loads(data_file.read_text(encoding="utf-8"))
    profiles = Profiles(document, seed)
    figures = LiveFigures(associations=associations)
    timeout_s = 30.0 * max(1.0, associations / 10_000)
    build_timeout_s = 600.0 * max(1.0, associations / 10_000)

    async def run(base: str, worker_pid: int, since: float) -> None:
        driver = open_driver(settings)
        db = Database.from_settings(driver, settings)
        redis = Redis.from_url(settings.redis_url)
        try:
            progress("live build", 0, 1)
            built = await _wait_built(redis, since, build_timeout_s)
            figures.build_s = built["builtAt"] - since
            figures.state_mb = built["stateBytes"] / 2**20
            figures.worker_rss_mb = psutil.Process(worker_pid).memory_info().rss / 2**20
            progress("live build", 1, 1)
            headers = {"Authorization": f"Bearer {await _staff_token(db)}"}
            async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
                await _sequential(client, redis, profiles, samples, timeout_s, figures, progress)
                if load[0] > 0 and load[1] > 0:
                    limits = httpx.Limits(max_connections=64)
                    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60, limits=limits) as many:
                        offset = log.stat().st_size
                        figures.load = await _sustained(many, redis, profiles, load[0], load[1], progress)
                        figures.applier = applier_batches(log, offset)
            figures.worker_rss_after_mb = psutil.Process(worker_pid).memory_info().rss / 2**20
        finally:
            await redis.aclose()
            await driver.close()

    with tempfile.TemporaryDirectory() as folder, api_server(settings) as base:
        log = Path(folder) / "worker.log"
        since = time.time()
        with worker_process(settings, log) as worker:
            asyncio.run(run(base, worker.pid, since))
    return figures


def applier_batches(log: Path, offset: int) -> dict[str, Any]:
    """What the worker logged of the batches it applied after `offset` (jobs/live.py, "live changes applied"):
    how many, their sizes, and the seconds of each stage added up, so that the report shows where a change's
    time goes when the applier falls behind."""
    sizes: list[int] = []
    stages: dict[str, float] = defaultdict(float)
    with log.open("rb") as lines:
        lines.seek(offset)
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("event") != "live changes applied":
                continue
            sizes.append(int(entry.get("changes", 0)))
            for stage in ("read", "peers", "mentoring", "write", "write mentoring"):
                stages[stage] += float(entry.get(stage, 0.0))
    busy = sum(stages.values())
    return {
        "batches": len(sizes),
        "changes": sum(sizes),
        "largest": max(sizes, default=0),
        "seconds": {stage: round(total, 2) for stage, total in stages.items()},
        "changes_per_s": round(sum(sizes) / busy, 1) if busy else None,
    }
