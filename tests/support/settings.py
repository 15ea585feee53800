"""Settings of the test stack: its own ports and data folder, so tests never touch a developer's data."""

import os
from pathlib import Path

from network.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "neo4j_uri": os.environ.get("TEST_NEO4J_URI", "bolt://127.0.0.1:17687"),
        "redis_url": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:16379/0"),
        "smtp_port": int(os.environ.get("TEST_SMTP_PORT", "18025")),  # the local mail sink the stack starts
        "local_stack_dir": Path(os.environ.get("TEST_STACK_DIR", ROOT / ".local" / "test-stack")),
        "local_cache_dir": ROOT / ".local" / "cache",
        "log_level": "WARNING",
        # Mutations queue a suggestion refresh; a short debounce keeps burst workers in tests from waiting for it.
        "refresh_debounce_s": 0.2,
        # Insights taken on each request, so a test reads the graph it made (tests/insights/test_store.py sets a
        # refresh interval to test the worker's last run).
        "insights_refresh_s": 0,
        # Every request reads its token's account, so a test that changes an account in the graph directly sees it at
        # once (tests/accounts/test_viewer_cache.py tests the cache the API keeps by default).
        "viewer_cache_s": 0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
