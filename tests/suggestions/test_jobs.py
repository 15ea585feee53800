"""`recomputeSuggestions` and `jobRun(id)`: staff start a full recompute in the worker and follow it."""

from network.kit.database import Database
from network.settings import Settings
from tests.suggestions.conftest import cypher
from tests.suggestions.helpers import import_parties, peer
from tests.support.accounts import Accounts, GraphQL
from tests.support.cleanup import Slugs
from tests.support.worker import run_worker

START = "mutation { recomputeSuggestions { id kind status } }"
FOLLOW = "query ($id: ID!) { jobRun(id: $id) { id kind status counts error startedAt finishedAt } }"


async def test_staff_recompute_runs_in_the_worker_and_reports_counts(
    graphql: GraphQL, accounts: Accounts, db: Database, settings: Settings, slugs: Slugs
) -> None:
    a, b = slugs("a"), slugs("b")
    await import_parties(db, [peer(a), peer(b)])
    staff = await accounts.make("STAFF")
    started = (await graphql(START, staff))["recomputeSuggestions"]
    assert (started["kind"], started["status"]) == ("suggestions.recompute", "QUEUED")

    await run_worker(settings)

    run = (await graphql(FOLLOW, staff, id=started["id"]))["jobRun"]
    assert run["status"] == "SUCCEEDED" and run["error"] is None, run
    assert run["counts"]["associations"] >= 2 and run["counts"]["peer"] >= 1
    assert run["finishedAt"] >= run["startedAt"]
    found = await cypher(
        db,
        "MATCH (:Association {slug: $a})<-[:FOR|OF]-(s:Suggestion {kind: 'PEER'})-[:FOR|OF]->"
        "(:Association {slug: $b}) RETURN count(s) AS n",
        a=a,
        b=b,
    )
    assert found == [{"n": 1}]


async def test_only_staff_start_recomputes_and_read_job_runs(
    graphql: GraphQL, accounts: Accounts, settings: Settings
) -> None:
    member, staff = await accounts.make("MEMBER"), await accounts.make("STAFF")
    assert "Only programme staff" in await graphql.error(START, member)
    assert "Sign in first" in await graphql.error(START)
    started = (await graphql(START, staff))["recomputeSuggestions"]
    assert (await graphql(FOLLOW, member, id=started["id"]))["jobRun"] is None
    assert (await graphql(FOLLOW, None, id=started["id"]))["jobRun"] is None
    await run_worker(settings)  # leave the queue empty for the tests after this one
    assert (await graphql(FOLLOW, staff, id=started["id"]))["jobRun"]["status"] == "SUCCEEDED"
