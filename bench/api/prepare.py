"""The graph the API suite measures: the data set imported, suggestions computed, and a staff token."""

import asyncio
import datetime as dt
import uuid
from pathlib import Path

from neo4j import AsyncManagedTransaction

from bench.api.inputs import Inputs, draw_inputs
from bench.import_suite import run_import
from bench.services import BENCH_TOKEN_SECRET
from network.accounts.models import AccountInput
from network.accounts.service import create_account
from network.accounts.tokens import TokenSigner
from network.associations.repository import AssociationWrites
from network.kit.authorisation import Role
from network.kit.database import Database, open_driver
from network.settings import Settings
from network.suggestions.recompute import recompute_all


def load_graph(settings: Settings, data_file: Path) -> None:
    """Imports the data set (migrations and catalogue first) and computes every suggestion, as `network match`."""
    run_import(settings, data_file)

    async def match() -> None:
        driver = open_driver(settings)
        try:
            await recompute_all(Database(driver, settings.neo4j_database, timeout_s=600))
        finally:
            await driver.close()

    asyncio.run(match())


async def staff_token(db: Database, acts_for: list[str]) -> str:
    """A staff account of this run and a token for it: suggestions are shown only to their party and staff, and a
    change needs a signed-in caller, so (a) and (d)-(g) are asked as staff (anonymous for (b) and (c)).

    Only a suggestion's parties may answer it, not staff, so the account also acts for the associations
    `acts_for` (slugs), whose suggestions (g) accepts; staff read every list and profile anyway.
    """
    row = await create_account(
        db, AccountInput(email=f"bench-{uuid.uuid4().hex[:12]}@example.org", password=uuid.uuid4().hex, role=Role.STAFF)
    )

    async def link(tx: AsyncManagedTransaction) -> None:
        for slug in acts_for:
            await AssociationWrites(tx).act_for(row["id"], slug)

    await db.write(link)
    signer = TokenSigner(BENCH_TOKEN_SECRET, dt.timedelta(hours=12))
    return signer.issue(row["id"], Role.STAFF, int(row["tokenVersion"])).token


def inputs_and_token(settings: Settings, seed: int) -> tuple[Inputs, str]:
    async def work() -> tuple[Inputs, str]:
        driver = open_driver(settings)
        try:
            inputs = await draw_inputs(driver, settings.neo4j_database, seed)
            return inputs, await staff_token(Database.from_settings(driver, settings), inputs.answering)
        finally:
            await driver.close()

    return asyncio.run(work())
