"""An import whose database is SIGKILLed part way ends with a clear message (what was written, that the file is only
partly imported, how to resume) instead of a traceback, and importing the same file again completes it without
duplicates. Neo4j comes back by itself: it runs under `network run`, which restarts it."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from tests.faults.conftest import NetworkRun, wait_for
from tests.support.settings import ROOT
from tests.transfer.builders import make_association, make_volunteer

# The first test of the folder also waits for `network run` to start (Neo4j's first start, on a busy machine minutes).
pytestmark = [pytest.mark.stack, pytest.mark.timeout(600)]

VOLUNTEERS = 4_000  # 4 batches: the database is killed once the second one is committed
ASSOCIATIONS = 20


@pytest.fixture
def prefix(network_run: NetworkRun) -> Iterator[str]:
    made = f"f{uuid.uuid4().hex[:10]}"
    yield made
    if network_run.answers():  # leave the reused store as it was
        with _driver(network_run) as driver, driver.session() as session:
            session.run(
                "MATCH (n) WHERE (n:Association OR n:Volunteer) AND n.slug STARTS WITH $prefix "
                "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS",
                prefix=made,
            ).consume()


@pytest.fixture
def start_import(network_run: NetworkRun) -> Iterator[Callable[[Path], subprocess.Popen[bytes]]]:
    """Starts `network import FILE` against the stack of `network run`; what still runs at the end is killed."""
    started: list[subprocess.Popen[bytes]] = []

    def start(file: Path) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "network.cli.main", "import", str(file)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=network_run.env(),
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
        process.communicate()


def test_an_interrupted_import_says_so_and_a_rerun_completes_it(
    network_run: NetworkRun, prefix: str, start_import: Callable[[Path], subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    assert network_run.process.poll() is None, "network run is not running (an earlier test stopped it)"
    associations = [make_association(f"{prefix}-a{i:02d}") for i in range(ASSOCIATIONS)]
    volunteers = [make_volunteer(f"{prefix}-v{i:05d}") for i in range(VOLUNTEERS)]
    connections = [{"a": associations[i]["slug"], "b": associations[i + 1]["slug"]} for i in range(ASSOCIATIONS - 1)]
    file = tmp_path / "import.json"
    file.write_text(json.dumps({"associations": associations, "volunteers": volunteers, "connections": connections}))

    first = start_import(file)
    with _driver(network_run) as driver:
        # Kill the database once the second batch of volunteers is committed: the importer sent it only after the
        # first one was confirmed, so at least that one is counted as written.
        wait_for(
            lambda: _count(driver, "Volunteer", prefix) >= 2000 or first.poll() is not None,
            150,
            "two batches of volunteers written",
            poll_s=0.1,
        )
        assert first.poll() is None, "the import ended before the database could be killed"
        neo4j = network_run.pid("neo4j")
        assert neo4j is not None
        os.kill(neo4j, signal.SIGKILL)
        out, _ = first.communicate(timeout=90)
        message = out.decode()

        assert first.returncode == 1, message
        assert "Traceback" not in message, message
        assert "the file was only partly imported" in message, message
        assert "Import the same file again" in message, message
        written = re.search(rf"(\d+) of {VOLUNTEERS} volunteers", message)
        assert written is not None, message
        assert f"{ASSOCIATIONS} of {ASSOCIATIONS} associations" in message, message
        assert 1000 <= int(written[1]) < VOLUNTEERS and int(written[1]) % 1000 == 0, message

        # `network run` brings Neo4j back; what the message counted is there, at most the batch in flight more.
        wait_for(network_run.answers, 150, "the API answering after Neo4j was restarted")
        stored = _count(driver, "Volunteer", prefix)
        assert int(written[1]) <= stored <= int(written[1]) + 1000

        second = start_import(file)
        out, _ = second.communicate(timeout=240)
        assert second.returncode == 0, out.decode()
        assert f"imported {ASSOCIATIONS} associations, {VOLUNTEERS} volunteers" in out.decode()

        assert _count(driver, "Volunteer", prefix) == VOLUNTEERS
        assert _count(driver, "Association", prefix) == ASSOCIATIONS
        with driver.session() as session:
            ids, links = session.run(
                "MATCH (v:Volunteer) WHERE v.slug STARTS WITH $prefix "
                "RETURN count(DISTINCT v.id) AS ids, sum(COUNT { (v)-[:OFFERS]->(:Skill) }) AS links",
                prefix=prefix,
            ).single(strict=True)
            pairs = session.run(
                "MATCH (a:Association)-[r:CONNECTED_WITH]-(:Association) WHERE a.slug STARTS WITH $prefix "
                "RETURN count(r) / 2 AS pairs",
                prefix=prefix,
            ).single(strict=True)[0]
        assert ids == VOLUNTEERS
        assert links == VOLUNTEERS  # one skill offer each, not one per import
        assert pairs == ASSOCIATIONS - 1


def _driver(run: NetworkRun) -> Driver:
    settings = run.settings
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=2,
        max_transaction_retry_time=1,
    )


def _count(driver: Driver, label: str, prefix: str) -> int:
    """Nodes of `label` under `prefix`; -1 while the database does not answer."""
    try:
        with driver.session() as session:
            record = session.run(
                f"MATCH (n:{label}) WHERE n.slug STARTS WITH $prefix RETURN count(n) AS n", prefix=prefix
            ).single(strict=True)
    except Exception:  # down or restarting: the callers wait, or assert on the number
        time.sleep(0.5)
        return -1
    return int(record["n"])
