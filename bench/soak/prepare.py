"""Before the load: the data set in the running service's Neo4j, the inputs, and one volunteer per client.

The accounts are created in the database with a token signed by the bench's secret (as the API suite does), so a
sign-up limit of the API cannot stop the preparation; each volunteer profile is then created through the API, an
acknowledged write like any other.
"""

import asyncio
import datetime as dt
import random
import time
import uuid
from pathlib import Path

import httpx

from bench.api.inputs import Inputs, draw_inputs
from bench.api.prepare import load_graph
from bench.services import BENCH_TOKEN_SECRET
from bench.soak import documents
from bench.soak.clients import Client, call
from network.accounts.models import AccountInput
from network.accounts.service import create_account
from network.accounts.tokens import TokenSigner
from network.kit.authorisation import Role
from network.kit.database import Database, open_driver
from network.settings import Settings


def load_data(settings: Settings, data_file: Path, seed: int) -> Inputs:
    """Imports the data set and computes every suggestion (as `network import` and `network match` would), then
    draws the inputs of the anonymous reads."""
    load_graph(settings, data_file)

    async def draw() -> Inputs:
        driver = open_driver(settings)
        try:
            return await draw_inputs(driver, settings.neo4j_database, seed)
        finally:
            await driver.close()

    return asyncio.run(draw())


def make_accounts(settings: Settings, count: int) -> list[Client]:
    """`count` volunteer accounts with a password and a token; their profiles do not exist yet."""
    run = uuid.uuid4().hex[:8]
    signer = TokenSigner(BENCH_TOKEN_SECRET, dt.timedelta(hours=12))

    async def work() -> list[Client]:
        driver = open_driver(settings)
        try:
            db = Database.from_settings(driver, settings)
            clients = []
            for index in range(count):
                email, password = f"soak-{run}-{index}@example.org", uuid.uuid4().hex
                row = await create_account(db, AccountInput(email=email, password=password, role=Role.VOLUNTEER))
                token = signer.issue(row["id"], Role.VOLUNTEER, int(row["tokenVersion"])).token
                clients.append(Client(index, email, password, f"soak-{run}-{index}", token))
            return clients
        finally:
            await driver.close()

    return asyncio.run(work())


async def create_profiles(http: httpx.AsyncClient, clients: list[Client], seed: int) -> None:
    """One volunteer profile per client, with skills, tools and a district, so the worker proposes mentees."""
    catalogue = await call(http, {"query": documents.CATALOGUE})
    if not catalogue.ok or catalogue.data is None:
        raise RuntimeError(f"the catalogue could not be read: {catalogue.error} {catalogue.detail}")
    skills = [s["slug"] for s in catalogue.data["skills"]]
    districts = [d["slug"] for d in catalogue.data["districts"]]
    tools = [t["slug"] for t in catalogue.data["tools"]]
    rng = random.Random(seed)
    for client in clients:
        profile = {
            "slug": client.slug,
            "displayName": f"Soak volunteer {client.index}",
            "bio": "created",
            "district": rng.choice(districts),
            "languages": ["de"],
            "skills": [{"skill": s, "level": rng.randint(3, 8)} for s in rng.sample(skills, min(3, len(skills)))],
            "tools": [{"tool": t, "proficiency": "EXPERT"} for t in rng.sample(tools, min(3, len(tools)))],
        }
        outcome = await call(http, {"query": documents.CREATE_PROFILE, "variables": {"input": profile}}, client.auth)
        if not outcome.ok:
            raise RuntimeError(f"profile {client.slug} could not be created: {outcome.error} {outcome.detail}")


async def wait_for_suggestions(http: httpx.AsyncClient, clients: list[Client], wait_s: float) -> int:
    """Waits up to `wait_s` for the worker to propose mentees to the new volunteers; returns how many have some."""
    deadline = time.monotonic() + wait_s
    with_some = 0
    while True:
        with_some = 0
        for client in clients:
            outcome = await call(http, {"query": documents.ME}, client.auth)
            volunteer = ((outcome.data or {}).get("me") or {}).get("volunteer") or {}
            with_some += bool(volunteer.get("menteeSuggestions"))
        if with_some == len(clients) or time.monotonic() > deadline:
            return with_some
        await asyncio.sleep(2)
