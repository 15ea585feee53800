"""`network insights`, run as a shell would run it, against the test stack: the same tables in three formats."""

import asyncio
import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from network.cli.main import cli
from network.kit.database import Database
from network.settings import Settings
from tests.insights.conftest import associations_needing, district, skill
from tests.support.cleanup import Slugs

KEYS = [
    "unmet_needs",
    "tool_adoption",
    "tool_adoption_by_month",
    "suggestion_funnel",
    "volunteer_load",
    "event_reach",
    "peer_exposure",
    "reason_acceptance",
]


async def insights(settings: Settings, *args: str) -> Result:
    environment = {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
        "INSIGHTS_MIN_COUNT": "5",
    }
    # The command runs its own event loop, so it runs in a thread beside the test's.
    return await asyncio.to_thread(CliRunner().invoke, cli, ["insights", *args], env=environment)


async def test_each_format_holds_the_same_tables_and_no_small_count_or_name(
    settings: Settings, db: Database, own: Slugs, tmp_path: Path
) -> None:
    place, need, lone = own("district"), own("skill"), own("lone")
    await district(db, place)
    await skill(db, need)
    await associations_needing(db, [lone], place, need)

    shown = await insights(settings, "--format", "json")
    assert shown.exit_code == 0, shown.output
    document = json.loads(shown.output)
    assert [table["key"] for table in document["tables"]] == KEYS
    unmet = document["tables"][0]
    assert [[c["shown"] for c in row] for row in unmet["rows"] if row[1]["shown"] == place] == [[need, place, "<5"]]
    assert unmet["rows"][[r[1]["shown"] for r in unmet["rows"]].index(place)][2]["value"] is None

    table = await insights(settings, "--format", "csv")
    assert table.exit_code == 0, table.output
    lines = list(csv.DictReader(io.StringIO(table.output)))
    assert {line["table"] for line in lines} <= set(KEYS)
    ours = [line for line in lines if line["table"] == "unmet_needs" and line["row"] in {
        other["row"] for other in lines if other["table"] == "unmet_needs" and other["shown"] == place
    }]  # fmt: skip
    assert [(line["column"], line["shown"], line["suppressed"]) for line in ours] == [
        ("skill", need, "false"), ("district", place, "false"), ("associations", "<5", "true"),
    ]  # fmt: skip

    written = tmp_path / "insights.md"
    text = await insights(settings, "--format", "md", "--output", str(written))
    assert text.exit_code == 0, text.output
    page = written.read_text(encoding="utf-8")
    assert f"| {need} | {place} | <5 |" in page
    assert page.count("\n## ") == len(KEYS) and "Covers as of " in page
    for output in (shown.output, table.output, page):
        assert lone not in output  # nothing names an association
