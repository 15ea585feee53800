"""The mail benchmark: its pure parts (the pairs, the exactly-once count, the options) directly, then a short run:
600 notifications sent by `network worker` through the suite's own sink, stopped for a few seconds mid-run.

The smoke's stack gets free ports and a folder of its own next to the test stack's (`-mail-bench`), because the suite
starts, wipes and stops its Neo4j, Redis and sink.
"""

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.cli import bench_group
from bench.machine import machine_facts
from bench.mail.arrivals import Arrivals, check_exactly_once
from bench.mail.options import MailOptions
from bench.mail.pairs import peer_pairs
from bench.mail.results import PASS
from bench.mail.suite import run_mail
from bench.options import RunOptions
from bench.report import write_report
from tests.support.server import free_port
from tests.support.settings import make_settings


@pytest.mark.parametrize(("associations", "each"), [(2000, 5), (60, 5), (7, 4), (10, 1)])
def test_every_association_is_in_exactly_its_number_of_distinct_pairs(associations: int, each: int) -> None:
    pairs = peer_pairs(associations, each)
    assert len(pairs) == associations * each // 2
    assert all(i != j for i, j in pairs)
    assert len({frozenset(pair) for pair in pairs}) == len(pairs)
    degree = Counter(index for pair in pairs for index in pair)
    assert set(degree.values()) == {each} and len(degree) == associations


def test_pairs_refuse_what_cannot_be_paired() -> None:
    with pytest.raises(ValueError, match="even number of associations"):
        peer_pairs(7, 3)
    with pytest.raises(ValueError, match="more associations"):
        peer_pairs(5, 5)


def test_exactly_once_names_the_missing_the_twice_sent_and_the_unexpected() -> None:
    arrivals = Arrivals([1.0, 2.0, 3.0, 4.0], Counter({"<a@x>": 1, "<b@x>": 2, "<z@x>": 1}), without_id=0)
    once = check_exactly_once({"<a@x>", "<b@x>", "<c@x>"}, arrivals)
    assert (once.missing, once.duplicated, once.unexpected, once.holds) == (["<c@x>"], {"<b@x>": 2}, 1, False)
    assert check_exactly_once({"<a@x>"}, Arrivals([1.0], Counter({"<a@x>": 1}), 0)).holds
    assert not check_exactly_once({"<a@x>"}, Arrivals([1.0, 2.0], Counter({"<a@x>": 1}), 1)).holds
    assert not check_exactly_once({"<a@x>"}, Arrivals([1.0], Counter({"<a@x>": 1}), 0), unnamed=1).holds


def test_options_refuse_counts_that_cannot_be_shared_out() -> None:
    with pytest.raises(ValueError, match="multiple of per_account"):
        MailOptions(notifications=1002, per_account=5)
    with pytest.raises(ValueError, match="even"):
        MailOptions(notifications=15, per_account=5)
    with pytest.raises(ValueError, match="deadline_s"):
        MailOptions(outage_s=60, deadline_s=30)
    assert MailOptions().accounts == 2000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notifications", "1005"], "notifications must be even"),
        (["--notifications", "1002"], "multiple of per_account"),
        (["--outage-s", "-1"], "--outage-s"),
        (["--outage-s", "60", "--deadline-s", "30"], "must be longer than outage_s"),
    ],
)
def test_bad_mail_options_are_named_before_anything_starts(args: list[str], message: str) -> None:
    outcome = CliRunner().invoke(bench_group, ["mail", *args])
    assert outcome.exit_code == 2
    assert message in outcome.output


@pytest.mark.timeout(300)
def test_a_short_run_sends_every_mail_exactly_once_through_an_outage(tmp_path: Path) -> None:
    test_dir = make_settings().local_stack_dir
    settings = make_settings(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        smtp_port=free_port(),
        local_stack_dir=test_dir.with_name(f"{test_dir.name}-mail-bench"),
        neo4j_heap_mb=512,
        neo4j_pagecache_mb=64,
    )
    # A producer's wake brings delivery back at once after the outage (the minute's cron would make the smoke slow).
    options = MailOptions(
        notifications=600,
        per_account=1,  # 600 mails (five to an account would make 120, sent before an outage could meet them)
        read_s=3,
        warm_up_s=1,
        clients=2,
        outage_s=3,
        wake_after_outage=True,
        mail_retry_s=1,
        deadline_s=120,
    )
    result = run_mail(settings, tmp_path / "data", tmp_path / "out", options)

    assert result.raw["rules"]["every mail exactly once"]["result"] == PASS, result.raw["rules"]
    once = result.raw["exactly_once"]
    assert once["expected"] == once["arrived"] == 600  # one notification to each account: a mail each
    assert (once["missing_count"], once["duplicated"], once["unexpected"], once["unnamed"]) == (0, {}, 0, 0)
    assert result.raw["statuses"] == {"SENT": 600}
    delivery = result.raw["delivery"]
    assert delivery["mails_per_s"] > 0 and delivery["last_mail_s"] > 0
    assert delivery["outage_s"] >= 3 and delivery["recovered_after_s"] is not None
    assert 0 < result.raw["outage"]["sent_before"] < 600  # the outage met delivery at work
    for phase in ("idle", "working"):
        assert result.raw["reads"][phase]["requests"] > 0 and result.raw["reads"][phase]["p99_ms"] > 0

    report, raw = write_report(
        [result], machine_facts(result.raw["neo4j_server"]), RunOptions(scales=(120,), repetitions=1), tmp_path / "out"
    )
    text = report.read_text()
    assert "every mail exactly once | PASS" in text and "sender working" in text
    assert json.loads(raw.read_text())["suites"][0]["raw"]["statuses"] == {"SENT": 600}
