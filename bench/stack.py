"""A stack for benchmarks only: its own ports and an empty data folder each run, so runs are comparable."""

import os
import shutil
from pathlib import Path
from typing import Any

from network.settings import Settings
from network.stack import stack

ROOT = Path(__file__).resolve().parents[1]


def bench_settings(**overrides: object) -> Settings:
    # BENCH_* variables move the bench stack, so two benchmark runs (or a run and its tests) can coexist.
    values: dict[str, Any] = {  # Settings' own validation checks each value
        "neo4j_uri": os.environ.get("BENCH_NEO4J_URI", "bolt://127.0.0.1:7787"),
        "redis_url": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6479/0"),
        "local_stack_dir": Path(os.environ.get("BENCH_STACK_DIR", ROOT / ".local" / "bench-stack")),
        "local_cache_dir": ROOT / ".local" / "cache",
        "neo4j_heap_mb": 2048,
        "neo4j_pagecache_mb": 1024,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(**values)


def soak_settings() -> Settings:
    """The soak's service: `network run` starts its own Neo4j and Redis there and serves the API on SOAK_API_PORT.

    Apart from the other suites' stack, so a soak and a benchmark run (or their tests) can coexist.
    """
    return bench_settings(
        neo4j_uri=os.environ.get("SOAK_NEO4J_URI", "bolt://127.0.0.1:7797"),
        redis_url=os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6489/0"),
        api_port=int(os.environ.get("SOAK_API_PORT", "8097")),
        local_stack_dir=Path(os.environ.get("SOAK_STACK_DIR", ROOT / ".local" / "soak-stack")),
        neo4j_heap_mb=1024,
        neo4j_pagecache_mb=512,
    )


def mail_settings() -> Settings:
    """The mail benchmark's stack: its own Neo4j, Redis and local SMTP sink (BENCH_MAIL_NEO4J_URI,
    BENCH_MAIL_REDIS_URL, BENCH_MAIL_SMTP_PORT), apart from the others so it can run beside them."""
    return bench_settings(
        neo4j_uri=os.environ.get("BENCH_MAIL_NEO4J_URI", "bolt://127.0.0.1:7807"),
        redis_url=os.environ.get("BENCH_MAIL_REDIS_URL", "redis://127.0.0.1:6499/0"),
        smtp_host="127.0.0.1",
        smtp_port=int(os.environ.get("BENCH_MAIL_SMTP_PORT", "8045")),
        local_stack_dir=Path(os.environ.get("BENCH_MAIL_STACK_DIR", ROOT / ".local" / "mail-bench-stack")),
        neo4j_heap_mb=1024,
        neo4j_pagecache_mb=512,
    )


def fresh(settings: Settings) -> stack.Started:
    """Stops a leftover bench stack, empties its data, and starts it again."""
    stack.down(settings)
    shutil.rmtree(settings.local_stack_dir, ignore_errors=True)
    return stack.up(settings)
