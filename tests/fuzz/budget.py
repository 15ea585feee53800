"""How much the fuzz stage runs and from which seed: set by FUZZ_CASES and FUZZ_SEED, printed in the report header."""

import os
import secrets
import zlib

# About two minutes on two cores; a developer or the benchmark raises it for a deeper run.
DEFAULT_CASES = 800
CASES = int(os.environ.get("FUZZ_CASES") or DEFAULT_CASES)
# A fresh seed each run finds more over time; the header prints it so any run can be repeated exactly.
SEED = int(os.environ.get("FUZZ_SEED") or secrets.randbelow(2**32))


def cases_per_test(tests: int) -> int:
    """The share of FUZZ_CASES of each of `tests` tests (at least one case each)."""
    return max(1, -(-CASES // tests))


def seed_of(test_id: str) -> int:
    """A seed per test derived from SEED, so one test repeats on its own as it ran in the whole stage."""
    return (SEED ^ zlib.crc32(test_id.encode())) % 2**32


# Cases each fuzz test ran, for the summary line.
RUNS: list[int] = []
