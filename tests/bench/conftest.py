"""The bench suites start, wipe and stop a stack of their own, so their tests use one apart from the session's.

TEST_BENCH_NEO4J_URI / TEST_BENCH_REDIS_URL move it (default ports 17787 and 16479); its data lives next to the test
stack's folder with a `-bench` suffix. The session's `live_stack` is never started by these tests.
"""

import os
from pathlib import Path

import pytest

from bench.options import RunOptions
from network.settings import Settings
from tests.support.settings import make_settings

TINY = 30  # associations (and about 90 volunteers): every suite runs in seconds, not minutes


@pytest.fixture(scope="session")
def bench_settings() -> Settings:
    test_dir = make_settings().local_stack_dir
    return make_settings(
        neo4j_uri=os.environ.get("TEST_BENCH_NEO4J_URI", "bolt://127.0.0.1:17787"),
        redis_url=os.environ.get("TEST_BENCH_REDIS_URL", "redis://127.0.0.1:16479/0"),
        local_stack_dir=test_dir.with_name(f"{test_dir.name}-bench"),
        neo4j_heap_mb=512,
        neo4j_pagecache_mb=64,
    )


@pytest.fixture
def tiny() -> RunOptions:
    return RunOptions(scales=(TINY,), seed=7, repetitions=2, quick=True)


@pytest.fixture(scope="session")
def data_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-data")
