"""Pure matching core: arrays and plain dataclasses in, ranked results with reasons out.

No driver, no Redis, no files: the worker loads rows, builds the tables of `inputs.py`, calls `peers`, `mentoring`,
`assignment` and `events`, and writes the results. Scoring weights live in `weights.py` with their reasons.
"""

from network.matching.weights import ALGORITHM_VERSION

__all__ = ["ALGORITHM_VERSION"]
