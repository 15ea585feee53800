"""Reasons as the JSON a Suggestion node stores."""

import json
from functools import lru_cache
from typing import Any

from network.matching.reasons import Reason


@lru_cache(maxsize=1 << 14)  # a few hundred distinct reasons recur in every list
def reason_dict(r: Reason) -> dict[str, Any]:
    # the fields in their order, by hand: `dataclasses.asdict` deep-copies and cost 90% of a 10k run's scoring
    found = {"code": r.code, "detail": r.detail, "weight": r.weight, "direction": r.direction}
    return {k: v for k, v in found.items() if v is not None}


def reasons_json(reasons: list[Reason]) -> str:
    return json.dumps([reason_dict(r) for r in reasons])
